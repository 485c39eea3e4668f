CREATE TABLE "model_reviews" (
	"content_hash" text NOT NULL,
	"model" text NOT NULL,
	"prompt_version" text NOT NULL,
	"verdict" jsonb NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_reviews_content_hash_model_prompt_version_pk" PRIMARY KEY("content_hash","model","prompt_version")
);
--> statement-breakpoint
ALTER TABLE "classifications" ADD COLUMN "review_model" text;--> statement-breakpoint
ALTER TABLE "classifications" ADD COLUMN "review_prompt_version" text;