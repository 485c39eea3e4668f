// A list page's items read one at a time (crawler/sources/fields.ts readItems), on plain data: a record, a skip,
// a record with parts dropped, and a reader that throws on one item, which costs that item and never the page.
import { describe, expect, test } from "vitest";
import type { RecordResult, SourceRecord } from "../../crawler/records.js";
import { readItems, UNREADABLE_ITEM } from "../../crawler/sources/fields.js";

const record = (name: string): SourceRecord => ({ source: "glama", sourceId: name, isLatest: true, raw: name, server: { key: name, status: "active", packages: [], remotes: [] }, aliases: [] });

describe("readItems", () => {
  test("records in order; skips, and what a kept record dropped, at the item's index", () => {
    const read = (item: unknown): RecordResult => {
      const name = String(item);
      if (name === "bad") return { skip: "name: bad" };
      if (name === "partial") return { record: record(name), dropped: ["tool dropped: name: missing", "tool dropped: duplicate name"] };
      return record(name);
    };
    const { records, skipped } = readItems(["a", "bad", "partial", "b"], read);
    expect(records.map((r) => r.sourceId)).toEqual(["a", "partial", "b"]);
    expect(skipped).toEqual([
      { index: 1, reason: "name: bad" },
      { index: 2, reason: "tool dropped: name: missing" },
      { index: 2, reason: "tool dropped: duplicate name" },
    ]);
  });

  test("a reader that throws on one item costs that item alone, its reason one line naming the error", () => {
    // What a reader's bug on an unforeseen value does: here a property read on null, and an error whose message quotes a long value.
    const read = (item: unknown): RecordResult => {
      const o = item as { name: { first: string } } | null;
      if (o?.name.first === "long") throw new Error(`unreadable: ${"x".repeat(500)}\nsecond line`);
      return record((o as { name: { first: string } }).name.first);
    };
    const { records, skipped } = readItems([{ name: { first: "a" } }, null, { name: { first: "long" } }, { name: { first: "b" } }], read);
    expect(records.map((r) => r.sourceId)).toEqual(["a", "b"]);
    expect(skipped.map((s) => s.index)).toEqual([1, 2]);
    expect(skipped[0]!.reason).toMatch(new RegExp(`^${UNREADABLE_ITEM} \\(Cannot read properties of null`));
    expect(skipped[1]!.reason.startsWith(`${UNREADABLE_ITEM} (unreadable: xxx`)).toBe(true);
    expect(skipped[1]!.reason).not.toContain("second line");
    // Cut to one line of at most 300 characters.
    expect(skipped[1]!.reason.length).toBeLessThanOrEqual(`${UNREADABLE_ITEM} ()`.length + 300);
  });
});
