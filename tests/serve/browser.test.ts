// The pages in real headless Chromium: search as you type (servers and tools), a tool page, the policy switcher
// and copy, a hostile description that does not run, no horizontal scroll at phone width; screenshots kept in
// test-artifacts/.
import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_SERVER, HOSTILE_TOOL, hostileCliCatalog } from "../helpers/hostile-catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const ARTIFACTS = "test-artifacts/screenshots";
const GITHUB = "io.github.github/github-mcp-server";
const TOUCHDESIGNER = "io.github.8beeeaaat/touchdesigner-mcp-server";

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

describe("pages in headless Chromium", () => {
  let browser: Browser;
  let s: ServedCatalog;
  let hostile: ServedCatalog;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s = await serveCatalog(await snapshotCliCatalog("pglite"));
    hostile = await serveCatalog(await hostileCliCatalog());
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    for (const c of [s, hostile]) {
      await c?.close();
      await c?.cli.dispose();
    }
  });

  it("searches a tool as you type, opens its page, switches the policy format and copies it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.url });
    const page = await context.newPage();
    const external: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(s.url)) external.push(r.url());
    });
    await page.goto(s.url);
    await page.screenshot({ path: `${ARTIFACTS}/home.png`, fullPage: true });
    await page.locator("#q").pressSequentially("delete_fil");
    const hit = page.locator("#live-results a", { hasText: "delete_file" }).first();
    await hit.waitFor();
    await Promise.all([page.waitForURL(/\/tools\/delete_file$/), hit.click()]);
    expect(await page.locator("h1").textContent()).toContain("delete_file");
    await page.screenshot({ path: `${ARTIFACTS}/tool.png`, fullPage: true });
    const select = page.locator("[data-policy] select").first();
    await select.selectOption("codex");
    const codex = page.locator('[data-format="codex"]').first();
    expect(await codex.isVisible()).toBe(true);
    expect(await page.locator('[data-format="native"]').first().isVisible()).toBe(false);
    await page.locator("[data-policy] button[data-copy]").first().click();
    await expect.poll(() => page.locator("[data-policy] button[data-copy]").first().textContent()).toBe("Copied");
    const copied = await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>);
    expect(copied).toBe(await codex.locator("pre").textContent());
    expect(copied).toContain("[mcp_servers.");
    // The registry's name pasted into the address bar, slash and all, lands on the server's page.
    await page.goto(`${s.url}/servers/${GITHUB}`);
    expect(page.url()).toBe(`${s.url}/servers/${encodeURIComponent(GITHUB)}`);
    expect(await page.locator("h2", { hasText: "Tools by category" }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/server.png`, fullPage: true });
    expect(external).toEqual([]);
    await context.close();
  });

  it("suggests the servers that match as you type, beside the tools, on the home page and the search page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const serverLink = (key: string) => `a[href="/servers/${encodeURIComponent(key)}"]`;
    await page.goto(s.url);
    // A server without tools matches no tool search: only its key finds it.
    await page.locator("#q").pressSequentially("touchdesign");
    await page.locator(`#live-results ${serverLink(TOUCHDESIGNER)}`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/search-live.png`, fullPage: true });
    await page.locator("#q").fill("");
    await page.locator("#q").pressSequentially("github");
    await page.locator("#live-results h2", { hasText: "Tools" }).waitFor();
    // Servers first, as /search lists them, then tools, each linking to its own page.
    const hrefs = await page.locator("#live-results a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const firstTool = hrefs.findIndex((h) => h.includes("/tools/"));
    expect(firstTool).toBeGreaterThan(0);
    expect(hrefs.slice(0, firstTool).every((h) => /^\/servers\/[^/]+$/.test(h))).toBe(true);
    expect(hrefs.slice(firstTool).every((h) => /^\/servers\/[^/]+\/tools\/[^/]+$/.test(h))).toBe(true);
    await page.locator("#q").fill("");
    await page.locator("#q").pressSequentially("no-such-thing-anywhere");
    await page.locator("#live-results", { hasText: "No tool or server matches." }).waitFor();
    await page.locator("#q").fill("");
    await page.locator("#q").pressSequentially("touchdesign");
    await Promise.all([page.waitForURL(`${s.url}/servers/${encodeURIComponent(TOUCHDESIGNER)}`), page.locator(`#live-results ${serverLink(TOUCHDESIGNER)}`).click()]);
    expect(await page.locator("h1").textContent()).toContain(TOUCHDESIGNER);

    // On /search the suggestions take the place of the submitted results, servers and tools alike.
    await page.goto(`${s.url}/search?q=delete_file`);
    const submitted = await page.locator('#search-results a[href^="/servers/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(submitted.length).toBeGreaterThan(0);
    const box = page.locator('main input[type="search"]');
    await box.fill("");
    await box.pressSequentially("touchdesign");
    await page.locator(`#search-results ${serverLink(TOUCHDESIGNER)}`).waitFor();
    for (const href of submitted) expect(await page.locator(`main a[href="${href}"]`).count(), href!).toBe(0);
    await page.close();
  });

  it("does not run a hostile description: no dialog, no script effect", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of [`/servers/${encodeURIComponent(HOSTILE_SERVER)}/tools/${encodeURIComponent(HOSTILE_TOOL)}`, `/servers/${encodeURIComponent(HOSTILE_SERVER)}`, "/search?q=file"]) {
      await page.goto(`${hostile.url}${path}`);
      await page.waitForLoadState("load");
      expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), path).toBeUndefined();
      if (path.includes("/tools/")) expect(await page.locator("body").textContent()).toContain("<script>window.__pwned = 1;");
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("has no horizontal scroll at phone width", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    for (const path of ["/", `/servers/${encodeURIComponent(GITHUB)}/tools/delete_file`, `/servers/${encodeURIComponent(GITHUB)}`]) {
      await page.goto(`${s.url}${path}`);
      const overflow = await page.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return (root.scrollWidth - root.clientWidth) as number;
      });
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${ARTIFACTS}/tool-phone.png`, fullPage: true });
    await page.close();
  });
});
