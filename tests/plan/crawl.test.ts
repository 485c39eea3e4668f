// How a crawl starts and ends, on plain data: mode and resume, watermark, the gone-share rule.
import { describe, expect, test } from "vitest";
import { crawlStart, goneDecision, laterWatermark, MAX_GONE_SHARE } from "../../crawler/plan/crawl.js";

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
  const killed = (mode: string) => ({ cursor: "c2", mode, crawlStartedAt: "2026-02-01T00:00:00Z", crawlRunId: 5 });

  test("a first crawl, or one with no watermark, is full from the start", () => {
    expect(crawlStart(undefined, { ...base, watermark: null })).toEqual({ mode: "full", resumed: false, cursor: null, crawlStartedAt: base.now, crawlRunId: 7 });
  });

  test("with a watermark, an incremental source crawls what changed since it; one that cannot be asked crawls full", () => {
    expect(crawlStart(undefined, base)).toMatchObject({ mode: "incremental", since: base.watermark });
    expect(crawlStart(undefined, { ...base, incremental: false })).toMatchObject({ mode: "full" });
    expect(crawlStart(undefined, { ...base, full: true })).toMatchObject({ mode: "full" });
  });

  test("a crawl a killed run left half done resumes at its cursor, with its start and run", () => {
    expect(crawlStart(killed("full"), base)).toEqual({ mode: "full", resumed: true, cursor: "c2", crawlStartedAt: "2026-02-01T00:00:00Z", crawlRunId: 5 });
    expect(crawlStart(killed("incremental"), base)).toMatchObject({ mode: "incremental", since: base.watermark, resumed: true, cursor: "c2" });
  });

  test("--full resumes a killed full crawl but starts over instead of resuming an incremental one", () => {
    expect(crawlStart(killed("full"), { ...base, full: true })).toMatchObject({ resumed: true, cursor: "c2" });
    expect(crawlStart(killed("incremental"), { ...base, full: true })).toMatchObject({ mode: "full", resumed: false, cursor: null, crawlRunId: 7 });
  });

  test("a crawl resumed from before pages were kept has no run: it settles no removals", () => {
    expect(crawlStart({ ...killed("full"), crawlRunId: null }, base)).toMatchObject({ resumed: true, crawlRunId: null });
  });
});
