ALTER TABLE "server_aliases" DROP CONSTRAINT "server_aliases_kind_value_server_id_pk";--> statement-breakpoint
ALTER TABLE "server_aliases" ADD COLUMN "source_id" text;--> statement-breakpoint
-- Aliases were kept per server and source, not per record asserting them. Each is given to every record of its source
-- on its server, so look-ups find the same servers until the next crawl of each source, which derives its records
-- again (identity_rules_version is null) and replaces every alias with those its record asserts. One that no record of
-- its source on its server can assert (the record has moved to another server) is dropped.
INSERT INTO "server_aliases" ("kind", "value", "server_id", "source", "source_id")
  SELECT DISTINCT a."kind", a."value", a."server_id", a."source", ss."source_id"
  FROM "server_aliases" a JOIN "server_sources" ss ON ss."server_id" = a."server_id" AND ss."source" = a."source"
  WHERE a."source_id" IS NULL;--> statement-breakpoint
DELETE FROM "server_aliases" WHERE "source_id" IS NULL;--> statement-breakpoint
ALTER TABLE "server_aliases" ALTER COLUMN "source_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "server_aliases" ADD CONSTRAINT "server_aliases_source_source_id_kind_value_pk" PRIMARY KEY("source","source_id","kind","value");--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "crawl_rederives" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "identity_rules_version" integer;
