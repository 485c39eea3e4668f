ALTER TABLE "servers" ADD COLUMN "catalog_updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- A server already catalogued gets the latest change the catalog kept a time for: when it was first seen, the runs
-- that last rewrote or removed it, its tools' history, their classifications, the listing that left its error.
UPDATE "servers" s SET "catalog_updated_at" = greatest(
  s."first_seen_at",
  (select max(coalesce(r."finished_at", r."started_at")) from "crawl_runs" r where r."id" in (s."changed_run_id", s."removed_run_id")),
  (select max(c."at") from "tool_changes" c where c."server_id" = s."id"),
  (select max(cl."classified_at") from "tools" t join "classifications" cl on cl."tool_id" = t."id" where t."server_id" = s."id"),
  case when s."introspection_error" is not null then s."introspected_at" end
);
