ALTER TABLE "servers" ADD COLUMN "introspection_notes" text;--> statement-breakpoint
-- What a successful listing noted was written where failures are: move it out (a failure begins with its reason,
-- "connect: ", "attempt 2 of 4, will retry: ", "dead-lettered after …"; a note with what was left out). The feed
-- shows it under another name now: a change a mirror must see.
UPDATE "servers" SET "introspection_notes" = "introspection_error", "introspection_error" = NULL, "catalog_updated_at" = clock_timestamp() WHERE "introspection_error" ~ '^(skipped [0-9]+ tools?: |dropped [0-9]+ annotation hints? of the wrong type|truncated: |NUL bytes or lone surrogates replaced)';
