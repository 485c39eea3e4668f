-- Raw records over the TOAST threshold (a directory's entry with its tool list) are compressed as they
-- are written: lz4 costs a fraction of pglz's CPU (a page of 3,000 records: 252 -> 175 ms of backend
-- CPU to insert). A server built without lz4 (PGlite is) keeps the default.
DO $$ BEGIN
  ALTER TABLE "server_sources" ALTER COLUMN "raw" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
