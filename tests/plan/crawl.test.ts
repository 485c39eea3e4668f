// How a crawl starts and ends, on plain data: mode and resume, watermark, the miss and gone-share rules.
import { describe, expect, test } from "vitest";
import { afterPage, checkpointAfter, crawlCompletion, crawlStart, goneDecision, laterWatermark, MAX_GONE_SHARE, openCrawl, refusesCheckpoint, walksBeforeGone, walksBeforeGoneBySource, withinClock } from "../../crawler/plan/crawl.js";
import { DEFAULT_CRAWL_LIMITS } from "../../crawler/plan/walk.js";
import { IDENTITY_RULES_VERSION } from "../../crawler/normalize.js";

describe("goneDecision", () => {
  test("a few unlisted servers of a big source go", () => {
    expect(goneDecision({ unlisted: 10, listed: 1_000 })).toEqual({ markGone: true, withheld: 0 });
  });

  test("more than the gone share at once is withheld whole: the source is likelier broken than emptied", () => {
    expect(MAX_GONE_SHARE).toBe(0.1);
    expect(goneDecision({ unlisted: 101, listed: 1_000 })).toEqual({ markGone: false, withheld: 101 });
  });

  test("one server may always go, even from a tiny source; none unlisted marks nothing", () => {
    expect(goneDecision({ unlisted: 1, listed: 2 })).toEqual({ markGone: true, withheld: 0 });
    expect(goneDecision({ unlisted: 2, listed: 2 })).toEqual({ markGone: false, withheld: 2 });
    expect(goneDecision({ unlisted: 0, listed: 0 })).toEqual({ markGone: false, withheld: 0 });
  });
});

describe("refusesCheckpoint", () => {
  const resumed = { mode: "full" as const, resumed: true, rederive: false, cursor: "c4", page: 3, crawlStartedAt: "2026-01-01T00:00:00Z", crawlRunId: 2 };
  const refused = { kind: "status" as const, status: 400, page: 3 };

  test("the resumed page refused with a status that refuses the request, before any page was walked", () => {
    expect(refusesCheckpoint(resumed, 0, refused)).toBe(true);
    for (const status of [404, 410, 422]) expect(refusesCheckpoint(resumed, 0, { ...refused, status })).toBe(true);
    expect(refusesCheckpoint({ ...resumed, page: null }, 0, refused)).toBe(true);
  });

  test("not a crawl started afresh, a later page, a page walked before, or a failure starting over would meet again", () => {
    expect(refusesCheckpoint({ ...resumed, resumed: false, cursor: null, page: 1 }, 0, { ...refused, page: 1 })).toBe(false);
    expect(refusesCheckpoint(resumed, 0, { ...refused, page: 4 })).toBe(false);
    expect(refusesCheckpoint(resumed, 1, refused)).toBe(false);
    for (const status of [401, 403, 408, 429, 500, 503]) expect(refusesCheckpoint(resumed, 0, { ...refused, status })).toBe(false);
    expect(refusesCheckpoint(resumed, 0, { kind: "network", page: 3 })).toBe(false);
    expect(refusesCheckpoint(resumed, 0, { kind: "aborted", status: 400, page: 3 })).toBe(false);
  });
});

describe("walksBeforeGone", () => {
  test("a source paged by offset or position must miss a record in more than one walk in a row; the rest in one", () => {
    expect(DEFAULT_CRAWL_LIMITS.offsetMissesBeforeGone).toBe(2);
    expect(walksBeforeGoneBySource()).toEqual({ registry: 1, glama: 2, smithery: 2, pulsemcp: 2, npm: 2, awesome: 1, pypi: 1 });
    expect(walksBeforeGone("pulsemcp")).toBe(DEFAULT_CRAWL_LIMITS.offsetMissesBeforeGone);
  });
});

describe("laterWatermark", () => {
  test("the later of two dates, either absent", () => {
    expect(laterWatermark("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z")).toBe("2026-02-01T00:00:00Z");
    expect(laterWatermark("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")).toBe("2026-02-01T00:00:00Z");
    expect(laterWatermark(undefined, "2026-01-01T00:00:00Z")).toBe("2026-01-01T00:00:00Z");
    expect(laterWatermark("2026-01-01T00:00:00Z", null)).toBe("2026-01-01T00:00:00Z");
    expect(laterWatermark(null, undefined)).toBeNull();
  });
});

