ALTER TABLE "tool_changes" ADD COLUMN "category" text;--> statement-breakpoint
-- History written before the column: a change whose definition (new_hash) is the one the tool's stored
-- classification was made of takes that category. A change to a definition replaced since was classified
-- then but not kept: it stays unknown, which labels it as an unclassified change, never by the tool's class now.
UPDATE "tool_changes" tc SET "category" = c."category"
FROM "tools" t JOIN "classifications" c ON c."tool_id" = t."id"
WHERE t."server_id" = tc."server_id" AND t."name" = tc."tool_name" AND c."content_hash" = tc."new_hash";--> statement-breakpoint
CREATE INDEX "tool_changes_server_tool_idx" ON "tool_changes" USING btree ("server_id","tool_name");
--> statement-breakpoint
DO $$ BEGIN
  IF getdatabaseencoding() <> 'UTF8' THEN
    RAISE EXCEPTION 'the catalog needs a UTF8 database (this one is %): create one with ENCODING ''UTF8'' and point DATABASE_URL at it', getdatabaseencoding();
  END IF;
END $$;--> statement-breakpoint
-- normalize() works only in a UTF8 database (checked above): elsewhere this index would fail every later tool insert.
CREATE INDEX "tools_name_folded_idx" ON "tools" USING btree (lower(normalize("name", NFKC)));
