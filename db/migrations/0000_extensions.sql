-- pg_trgm backs the "did you mean" and search indexes on tool names (PGlite ships it as a contrib extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
