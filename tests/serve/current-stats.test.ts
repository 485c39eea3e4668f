// After an upgrade that changes the classifier, before the refresh that stores its verdicts, the catalog's totals count
// the verdicts every tool page shows: `stats`, GET /api/stats and the home page's chart (in headless Chromium) count the
// current classifier's verdicts, not the stored ones; the home page's counts are kept while the catalog is unchanged and
// made again once a refresh stores the verdicts.
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASSIFIER_VERSION } from "../../classifier/classify.js";
import { classifyPending } from "../../crawler/classify-stage.js";
import type { Db } from "../../db/client.js";
import { currentVerdictCounts, type VerdictCounts } from "../../scripts/verdict-counts.js";
import { DRIVERS } from "../helpers/catalog.js";
import { launchChromium } from "../helpers/chromium.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const [, FAMILY, NUMBER] = /^(.+)-(\d+)$/.exec(CLASSIFIER_VERSION)!;
/** The classifier before this one, and after it (a newer release's, sharing the catalog). */
const OLDER = `${FAMILY}-${Number(NUMBER) - 1}`;
const NEWER = `${FAMILY}-${Number(NUMBER) + 1}`;

type Counts = Pick<VerdictCounts, "byCategoryRisk">["byCategoryRisk"];

/** `counts` with `tools` more (or fewer) of category and risk, empty groups left out. */
function moved(counts: Counts, from: { category: string; risk: string }, to: { category: string; risk: string }): Counts {
  const out = counts.map((c) => ({ ...c }));
  const at = (g: { category: string; risk: string }) => {
    let c = out.find((x) => x.category === g.category && x.risk === g.risk);
    if (!c) out.push((c = { category: g.category, risk: g.risk, tools: 0 }));
    return c;
  };
  at(from).tools -= 1;
  at(to).tools += 1;
  return out.filter((c) => c.tools > 0).sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.risk < b.risk ? -1 : a.risk > b.risk ? 1 : 0));
}

/** The chart's numbers as its accessible name says them (chart.ts chartLabel), from counts. */
function categoryText(counts: Counts, category: string): string {
  const risks = ["low", "medium", "high", "critical"];
  const rows = counts.filter((c) => c.category === category).sort((a, b) => risks.indexOf(a.risk) - risks.indexOf(b.risk));
  const total = rows.reduce((n, c) => n + c.tools, 0);
  return `${category}: ${total}${rows.length ? ` (${rows.map((c) => `${c.tools} ${c.risk}`).join(", ")})` : ""}`;
}

describe.each(DRIVERS)("the catalog's totals after an upgrade, before the refresh that stores its verdicts (%s)", (driver) => {
  let s: ServedCatalog;
  let browser: Browser;
  /** `stats --json` while every stored verdict was this classifier's. */
  let before: any;
  /** `stats --json` after every stored verdict was made an older classifier's (get_me's a newer one's). */
  let after: any;
  /** get_me's stored verdict, this classifier's. */
  let getMe: { category: string; risk: string };
  /** `stats`'s text after the upgrade. */
  let afterText: string;
  /** The home page's counts made, one per build. */
  let builds = 0;

  beforeAll(async () => {
    const cat = await snapshotCliCatalog(driver);
    // The commands and the edits share one open catalog (cat.cli's), released before the server opens it: one PGlite
    // open instead of six (a quarter of a CPU-second each).
    const stats = async () => {
      const r = await cat.cli(["stats", "--json"]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    before = await stats();
    const getMeId = sql`(select t.id from tools t join servers s on s.id = t.server_id where s.key = ${GITHUB} and t.name = 'get_me')`;
    getMe = (await cat.rows<typeof getMe>(sql`select category, risk from classifications where tool_id = ${getMeId}`))[0]!;
    expect(getMe.category).toBe("read");
    // An older classifier called every tool a harmless read; a newer one calls get_me destructive and critical.
    await cat.rows(sql`update classifications set classifier_version = ${OLDER}, category = 'read', risk = 'low', method = 'rules'`);
    await cat.rows(sql`update classifications set classifier_version = ${NEWER}, category = 'destructive', risk = 'critical' where tool_id = ${getMeId}`);
    after = await stats();
    afterText = (await cat.cli(["stats"])).stdout;
    await cat.release();
    s = await serveCatalog(cat, {
      verdictCounts: (db: Db) => {
        builds += 1;
        return currentVerdictCounts(db);
      },
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await s?.cli.dispose();
  });

  it("stats counts the current verdicts: each tool's classified now, get_me's as the newer classifier stored it", () => {
    expect(before).toMatchObject({ classified: before.tools, classifiedNow: 0 });
    expect(before.byCategoryRisk.some((c: any) => c.category !== "read")).toBe(true);
    expect(after).toMatchObject({ classified: 1, classifiedNow: before.tools - 1, modelReviewed: before.modelReviewed, tools: before.tools });
    expect(after.byCategoryRisk).toEqual(moved(before.byCategoryRisk, getMe, { category: "destructive", risk: "critical" }));
    expect(afterText).toContain(`classified  1 (`);
    expect(afterText).toContain(`            ${before.tools - 1} tools more, by the current classifier's verdicts (${CLASSIFIER_VERSION}) made now, not yet stored: the next refresh stores them\n`);
  });

  it("/api/stats answers what stats tells", async () => {
    const body = (await (await fetch(`${s.url}/api/stats`)).json()) as any;
    expect(body).toMatchObject({ classified: after.classified, classifiedNow: after.classifiedNow, modelReviewed: after.modelReviewed, byCategoryRisk: after.byCategoryRisk, grades: after.grades });
  });

  it("the home page's chart counts the current verdicts in Chromium, made once while the catalog is unchanged, and again once a refresh stores them", async () => {
    const page = await browser.newPage();
    const home = async () => {
      expect((await page.goto(`${s.url}/`))?.status()).toBe(200);
      const label = (await page.locator("svg.chart").getAttribute("aria-label"))!;
      const line = await page.locator("h2 + p").first().innerText();
      return { label, line };
    };
    try {
      const first = await home();
      for (const category of ["read", "write", "execute", "destructive"]) expect(first.label).toContain(categoryText(after.byCategoryRisk, category));
      expect(first.line).toContain(`${after.classified} classified (and ${after.classifiedNow} tools more, by the current classifier's verdicts (${CLASSIFIER_VERSION}) made now, not yet stored: the next refresh stores them)`);
      const made = builds;
      expect(made).toBeGreaterThan(0);
      expect(await home()).toEqual(first);
      // PGlite is this process's alone: nothing else moves its snapshot. Another file's writes on a shared Postgres server do.
      if (driver === "pglite") expect(builds).toBe(made);

      // The refresh's classify stage stores this classifier's verdicts (over the newer one's too).
      expect((await classifyPending(s.catalog.db)).classified).toBe(before.tools);
      const stored = await home();
      expect(builds).toBeGreaterThan(made);
      for (const category of ["read", "write", "execute", "destructive"]) expect(stored.label).toContain(categoryText(before.byCategoryRisk, category));
      expect(stored.line).toContain(`${before.tools} classified;`);
      const api = (await (await fetch(`${s.url}/api/stats`)).json()) as any;
      expect(api).toMatchObject({ classified: before.tools, classifiedNow: 0, byCategoryRisk: before.byCategoryRisk });
    } finally {
      await page.close();
    }
  });
});