describe("crawlStart", () => {
  const base = { full: false, incremental: true, watermark: "2026-01-01T00:00:00Z", runId: 7, now: "2026-03-01T00:00:00.000Z" };
  /** A source whose last complete crawl derived its records by this release's identity rules, no crawl under way. */
  const settled = { cursor: null, cursorPage: null, mode: null, crawlStartedAt: null, crawlRunId: null, crawlRederives: false, identityRulesVersion: IDENTITY_RULES_VERSION };
  const killed = (mode: string) => ({ ...settled, cursor: "c2", cursorPage: 2, mode, crawlStartedAt: "2026-02-01T00:00:00Z", crawlRunId: 5 });

  test("a first crawl, or one with no watermark, is full from the start", () => {
    expect(crawlStart(undefined, { ...base, watermark: null })).toEqual({ mode: "full", resumed: false, cursor: null, page: 1, crawlStartedAt: base.now, crawlRunId: 7, rederive: true });
    expect(crawlStart(settled, { ...base, watermark: null })).toEqual({ mode: "full", resumed: false, cursor: null, page: 1, crawlStartedAt: base.now, crawlRunId: 7, rederive: false });
  });

  test("with a watermark, an incremental source crawls what changed since it; one that cannot be asked crawls full", () => {
    expect(crawlStart(settled, base)).toMatchObject({ mode: "incremental", since: base.watermark });
    expect(crawlStart(settled, { ...base, incremental: false })).toMatchObject({ mode: "full" });
    expect(crawlStart(settled, { ...base, full: true })).toMatchObject({ mode: "full", rederive: false });
  });

  test("records derived by other identity rules, or by none stored (a catalog from before them), are all derived again: full, whatever the watermark", () => {
    for (const identityRulesVersion of [null, IDENTITY_RULES_VERSION - 1]) {
      expect(crawlStart({ ...settled, identityRulesVersion }, base)).toEqual({ mode: "full", resumed: false, cursor: null, page: 1, crawlStartedAt: base.now, crawlRunId: 7, rederive: true });
    }
  });

  test("a rederiving crawl resumes only a killed crawl that was rederiving: another left its first pages as they were derived", () => {
    const old = { identityRulesVersion: IDENTITY_RULES_VERSION - 1 };
    expect(crawlStart({ ...killed("full"), ...old, crawlRederives: true }, base)).toMatchObject({ mode: "full", resumed: true, cursor: "c2", crawlRunId: 5, rederive: true });
    expect(crawlStart({ ...killed("full"), ...old }, base)).toMatchObject({ mode: "full", resumed: false, cursor: null, page: 1, crawlRunId: 7, rederive: true });
    expect(crawlStart({ ...killed("incremental"), ...old }, base)).toMatchObject({ mode: "full", resumed: false, cursor: null, rederive: true });
  });

  test("a crawl a killed run left half done resumes at its cursor and that cursor's page, with its start and run", () => {
    expect(crawlStart(killed("full"), base)).toEqual({ mode: "full", resumed: true, cursor: "c2", page: 2, crawlStartedAt: "2026-02-01T00:00:00Z", crawlRunId: 5, rederive: false });
    expect(crawlStart(killed("incremental"), base)).toMatchObject({ mode: "incremental", since: base.watermark, resumed: true, cursor: "c2", page: 2 });
  });

  test("a checkpoint written before pages were numbered resumes with its pages unnumbered, not numbered from 1", () => {
    expect(crawlStart({ ...killed("full"), cursorPage: null }, base)).toMatchObject({ resumed: true, cursor: "c2", page: null });
  });

  test("--full resumes a killed full crawl but starts over instead of resuming an incremental one", () => {
    expect(crawlStart(killed("full"), { ...base, full: true })).toMatchObject({ resumed: true, cursor: "c2" });
    expect(crawlStart(killed("incremental"), { ...base, full: true })).toMatchObject({ mode: "full", resumed: false, cursor: null, page: 1, crawlRunId: 7 });
  });

  test("a crawl resumed from before pages were kept has no run: it settles no removals", () => {
    expect(crawlStart({ ...killed("full"), crawlRunId: null }, base)).toMatchObject({ resumed: true, crawlRunId: null });
  });
});

