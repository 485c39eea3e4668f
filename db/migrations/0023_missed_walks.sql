ALTER TABLE "server_sources" ADD COLUMN "missed_walks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A record its source's last complete full walk did not list was missed by that walk: counted once, so it vouches for
-- its server no longer than the rule now allows (a source paged by cursor: not at all, as before).
UPDATE "server_sources" ss SET "missed_walks" = 1 FROM "source_state" st
WHERE st."source" = ss."source" AND st."full_run_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "source_pages" p WHERE p."id" = ss."page_id" AND p."seen_run_id" >= st."full_run_id");
