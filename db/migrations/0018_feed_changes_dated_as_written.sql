-- A new server's entry is dated by the clock as it is written, as every later change to it is, not by its
-- transaction's start (CATALOG_CHANGED_AT in db/schema.ts: what the feed's nextUpdatedSince relies on).
ALTER TABLE "servers" ALTER COLUMN "catalog_updated_at" SET DEFAULT clock_timestamp();
