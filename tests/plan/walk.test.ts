// The walk over a source's pages, on plain data: the page limit, looping cursors, and the run summary's counts.
import { describe, expect, test } from "vitest";
import { detailValidators, NO_DETAIL, notModified, settleDetail, type StoredDetail } from "../../crawler/plan/details.js";
import { addToolCounts, countPage, MAX_SKIPPED_REASONS, newSourceSummary, OTHER_REASONS, reasonCounts, sumCounts } from "../../crawler/plan/summary.js";
import { cursorStop, describeWalkStop, mayTakePage, newWalk } from "../../crawler/plan/walk.js";
import type { SourceRecord } from "../../crawler/records.js";

describe("walk stops", () => {
  test("no page past the limit", () => {
    expect(mayTakePage({ pages: 24 }, 25)).toBeUndefined();
    const stop = mayTakePage({ pages: 25 }, 25);
    expect(stop).toEqual({ kind: "page_limit", maxPages: 25 });
    expect(describeWalkStop(stop!)).toBe("stopped after 25 pages (pagination does not end)");
  });

  test("a cursor met before, or pointing at its own page, loops; the last page points nowhere", () => {
    const walk = newWalk();
    walk.cursors.add("a");
    walk.cursors.add("b");
    expect(cursorStop(walk, "b", "c")).toBeUndefined();
    expect(cursorStop(walk, "b", null)).toBeUndefined();
    expect(cursorStop(walk, "b", "a")).toEqual({ kind: "cursor_loop", cursor: "a" });
    expect(cursorStop(newWalk(), "x", "x")).toEqual({ kind: "cursor_loop", cursor: "x" });
    expect(describeWalkStop({ kind: "cursor_loop", cursor: "a" })).toBe('cursor "a" loops back to an earlier page');
  });
});

describe("summary counts", () => {
  test("pages add up field by field and reason by reason; zero reasons are not listed", () => {
    let s = newSourceSummary({ mode: "full", resumed: false });
    s = countPage(s, sumCounts({ pages: 1, requests: 2, records: 3, reasons: reasonCounts(["bad name", "bad name", "no url"]) }, { unchangedRecords: 1, reasons: { cut: 0 } }));
    s = countPage(s, { pages: 1, notModified: 1, requests: 1 });
    expect(s).toMatchObject({ pages: 2, notModified: 1, requests: 3, records: 3, unchangedRecords: 1, skippedReasons: { "bad name": 2, "no url": 1 } });
    expect(s.skippedReasons).not.toHaveProperty("cut");
    expect(newSourceSummary({ mode: "incremental", since: "2026-01-01T00:00:00Z", resumed: true })).toMatchObject({ mode: "incremental", since: "2026-01-01T00:00:00Z", resumed: true, errors: [] });
  });

  test("a summary names at most MAX_SKIPPED_REASONS reasons; the rest are counted together, none lost", () => {
    // Reasons that quote their record (a detail's URL), one per bad record: thousands would be named otherwise.
    const perRecord = (from: number, n: number) => reasonCounts(Array.from({ length: n }, (_, i) => `detail: GET https://registry.example/pkg-${from + i} failed: 404`));
    let s = newSourceSummary({ mode: "full", resumed: false });
    s = countPage(s, { skipped: 2, reasons: { "bad name": 2 } });
    s = countPage(s, { skipped: 300, reasons: perRecord(0, 300) });
    s = countPage(s, { skipped: 303, reasons: { ...perRecord(300, 300), "bad name": 1, [`detail: GET https://registry.example/pkg-0 failed: 404`]: 2 } });
    const named = Object.keys(s.skippedReasons).filter((r) => r !== OTHER_REASONS);
    expect(named).toHaveLength(MAX_SKIPPED_REASONS);
    // A reason already named goes on being counted under its name.
    expect(s.skippedReasons["bad name"]).toBe(3);
    expect(s.skippedReasons["detail: GET https://registry.example/pkg-0 failed: 404"]).toBe(3);
    expect(s.skippedReasons[OTHER_REASONS]).toBe(600 - (MAX_SKIPPED_REASONS - 1));
    expect(Object.values(s.skippedReasons).reduce((a, b) => a + b, 0)).toBe(s.skipped);
  });

  test("tool counts of pages and stages add up", () => {
    const zero = { added: 0, changed: 0, removed: 0, unchanged: 0, classified: 0 };
    expect(addToolCounts(addToolCounts(zero, { added: 2, unchanged: 1 }), { classified: 5, added: 1 })).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 1, classified: 5 });
    // A stage's adds taken back leave the run's total net of them.
    expect(addToolCounts({ ...zero, added: 3 }, { added: 1, retracted: 2 })).toEqual({ ...zero, added: 2 });
  });
});

