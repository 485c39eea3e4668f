CREATE TABLE "classify_queue" (
	"server_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_pages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "source_pages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"next_cursor" text,
	"max_updated_at" text,
	"records" integer DEFAULT 0 NOT NULL,
	"seen_run_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "server_sources" ADD COLUMN "page_id" integer;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "crawl_run_id" integer;--> statement-breakpoint
ALTER TABLE "source_state" ADD COLUMN "full_run_id" integer;--> statement-breakpoint
ALTER TABLE "classify_queue" ADD CONSTRAINT "classify_queue_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "source_pages_source_url_idx" ON "source_pages" USING btree ("source","url");--> statement-breakpoint
ALTER TABLE "server_sources" ADD CONSTRAINT "server_sources_page_id_source_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."source_pages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classifications_version_idx" ON "classifications" USING btree ("classifier_version");--> statement-breakpoint
CREATE INDEX "server_sources_page_idx" ON "server_sources" USING btree ("page_id");--> statement-breakpoint
ALTER TABLE "servers" DROP COLUMN "seen_run_id";--> statement-breakpoint
-- A catalog from before the queue: every server with tools is looked at once; only stale classifications are rewritten.
INSERT INTO "classify_queue" ("server_id") SELECT DISTINCT "server_id" FROM "tools" WHERE "removed_at" IS NULL;
