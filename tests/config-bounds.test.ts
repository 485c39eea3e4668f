// The environment read on plain data: every numeric setting is held to the real limit it meets downstream (a Node
// timer, pg-boss, a Postgres integer, the dates a catalog holds) before anything runs, with exit 2 naming the variable
// and the range; empty is unset for every variable; one rule for a switch.
import { describe, expect, test } from "vitest";
import { CliError } from "../scripts/command.js";
import { loadConfig, requireQueueDatabase } from "../scripts/config.js";
import { DEFAULT_REGISTRY_URL } from "../crawler/sources/registry.js";
import { debugOn } from "../scripts/switch.js";
import { parseDuration } from "../scripts/duration.js";

const load = (env: NodeJS.ProcessEnv) => loadConfig(env, "/tmp");

/** The CliError `read` throws on `env` (none: undefined); by default, loading it. */
function refusal(env: NodeJS.ProcessEnv, read: (env: NodeJS.ProcessEnv) => unknown = load): CliError | undefined {
  try {
    read(env);
    return undefined;
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
}

describe("numeric settings are bounded by what they meet", () => {
  test.each([
    // Node timers: a longer delay fires after 1 ms.
    ["CATALOG_INTROSPECT_CONNECT_TIMEOUT_MS", 1, 2_147_483_647],
    ["CATALOG_INTROSPECT_REQUEST_TIMEOUT_MS", 1, 2_147_483_647],
    ["CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS", 1, 2_147_483_647],
    ["CATALOG_STDIO_INSTALL_TIMEOUT_MS", 1, 2_147_483_647],
    ["CATALOG_LLM_TIMEOUT_MS", 1, 2_147_483_647],
    ["CATALOG_QUEUE_POLL_SECONDS", 1, 2_147_483],
    ["CATALOG_WORKER_GRACE_SECONDS", 0, 2_147_483],
    // pg-boss: an expiry and a maintenance interval under 24 hours; retries in an integer column; a retry's back-off
    // (the delay doubled up to 2^16 times) still a date.
    ["CATALOG_QUEUE_EXPIRE_SECONDS", 0, 86_399],
    ["CATALOG_QUEUE_MAINTENANCE_SECONDS", 1, 86_399],
    ["CATALOG_QUEUE_RETRY_LIMIT", 0, 2_147_483_647],
    ["CATALOG_QUEUE_RETRY_DELAY_SECONDS", 1, 86_400],
    // Dates: the oldest fresh listing, the latest date taken for a watermark.
    ["CATALOG_INTROSPECT_MAX_AGE_HOURS", 0, 876_000],
    ["CATALOG_CLOCK_SKEW_MINUTES", 0, 525_600],
    // Work in hand: pages buffered, listings at once, host slots asked one query each.
    ["CATALOG_CRAWL_PAGES_IN_FLIGHT", 1, 100],
    ["CATALOG_INTROSPECT_CONCURRENCY", 1, 1000],
    ["CATALOG_INTROSPECT_PER_HOST", 1, 1000],
  ])("%s takes %i to %i; past it exit 2 names the variable and the range", (name, min, max) => {
    expect(refusal({ [name]: String(max) })).toBeUndefined();
    expect(refusal({ [name]: String(min) })).toBeUndefined();
    for (const value of [String(max + 1), "99999999999"]) {
      const e = refusal({ [name]: value });
      expect(e?.exitCode).toBe(2);
      expect(e?.message).toBe(`environment variable ${name} must be a whole number from ${min} to ${max}`);
    }
  });

  test("the values at the bounds reach the configuration as given", () => {
    const c = load({ CATALOG_QUEUE_EXPIRE_SECONDS: "86399", CATALOG_QUEUE_RETRY_DELAY_SECONDS: "86400", CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "2147483647" });
    expect(c.queue).toMatchObject({ retryDelaySeconds: 86_400, expireSeconds: { remote: 86_399, stdio: 86_399 } });
    expect(c.introspect.totalTimeoutMs).toBe(2_147_483_647);
  });

  test("a queue command refuses a job expiry derived from the listing timeouts that pg-boss would refuse", () => {
    const databaseUrl = "postgres://postgres@127.0.0.1:9/none";
    // The defaults: a minute plus a minute (remote), plus the install's two (stdio).
    expect(requireQueueDatabase(load({ DATABASE_URL: databaseUrl }), "worker")).toBe(databaseUrl);
    const remote = refusal({ DATABASE_URL: databaseUrl, CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: String(86_340_001) }, (env) => requireQueueDatabase(load(env), "worker"));
    expect(remote?.exitCode).toBe(2);
    expect(remote?.message).toBe(
      "worker needs a job expiry pg-boss takes: a remote listing job would expire after 86401 s (CATALOG_QUEUE_EXPIRE_SECONDS unset or 0: CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS + 60 s), and pg-boss takes at most 86399 s (under 24 hours). Lower the listing timeouts, or set CATALOG_QUEUE_EXPIRE_SECONDS from 1 to 86399",
    );
    const stdio = { DATABASE_URL: databaseUrl, CATALOG_STDIO_INSTALL_TIMEOUT_MS: String(86_280_000), CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "60000" };
    expect(() => requireQueueDatabase(load(stdio), "refresh --queue")).toThrow(/a stdio listing job would expire after 86400 s \(CATALOG_QUEUE_EXPIRE_SECONDS unset or 0: CATALOG_STDIO_INSTALL_TIMEOUT_MS \+ CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS \+ 60 s\)/);
    // A set expiry is the queue's when every listing ends before it.
    expect(requireQueueDatabase(load({ ...stdio, CATALOG_QUEUE_EXPIRE_SECONDS: "86341" }), "worker")).toBe(databaseUrl);
  });

  test("a queue command refuses a set job expiry a listing may outlast: pg-boss would run it again beside the first", () => {
    const databaseUrl = "postgres://postgres@127.0.0.1:9/none";
    const under = (env: NodeJS.ProcessEnv) => refusal({ DATABASE_URL: databaseUrl, ...env }, (e) => requireQueueDatabase(load(e), "worker"));
    // The defaults: a remote listing takes up to 60 s, a stdio one 120 s more.
    const remote = under({ CATALOG_QUEUE_EXPIRE_SECONDS: "30" });
    expect(remote?.exitCode).toBe(2);
    expect(remote?.message).toBe(
      "worker needs a job expiry longer than a listing may take: CATALOG_QUEUE_EXPIRE_SECONDS=30 would let pg-boss expire a remote listing job while its worker may still be listing it (up to 60000 ms: CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS), and run it again beside it. Set CATALOG_QUEUE_EXPIRE_SECONDS above 60 (or unset: the timeouts plus 60 s), or lower the timeouts",
    );
    expect(under({ CATALOG_QUEUE_EXPIRE_SECONDS: "60" })?.message).toMatch(/a remote listing job .* \(up to 60000 ms/);
    expect(under({ CATALOG_QUEUE_EXPIRE_SECONDS: "120" })?.message).toMatch(/a stdio listing job .* \(up to 180000 ms: CATALOG_STDIO_INSTALL_TIMEOUT_MS \+ CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS\)/);
    expect(under({ CATALOG_QUEUE_EXPIRE_SECONDS: "181" })).toBeUndefined();
    // Shorter timeouts take a shorter expiry.
    expect(under({ CATALOG_QUEUE_EXPIRE_SECONDS: "4", CATALOG_INTROSPECT_TOTAL_TIMEOUT_MS: "3000", CATALOG_STDIO_INSTALL_TIMEOUT_MS: "500" })).toBeUndefined();
  });
});

describe("--refresh-every", () => {
  test("takes 1s to 365d", () => {
    expect(parseDuration("365d", "--refresh-every")).toBe(365 * 86_400_000);
    expect(parseDuration("30d", "--refresh-every")).toBe(30 * 86_400_000);
    for (const value of ["366d", "8761h", "525601m", "31536001s", "999999d"]) {
      expect(() => parseDuration(value, "--refresh-every")).toThrow(`--refresh-every takes a duration like 90s, 30m, 12h or 1d, from 1s to 365d; got '${value}'`);
    }
  });
});

describe("empty is unset, for every variable", () => {
  test("an empty URL takes the default, as an empty DATABASE_URL or OPENAI_BASE_URL always did", () => {
    const c = load({ REGISTRY_URL: "", GLAMA_URL: "", SMITHERY_URL: "", PULSEMCP_URL: "", PYPI_URL: "", NPM_REGISTRY_URL: "", AWESOME_LIST_URLS: "", DATABASE_URL: "", OPENAI_BASE_URL: "", OPENAI_API_KEY: "" });
    expect(c.registryUrl).toBe(DEFAULT_REGISTRY_URL);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.llm.enabled).toBe(false);
    expect(c.introspect.npmRegistryUrl).toBeUndefined();
  });

  test("an empty number or switch takes its default", () => {
    const c = load({ CATALOG_QUEUE_RETRY_LIMIT: "", CATALOG_ALLOW_PRIVATE_NETWORK: "", CATALOG_DEBUG: "" });
    expect(c.queue.retryLimit).toBe(3);
    expect(c.allowPrivateNetwork).toBe(false);
    expect(c.debug).toBe(false);
  });
});

describe("one rule for a switch", () => {
  test.each(["0", "false", "no", "off", "FALSE", "Off", ""])("%j is off", (value) => {
    expect(load({ CATALOG_DEBUG: value, CATALOG_ALLOW_PRIVATE_NETWORK: value })).toMatchObject({ debug: false, allowPrivateNetwork: false });
    expect(debugOn({ CATALOG_DEBUG: value })).toBe(false);
  });

  test.each(["1", "true", "yes", "on", "TRUE", "Yes"])("%j is on", (value) => {
    expect(load({ CATALOG_DEBUG: value, CATALOG_ALLOW_PRIVATE_NETWORK: value })).toMatchObject({ debug: true, allowPrivateNetwork: true });
    expect(debugOn({ CATALOG_DEBUG: value })).toBe(true);
  });

  test("anything else is refused, naming the values; the error path reads it as off", () => {
    for (const name of ["CATALOG_DEBUG", "CATALOG_ALLOW_PRIVATE_NETWORK"]) {
      const e = refusal({ [name]: "maybe" });
      expect(e?.exitCode).toBe(2);
      expect(e?.message).toBe(`environment variable ${name} must be 1, true, yes or on, or 0, false, no or off`);
    }
    expect(debugOn({ CATALOG_DEBUG: "maybe" })).toBe(false);
    expect(debugOn({})).toBe(false);
  });
});
