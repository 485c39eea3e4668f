-- Documents the catalog stores and hands back but never filters, joins, groups or sorts on: no plan
-- uses their statistics, and reading and comparing their sampled values was most of what analyzing
-- their tables cost (classifications of 28,866 tools: 592 -> 286 ms of backend CPU per ANALYZE).
ALTER TABLE "classifications" ALTER COLUMN "signals" SET STATISTICS 0, ALTER COLUMN "rationale" SET STATISTICS 0, ALTER COLUMN "evidence" SET STATISTICS 0, ALTER COLUMN "rule" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "server_sources" ALTER COLUMN "raw" SET STATISTICS 0;
