CREATE TABLE "server_categories" (
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"server_id" integer NOT NULL,
	"category" text NOT NULL,
	"observed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "server_categories_source_source_id_category_pk" PRIMARY KEY("source","source_id","category")
);
--> statement-breakpoint
CREATE TABLE "server_popularity" (
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"server_id" integer NOT NULL,
	"metric" text NOT NULL,
	"value" bigint NOT NULL,
	"observed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "server_popularity_source_source_id_metric_pk" PRIMARY KEY("source","source_id","metric")
);
--> statement-breakpoint
ALTER TABLE "server_categories" ADD CONSTRAINT "server_categories_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_popularity" ADD CONSTRAINT "server_popularity_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "server_categories_server_idx" ON "server_categories" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "server_popularity_server_idx" ON "server_popularity" USING btree ("server_id");