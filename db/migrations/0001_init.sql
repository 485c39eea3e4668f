CREATE TABLE "classifications" (
	"tool_id" integer PRIMARY KEY NOT NULL,
	"classifier_version" text NOT NULL,
	"content_hash" text NOT NULL,
	"category" text NOT NULL,
	"risk" text NOT NULL,
	"confidence" real NOT NULL,
	"signals" jsonb NOT NULL,
	"rationale" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"method" text NOT NULL,
	"classified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crawl_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crawl_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"options" jsonb NOT NULL,
	"sources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"servers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tools" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "server_aliases" (
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"server_id" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "server_aliases_kind_value_server_id_pk" PRIMARY KEY("kind","value","server_id")
);
--> statement-breakpoint
CREATE TABLE "server_sources" (
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"server_id" integer NOT NULL,
	"is_latest" boolean NOT NULL,
	"raw" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"etag" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_id" integer,
	CONSTRAINT "server_sources_source_source_id_pk" PRIMARY KEY("source","source_id")
);
--> statement-breakpoint
CREATE TABLE "servers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "servers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"title" text,
	"description" text,
	"repository_key" text,
	"repository_url" text,
	"repository_subfolder" text,
	"website_url" text,
	"version" text,
	"status" text DEFAULT 'active' NOT NULL,
	"packages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"remotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"popularity" integer,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"canonical_source" text NOT NULL,
	"canonical_rank" integer NOT NULL,
	"content_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_run_id" integer,
	"changed_run_id" integer,
	"seen_run_id" integer,
	"removed_run_id" integer,
	"introspected_at" timestamp with time zone,
	"introspection_error" text
);
--> statement-breakpoint
CREATE TABLE "source_state" (
	"source" text PRIMARY KEY NOT NULL,
	"watermark" text,
	"cursor" text,
	"mode" text,
	"pending_watermark" text,
	"crawl_started_at" timestamp with time zone,
	"last_completed_at" timestamp with time zone,
	"last_run_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tool_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tool_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"tool_name" text NOT NULL,
	"kind" text NOT NULL,
	"old_hash" text,
	"new_hash" text,
	"details" jsonb,
	"run_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tools" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tools_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"server_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"description" text,
	"input_schema" jsonb,
	"annotations" jsonb,
	"content_hash" text NOT NULL,
	"origin" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_tool_id_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_aliases" ADD CONSTRAINT "server_aliases_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_sources" ADD CONSTRAINT "server_sources_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_changes" ADD CONSTRAINT "tool_changes_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classifications_category_risk_idx" ON "classifications" USING btree ("category","risk");--> statement-breakpoint
CREATE INDEX "server_aliases_server_idx" ON "server_aliases" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "server_aliases_value_idx" ON "server_aliases" USING btree ("value");--> statement-breakpoint
CREATE INDEX "server_sources_server_idx" ON "server_sources" USING btree ("server_id");--> statement-breakpoint
CREATE UNIQUE INDEX "servers_key_idx" ON "servers" USING btree ("key");--> statement-breakpoint
CREATE INDEX "servers_key_lower_idx" ON "servers" USING btree (lower("key"));--> statement-breakpoint
CREATE INDEX "servers_status_idx" ON "servers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "servers_repository_key_idx" ON "servers" USING btree ("repository_key");--> statement-breakpoint
CREATE INDEX "tool_changes_server_at_idx" ON "tool_changes" USING btree ("server_id","at");--> statement-breakpoint
CREATE INDEX "tool_changes_at_idx" ON "tool_changes" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "tools_server_name_idx" ON "tools" USING btree ("server_id","name");--> statement-breakpoint
CREATE INDEX "tools_name_lower_idx" ON "tools" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "tools_name_trgm_idx" ON "tools" USING gin (lower("name") gin_trgm_ops);