-- History written before a change took the category of the classification its definition (new_hash) already had:
-- a tool removed and listed again unchanged was never classified again, so its return was left without a class.
-- Each such change takes the category of the tool's stored classification when that is of the same definition, as
-- 0016 did; a change to a definition replaced since stays unknown.
UPDATE "tool_changes" tc SET "category" = c."category"
FROM "tools" t JOIN "classifications" c ON c."tool_id" = t."id"
WHERE tc."category" IS NULL AND t."server_id" = tc."server_id" AND t."name" = tc."tool_name" AND c."content_hash" = tc."new_hash";