describe("settleDetail", () => {
  const record: SourceRecord = { source: "smithery", sourceId: "a", isLatest: true, raw: {}, server: { key: "a", status: "active", packages: [], remotes: [] }, aliases: [] };
  const completed = { ...record, tools: [{ name: "t" }] };
  // A source whose list page gives the record (Smithery), one whose detail must prove it (npm); the record not stored yet.
  const listed = { required: false, stored: false };
  const proven = { required: true, stored: false };

  test("a detail completes its record, shows it is not one to keep, or (a 304) leaves it as stored", () => {
    expect(settleDetail(record, { parsed: completed }, listed)).toEqual({ record: completed, counts: {} });
    expect(settleDetail(record, { parsed: { skip: "not a server" } }, listed)).toEqual({ counts: { skipped: 1, reasons: { "not a server": 1 } } });
    expect(settleDetail(record, { asStored: true }, proven)).toEqual({ asStored: "a", counts: {} });
  });

  test("what a detail dropped of the record it completed (tools that could not be kept) is counted by reason, the record kept", () => {
    const dropped = ["tool dropped: name: missing", "annotation hint dropped, the tool kept: readOnlyHint is a string, not a boolean", "tool dropped: name: missing"];
    expect(settleDetail(record, { parsed: { record: completed, dropped } }, listed)).toEqual({
      record: completed,
      counts: { skipped: 3, reasons: { "tool dropped: name: missing": 2, "annotation hint dropped, the tool kept: readOnlyHint is a string, not a boolean": 1 } },
    });
    expect(settleDetail(record, { parsed: { record: completed, dropped: [] } }, proven)).toEqual({ record: completed, counts: {} });
  });

  test("a failed detail keeps the list page's record, unless only the detail proves it; a stored one stays listed through a failure that may pass", () => {
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, listed)).toEqual({ record, counts: { detailErrors: 1, reasons: { "detail: HTTP 500": 1 } } });
    expect(settleDetail(record, { failed: "HTTP 404", transient: false }, proven)).toEqual({ counts: { detailErrors: 1, skipped: 1, reasons: { "detail: HTTP 404": 1 } } });
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, proven)).toEqual({ asStored: "a", counts: { detailErrors: 1, skipped: 1, reasons: { "detail: HTTP 500": 1 } } });
    expect(settleDetail(record, { none: true }, listed)).toEqual({ record, counts: {} });
    expect(settleDetail(record, { none: true }, proven)).toEqual({ counts: { skipped: 1, reasons: { [NO_DETAIL]: 1 } } });
  });

  test("a stored record whose detail failed for now stays as stored, not rewritten from its list entry alone; a failure for good rewrites it", () => {
    const blip = { detailErrors: 1, reasons: { "detail: HTTP 500": 1 } };
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, { ...listed, stored: true })).toEqual({ asStored: "a", counts: blip });
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, { ...proven, stored: true })).toEqual({ asStored: "a", counts: { ...blip, skipped: 1 } });
    expect(settleDetail(record, { failed: "HTTP 404", transient: false }, { ...listed, stored: true })).toEqual({ record, counts: { detailErrors: 1, reasons: { "detail: HTTP 404": 1 } } });
  });

  test("deriving every record again, a stored record whose detail failed for now is completed from the detail it was stored with, the failure counted", () => {
    const blip = { detailErrors: 1, reasons: { "detail: HTTP 500": 1 } };
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, { ...proven, stored: true, fromStored: completed })).toEqual({ record: completed, counts: blip });
    // The stored detail shows no server (by these rules): skipped, as the detail itself would have it.
    expect(settleDetail(record, { failed: "HTTP 500", transient: true }, { ...proven, stored: true, fromStored: { skip: "not a server" } })).toEqual({
      counts: { ...blip, skipped: 1, reasons: { ...blip.reasons, "not a server": 1 } },
    });
    // A failure for good is no blip: the stored detail is not taken for the package's.
    expect(settleDetail(record, { failed: "HTTP 404", transient: false }, { ...proven, stored: true, fromStored: completed })).toEqual({ counts: { detailErrors: 1, skipped: 1, reasons: { "detail: HTTP 404": 1 } } });
  });
});

describe("conditional details", () => {
  const stored: StoredDetail = { url: "http://r/a/latest", etag: '"e1"', lastModified: "Thu, 20 Nov 2025 10:00:00 GMT", skipped: null, listHash: "h1", recordStored: true };

  test("a detail is asked with its stored validators only at the same URL, when a 304 can be answered from the catalog, and never with --full", () => {
    expect(detailValidators(stored, "http://r/a/latest", { full: false })).toEqual({ etag: '"e1"', lastModified: "Thu, 20 Nov 2025 10:00:00 GMT" });
    expect(detailValidators(stored, "http://mirror/a/latest", { full: false })).toEqual({});
    expect(detailValidators(stored, "http://r/a/latest", { full: true })).toEqual({});
    expect(detailValidators({ ...stored, recordStored: false }, "http://r/a/latest", { full: false })).toEqual({});
    expect(detailValidators({ ...stored, recordStored: false, skipped: "not a server: no-bin" }, "http://r/a/latest", { full: false })).toEqual(expect.objectContaining({ etag: '"e1"' }));
    expect(detailValidators(undefined, "http://r/a/latest", { full: false })).toEqual({});
  });

  test("a 304 skips again, leaves the record as stored, or completes it again when its list entry changed", () => {
    expect(notModified({ ...stored, skipped: "not a server: no-bin" }, "h2")).toEqual({ skip: "not a server: no-bin" });
    expect(notModified(stored, "h1")).toEqual({ unchanged: true });
    expect(notModified(stored, "h2")).toEqual({ rebuild: true });
  });
});
