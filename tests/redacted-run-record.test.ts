// A run record written before source URLs were redacted (crawler/redact-url.ts) still holds their credentials: every
// reader of the last run (stats, stats --json, GET /api/stats, the home page) shows them redacted all the same.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { crawlRuns } from "../db/schema.js";
import { catalogCounts } from "../scripts/stats-report.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

describe.each(DRIVERS)("an older run record's credentials on %s", (driver) => {
  let t: TestCatalog;
  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const url = "https://user:s3cret@mirror.example/v0/servers?token=t0k3n";
    await t.catalog.db.insert(crawlRuns).values({
      status: "failed",
      options: {},
      error: `registry: GET ${url} failed after 1 attempt: status 404`,
      failures: [{ stage: "crawl", source: "registry", kind: "status", status: 404, url, message: `GET ${url} failed after 1 attempt: status 404` }],
    });
  });
  afterAll(() => t.dispose());

  test("the last run's error and failures are shown redacted", async () => {
    const { lastRun } = await catalogCounts(t.catalog.db);
    expect(JSON.stringify(lastRun)).not.toMatch(/s3cret|t0k3n|user:/);
    expect(lastRun!.failures[0]!.url).toBe("https://***@mirror.example/v0/servers?token=***");
    expect(lastRun!.error).toContain("GET https://***@mirror.example/v0/servers?token=*** failed");
  });
});
