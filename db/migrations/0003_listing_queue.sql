CREATE TABLE "host_backoffs" (
	"host" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "relist_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "auth_posture" text;--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "auth_details" jsonb;