describe("withinClock", () => {
  const limitMs = Date.parse("2026-03-01T01:00:00Z");

  test("the latest date the clock allows; nothing counted when none is past it", () => {
    expect(withinClock({ limitMs }, ["2026-01-01T00:00:00Z", null, "2026-02-01T00:00:00Z", undefined])).toEqual({ latest: "2026-02-01T00:00:00Z", clock: { limitMs } });
    expect(withinClock({ limitMs }, [])).toEqual({ clock: { limitMs } });
  });

  test("dates past the limit are left out and counted, across pages, with the latest of them", () => {
    const first = withinClock({ limitMs }, ["2026-01-01T00:00:00Z", "9000-01-01T00:00:00Z"]);
    expect(first.latest).toBe("2026-01-01T00:00:00Z");
    expect(first.clock.futureDates).toEqual({ ignored: 1, latest: "9000-01-01T00:00:00Z", limit: "2026-03-01T01:00:00.000Z" });
    const second = withinClock(first.clock, ["9999-12-31T00:00:00Z", "2027-01-01T00:00:00Z"]);
    expect(second.latest).toBeUndefined();
    expect(second.clock.futureDates).toEqual({ ignored: 3, latest: "9999-12-31T00:00:00Z", limit: "2026-03-01T01:00:00.000Z" });
    // The clock given is not changed: each page folds into a new one.
    expect(first.clock.futureDates!.ignored).toBe(1);
  });
});

describe("openCrawl", () => {
  const o = { full: false, incremental: true, runId: 7, now: new Date("2026-03-01T00:00:00Z"), clockSkewMs: 3_600_000 };
  const state = { cursor: null, cursorPage: null, mode: null, crawlStartedAt: null, crawlRunId: null, crawlRederives: false, identityRulesVersion: IDENTITY_RULES_VERSION, watermark: "2026-02-01T00:00:00Z", pendingWatermark: null };

  test("a stored watermark within the clock starts an incremental crawl from it", () => {
    const opened = openCrawl(state, o);
    expect(opened).toMatchObject({ storedWatermark: state.watermark, pendingWatermark: null, start: { mode: "incremental", since: state.watermark } });
    expect(opened.clock).toEqual({ limitMs: Date.parse("2026-03-01T01:00:00Z") });
  });

  test("a watermark stored in the far future is set aside and said so: the crawl runs in full", () => {
    const opened = openCrawl({ ...state, watermark: "9999-12-31T00:00:00Z" }, o);
    expect(opened.storedWatermark).toBeNull();
    expect(opened.start.mode).toBe("full");
    expect(opened.clock.futureDates).toMatchObject({ ignored: 1, storedWatermark: "9999-12-31T00:00:00Z" });
  });

  test("a resumed crawl carries its watermark so far; one started afresh does not", () => {
    const killed = { ...state, cursor: "c3", cursorPage: 3, mode: "full", crawlStartedAt: "2026-02-20T00:00:00Z", crawlRunId: 5, pendingWatermark: "2026-02-15T00:00:00Z" };
    expect(openCrawl(killed, o)).toMatchObject({ pendingWatermark: "2026-02-15T00:00:00Z", start: { resumed: true, cursor: "c3", crawlRunId: 5 } });
    expect(openCrawl({ ...killed, mode: "incremental" }, { ...o, full: true })).toMatchObject({ pendingWatermark: null, start: { resumed: false } });
    // Even a resumed watermark is judged by the clock.
    expect(openCrawl({ ...killed, pendingWatermark: "9999-01-01T00:00:00Z" }, o)).toMatchObject({ pendingWatermark: null, clock: { futureDates: { ignored: 1 } } });
  });
});

