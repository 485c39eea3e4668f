// A run recorded before failures were redacted as written still holds a source URL's credentials: every reader of the
// run record (`stats`, `stats --json`, GET /api/stats) shows them redacted, as it shows a run recorded since.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server/app.js";
import { DRIVERS } from "./helpers/catalog.js";
import { emptyCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const RAW = "https://user:s3cret@mirror.example/v0.1/servers?limit=100&api_key=k3y";
const SECRET = /s3cret|k3y|user:/;

describe.each(DRIVERS)("a run record written with a source URL's credentials, read back (%s)", (driver) => {
  let c: CliCatalog;
  beforeAll(async () => {
    c = await emptyCliCatalog(driver);
    const message = `GET ${RAW} failed after 1 attempt: 404`;
    const failures = [{ stage: "crawl", source: "registry", kind: "status", page: 1, url: RAW, status: 404, message }];
    const sources = { registry: { pages: 0, requests: 1, records: 0, skipped: 0, errors: [message] } };
    await (await c.held()).db.execute(
      sql`insert into crawl_runs (status, options, finished_at, sources, failures, error)
        values ('failed', '{}'::jsonb, now(), ${JSON.stringify(sources)}::jsonb, ${JSON.stringify(failures)}::jsonb, ${`registry: ${message}`})`,
    );
  }, 120_000);
  afterAll(async () => c?.dispose());

  it("stats, stats --json and /api/stats show it redacted", async () => {
    const json = await c.cli(["stats", "--json"]);
    const text = await c.cli(["stats"]);
    expect(json.code, json.stderr).toBe(0);
    const api = await createApp({ db: (await c.held()).db }).request("/api/stats");
    expect(api.status).toBe(200);
    const body = await api.text();
    for (const out of [json.stdout, text.stdout, body]) expect(out).not.toMatch(SECRET);

    const lastRun = JSON.parse(json.stdout).lastRun;
    const redacted = "https://***@mirror.example/v0.1/servers?limit=100&api_key=***";
    expect(lastRun.failures[0]).toMatchObject({ url: redacted, message: `GET ${redacted} failed after 1 attempt: 404` });
    expect(lastRun.sources.registry.errors).toEqual([`GET ${redacted} failed after 1 attempt: 404`]);
    expect(lastRun.error).toBe(`registry: GET ${redacted} failed after 1 attempt: 404`);
    expect(JSON.parse(body).lastRun).toEqual(lastRun);
    expect(text.stdout).toContain(`failed: registry (status 404 ${redacted}): GET ${redacted}`);
  });
});
