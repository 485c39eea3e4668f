ALTER TABLE "servers" ADD COLUMN "introspected_hash" text;--> statement-breakpoint
-- A server listed before its record's last change by a run that began after the listing was changed by a run that
-- stopped before it listed it (a run lists after it crawls): left null, it is due again. The others were listed for
-- the record they hold.
UPDATE "servers" SET "introspected_hash" = "content_hash" WHERE "introspected_at" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "crawl_runs" r WHERE r."id" = "servers"."changed_run_id" AND r."started_at" > "servers"."introspected_at");
