CREATE TABLE "revived_tools" (
	"tool_id" integer PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"title" text,
	"description" text,
	"input_schema" jsonb,
	"annotations" jsonb,
	"content_hash" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revived_tools" ADD CONSTRAINT "revived_tools_tool_id_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."tools"("id") ON DELETE cascade ON UPDATE no action;