CREATE TABLE "source_details" (
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"skipped" text,
	"list_hash" text NOT NULL,
	CONSTRAINT "source_details_source_source_id_pk" PRIMARY KEY("source","source_id")
);
--> statement-breakpoint
ALTER TABLE "source_pages" ADD COLUMN "last_modified" text;--> statement-breakpoint
ALTER TABLE "server_sources" DROP COLUMN "etag";