describe("checkpointAfter and crawlCompletion", () => {
  const start = { mode: "full" as const, resumed: true, cursor: "c2", page: 2, crawlStartedAt: "2026-02-01T00:00:00Z", crawlRunId: 5, rederive: false };

  test("a page's checkpoint names the next page and its number, the watermark so far and the run that started the crawl", () => {
    expect(checkpointAfter("registry", start, { next: "c3", page: 2 }, "2026-02-10T00:00:00Z", 9)).toEqual({
      source: "registry",
      cursor: "c3",
      cursorPage: 3,
      mode: "full",
      pendingWatermark: "2026-02-10T00:00:00Z",
      crawlStartedAt: "2026-02-01T00:00:00Z",
      crawlRunId: 5,
      rederives: false,
    });
    // A rederiving crawl's checkpoint says so: only it is resumed as one.
    expect(checkpointAfter("registry", { ...start, rederive: true }, { next: "c3", page: 2 }, null, 9)).toMatchObject({ rederives: true });
    expect(checkpointAfter("registry", { ...start, crawlRunId: null }, { next: null, page: 4 }, null, 9)).toMatchObject({ cursor: null, cursorPage: null, crawlRunId: 9 });
    // A page not numbered (a crawl resumed from an older checkpoint) leaves the next one unnumbered too.
    expect(checkpointAfter("registry", start, { next: "c3", page: null }, null, 9)).toMatchObject({ cursor: "c3", cursorPage: null });
  });

  test("completion keeps the later watermark; only a full crawl that knows its run settles removals", () => {
    expect(crawlCompletion("registry", { start, storedWatermark: "2026-01-01T00:00:00Z" }, { pendingWatermark: "2026-02-10T00:00:00Z" }, 9)).toEqual({
      source: "registry",
      watermark: "2026-02-10T00:00:00Z",
      runId: 9,
      mode: "full",
      crawlRunId: 5,
      identityRulesVersion: null,
    });
    expect(crawlCompletion("registry", { start, storedWatermark: "2026-03-01T00:00:00Z" }, { pendingWatermark: null }, 9).watermark).toBe("2026-03-01T00:00:00Z");
    expect(crawlCompletion("registry", { start: { ...start, crawlRunId: null }, storedWatermark: null }, { pendingWatermark: null }, 9)).toMatchObject({ mode: "incremental", crawlRunId: 9 });
    expect(crawlCompletion("registry", { start: { ...start, mode: "incremental" }, storedWatermark: null }, { pendingWatermark: null }, 9).mode).toBe("incremental");
  });

  test("a complete rederiving crawl records the identity rules its records are now derived by", () => {
    const rederived = { ...start, rederive: true };
    expect(crawlCompletion("registry", { start: rederived, storedWatermark: null }, { pendingWatermark: null }, 9).identityRulesVersion).toBe(IDENTITY_RULES_VERSION);
    // One resumed from before pages were kept settles nothing, so it does not vouch for every record either.
    expect(crawlCompletion("registry", { start: { ...rederived, crawlRunId: null }, storedWatermark: null }, { pendingWatermark: null }, 9).identityRulesVersion).toBeNull();
  });

  test("a feed's nextUpdatedSince on the last page is the watermark outright, earlier than the stored one or the highest updatedAt", () => {
    // The stored watermark (from before the feed sent one) and the pass's highest updatedAt both lie past a change
    // the pass could not see yet: keeping the later of them would ask past it for good.
    const completed = crawlCompletion("registry", { start, storedWatermark: "2026-03-01T00:00:00Z" }, { pendingWatermark: "2026-02-10T00:00:00Z", nextUpdatedSince: "2026-02-01T08:30:00.123457Z" }, 9);
    expect(completed.watermark).toBe("2026-02-01T08:30:00.123457Z");
  });
});

describe("afterPage", () => {
  const clock = { limitMs: Date.parse("2026-03-01T01:00:00Z") };

  test("the highest updatedAt keeps the later of the pages'; the page's highest is handed back to store with it", () => {
    const first = afterPage({ pendingWatermark: "2026-02-10T00:00:00Z", clock }, { updatedAt: ["2026-01-01T00:00:00Z", null, "2026-02-01T00:00:00Z"] });
    expect(first).toEqual({ position: { pendingWatermark: "2026-02-10T00:00:00Z", clock }, maxUpdatedAt: "2026-02-01T00:00:00Z" });
    expect(afterPage({ pendingWatermark: null, clock }, { updatedAt: [] })).toEqual({ position: { pendingWatermark: null, clock } });
  });

  test("a page's nextUpdatedSince replaces the one before it, even an earlier one; a page with none leaves none", () => {
    const at = { pendingWatermark: null, nextUpdatedSince: "2026-02-20T00:00:00.000001Z", clock };
    expect(afterPage(at, { updatedAt: ["2026-02-25T00:00:00Z"], nextUpdatedSince: "2026-02-01T00:00:00.000001Z" }).position).toEqual({
      pendingWatermark: "2026-02-25T00:00:00Z",
      nextUpdatedSince: "2026-02-01T00:00:00.000001Z",
      clock,
    });
    expect(afterPage(at, { updatedAt: [], nextUpdatedSince: null }).position).toEqual({ pendingWatermark: null, clock });
  });

  test("a nextUpdatedSince past the clock is left out and counted, as a record's date would be", () => {
    const { position } = afterPage({ pendingWatermark: null, clock }, { updatedAt: ["2026-02-01T00:00:00Z"], nextUpdatedSince: "9999-01-01T00:00:00Z" });
    expect(position.nextUpdatedSince).toBeUndefined();
    expect(position.clock.futureDates).toMatchObject({ ignored: 1, latest: "9999-01-01T00:00:00Z" });
  });
});
