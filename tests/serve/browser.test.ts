// The pages in real headless Chromium: search as you type (servers and tools) and its errors, a tool page, the
// policy switcher and copy (also where the page may not copy, and without JavaScript), a hostile description that
// does not run, spoofing names shown for what they are, no horizontal scroll at phone width, no console error;
// screenshots kept in test-artifacts/.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.js";
import { HOSTILE_SERVER, HOSTILE_TOOL, hostileCliCatalog, LONG_TOOL, OVERRIDE_TOOL, SPOOF_SERVER, ZERO_WIDTH_TOOL } from "../helpers/hostile-catalog.js";
import { serveCatalog, type ServedCatalog } from "../helpers/served-catalog.js";
import { snapshotCliCatalog } from "../helpers/snapshot-catalog.js";

const ARTIFACTS = "test-artifacts/screenshots";
const GITHUB = "io.github.github/github-mcp-server";
const TOUCHDESIGNER = "io.github.8beeeaaat/touchdesigner-mcp-server";
const enc = encodeURIComponent;
/** A name that is not localhost: plain http there is no secure context (no navigator.clipboard). */
const PLAIN_HOST = "catalog.test";

/** How far the page scrolls sideways: 0 when it fits. */
function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as any).document.scrollingElement;
    return (root.scrollWidth - root.clientWidth) as number;
  });
}

/**
 * The text nodes under `root` holding any of `needles` that no inline element isolates (unicode-bidi: isolate, as
 * <bdi>) within their block: catalog text there could reorder the page's own words around it. (Every block isolates,
 * by the user agent's style: that is the paragraph, not the value.) Policy texts (pre) are the dialects' own.
 */
function unisolated(page: Page, root: string, needles: string[]): Promise<string[]> {
  return page.evaluate(
    ({ root, needles }) => {
      const doc = (globalThis as any).document;
      const walker = doc.createTreeWalker(doc.querySelector(root), 4 /* NodeFilter.SHOW_TEXT */);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!needles.some((n) => node.data.includes(n)) || node.parentElement.closest("pre")) continue;
        let isolated = false;
        for (let el = node.parentElement; el && !isolated; el = el.parentElement) {
          const style = (globalThis as any).getComputedStyle(el);
          if (style.display !== "inline") break;
          isolated = ["isolate", "isolate-override", "plaintext"].includes(style.unicodeBidi);
        }
        if (!isolated) found.push(node.data);
      }
      return found;
    },
    { root, needles },
  );
}

describe("pages in headless Chromium", () => {
  let browser: Browser;
  let s: ServedCatalog;
  let hostile: ServedCatalog;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s = await serveCatalog(await snapshotCliCatalog("pglite"));
    hostile = await serveCatalog(await hostileCliCatalog());
    browser = await launchChromium([`--host-resolver-rules=MAP ${PLAIN_HOST} 127.0.0.1`]);
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
    await expect.poll(() => page.locator("[data-policy] [data-copy-status]").first().textContent()).toBe("Copied.");
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
    // The heading, the title and the address say the text the results are for, not the one first submitted: a reload
    // or a shared link shows these results.
    expect(await page.locator("h1").textContent()).toBe("Tools and servers matching “touchdesign”");
    expect(await page.title()).toBe("Tools and servers matching “\u2068touchdesign\u2069” · mcp-catalog");
    expect(page.url()).toBe(`${s.url}/search?q=touchdesign`);
    await box.fill("");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Search");
    expect(page.url()).toBe(`${s.url}/search`);
    await page.close();
  });

  it("returns to the empty search page when the box /search filled is cleared before anything is typed", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${s.url}/search?q=delete_file`);
    expect(await page.locator("#search-results ul.results li").count()).toBeGreaterThan(0);
    await page.locator('main input[type="search"]').fill("");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Search");
    expect(await page.locator("#search-results").innerHTML()).toBe("");
    expect(await page.title()).toBe("Search · mcp-catalog");
    expect(page.url()).toBe(`${s.url}/search`);
    await page.close();
  });

  it("fills search results as you type with the markup the server writes: the same fields, a tool's category included", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const items = (list: string) => page.locator(`#search-results ul.results ${list}`).evaluateAll((lis) => lis.map((li) => li.innerHTML));
    for (const q of ["delete_file", "github"]) {
      await page.goto(`${s.url}/search?q=${enc(q)}`);
      const served = { servers: await items("li:not(:has(.badge))"), tools: await items("li:has(.badge)") };
      expect(served.tools.length, q).toBeGreaterThan(0);
      // The served lists are marked: the script replaces them with lists of its own.
      await page.locator("#search-results ul.results").evaluateAll((lists) => lists.forEach((ul) => ul.setAttribute("data-served", "")));
      const box = page.locator('main input[type="search"]');
      // Cleared first, then typed: the same text typed back before the script looked is no change to what it shows.
      await box.fill("");
      await expect.poll(() => page.locator("h1").textContent()).toBe("Search");
      await box.pressSequentially(q);
      await page.locator("#search-results ul.results:not([data-served]) li .badge").first().waitFor();
      const live = { servers: await items("li:not(:has(.badge))"), tools: await items("li:has(.badge)") };
      // The script asks for fewer of each (5 servers, 10 tools), in the same order.
      expect(live.tools, q).toEqual(served.tools.slice(0, live.tools.length));
      expect(live.servers, q).toEqual(served.servers.slice(0, live.servers.length));
      expect(live.tools.every((li) => /<span class="muted">(read|write|execute|destructive|financial|)<\/span>$/.test(li)), q).toBe(true);
    }
    await page.close();
  });

  it("names each search landmark and each search box apart, on the home page and the search page", async () => {
    const page = await browser.newPage();
    for (const path of ["/", "/search?q=delete_file", "/search"]) {
      await page.goto(`${s.url}${path}`);
      const tree = await page.locator("body").ariaSnapshot();
      const landmarks = [...tree.matchAll(/^\s*- search(?: "([^"]*)")?:?$/gm)].map((m) => m[1] ?? "");
      const boxes = [...tree.matchAll(/^\s*- searchbox(?: "([^"]*)")?/gm)].map((m) => m[1] ?? "");
      expect(landmarks.length, `${path}\n${tree}`).toBe(2);
      expect(landmarks.every((name) => name !== ""), `${path}: ${landmarks}`).toBe(true);
      expect(new Set(landmarks).size, `${path}: ${landmarks}`).toBe(2);
      expect(boxes.length, path).toBe(2);
      expect(boxes.every((name) => name !== ""), `${path}: ${boxes}`).toBe(true);
      expect(new Set(boxes).size, `${path}: ${boxes}`).toBe(2);
    }
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

  it("shows a spoofing name's invisible characters, and isolates catalog text from the page's own words", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const spoof = `/servers/${enc(SPOOF_SERVER)}`;
    // What each name shows, and words of catalog text that must sit in an isolate wherever they appear.
    const shown = { override: "\u27e8U+202E\u27e9exe.txt", zeroWidth: "delete\u27e8U+200B\u27e9file" };
    const needles = ["evil-corp", "exe.txt", "every_single_file", "\u27e8U+", "Hostile", "Deletes"];
    for (const path of ["/", "/search?q=exe", "/search?q=delete", spoof, `${spoof}/tools/${enc(OVERRIDE_TOOL)}`, `/tools/${enc(OVERRIDE_TOOL)}`, `${spoof}/tools/${enc(ZERO_WIDTH_TOOL)}`, `${spoof}/tools/${enc(LONG_TOOL)}`, `/servers/${enc(HOSTILE_SERVER)}`]) {
      await page.goto(`${hostile.url}${path}`);
      const text = await page.locator("body").innerText();
      // Nothing invisible is left to reorder or hide: the dialects escape their own, the page marks the rest.
      expect(text, path).not.toMatch(/\p{Cf}/u);
      expect(await unisolated(page, "body", needles), path).toEqual([]);
    }
    await page.goto(`${hostile.url}${spoof}`);
    const item = page.locator("main li", { hasText: shown.override });
    expect(await item.locator("a").innerText()).toBe(shown.override);
    // The override reverses nothing after it: the badge stays to the right of the name.
    const name = (await item.locator("a").boundingBox())!;
    expect((await item.locator(".badge").boundingBox())!.x).toBeGreaterThan(name.x + name.width);
    expect(await page.locator("main li", { hasText: shown.zeroWidth }).count()).toBe(1);
    await page.goto(`${hostile.url}${spoof}/tools/${enc(OVERRIDE_TOOL)}`);
    expect(await page.locator("h1").innerText()).toBe(`${shown.override} low`);
    expect(await page.locator("h2", { hasText: " does" }).innerText()).toBe(`What ${shown.override} does`);
    await page.screenshot({ path: `${ARTIFACTS}/tool-spoofing-name.png`, fullPage: true });
    // Search as you type shows the same marks, isolated as the server's pages are.
    await page.goto(hostile.url);
    await page.locator("#q").fill("exe");
    await page.locator("#live-results a", { hasText: shown.override }).waitFor();
    expect(await page.locator("#live-results").innerText()).not.toMatch(/\p{Cf}/u);
    expect(await unisolated(page, "#live-results", needles)).toEqual([]);
    await page.close();
  });

  it("has no horizontal scroll at phone width where names and descriptions run on without a place to break", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    const spoof = `/servers/${enc(SPOOF_SERVER)}`;
    for (const path of ["/", "/search?q=delete", "/search?q=hostile_mcp_server", spoof, `${spoof}/tools/${enc(LONG_TOOL)}`, `/tools/${enc(LONG_TOOL)}`]) {
      await page.goto(`${hostile.url}${path}`);
      expect(await sidewaysScroll(page), path).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `${ARTIFACTS}/tool-long-name-phone.png`, fullPage: true });
    await page.goto(hostile.url);
    await page.locator("#q").fill("every_single");
    await page.locator("#live-results a").first().waitFor();
    expect(await sidewaysScroll(page), "search as you type").toBeLessThanOrEqual(0);
    await page.close();
  });

  it("hides the policy's format switcher and copy button without JavaScript, and shows every dialect", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${s.url}/servers/${enc(GITHUB)}/tools/delete_file`);
    expect(await page.locator("[data-policy] select").first().isVisible()).toBe(false);
    expect(await page.locator("[data-policy] button[data-copy]").first().isVisible()).toBe(false);
    const dialects = page.locator("[data-policy] [data-format] pre");
    expect(await dialects.count()).toBeGreaterThan(1);
    for (const pre of await dialects.all()) expect(await pre.isVisible()).toBe(true);
    await context.close();
  });

  it("copies where the page may not: on plain http it selects the policy and says so, as when the browser refuses", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const path = `/servers/${enc(GITHUB)}/tools/delete_file`;
    const button = page.locator("[data-policy] button[data-copy]").first();
    const status = page.locator("[data-policy] [data-copy-status]").first();
    // A selection reads without the text's last line break.
    const selected = () => page.evaluate(() => String((globalThis as any).getSelection()));
    const policy = async () => (await page.locator("[data-policy] [data-format]:not([hidden]) pre").first().textContent())!.trimEnd();

    await page.goto(`http://${PLAIN_HOST}:${new URL(s.url).port}${path}`);
    expect(await page.evaluate(() => "clipboard" in (globalThis as any).navigator)).toBe(false);
    await button.click();
    await expect.poll(() => status.textContent()).toMatch(/cannot copy by itself here.*selected: press Ctrl\+C/);
    expect(await selected()).toBe(await policy());

    // A secure origin whose user refused the page the clipboard.
    await page.goto(`${s.url}${path}`);
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send("Target.getTargetInfo");
    await cdp.send("Browser.setPermission", { permission: { name: "clipboard-write" }, setting: "denied", origin: s.url, browserContextId: targetInfo.browserContextId! });
    await button.click();
    await expect.poll(() => status.textContent()).toMatch(/did not let the page copy.*selected: press Ctrl\+C/);
    expect(await selected()).toBe(await policy());
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the API's message when search as you type is refused", async () => {
    const page = await browser.newPage();
    await page.goto(s.url);
    await page.locator("#q").fill("a".repeat(257));
    const said = page.locator("#live-results p");
    await said.waitFor();
    expect(await said.innerText()).toBe("Search failed: q: must be at most 256 characters");
    await page.close();
  });

  it("logs no console error loading any page, its icon included", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    // The script and stylesheet come from names hashed from their bytes, kept for good: a page of a new version
    // never runs the script a browser kept from the version before.
    const assets: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
      if (["script", "stylesheet"].includes(r.request().resourceType())) assets.push(`${new URL(r.url()).pathname} ${r.headers()["cache-control"]}`);
    });
    for (const path of ["/", "/search?q=delete_file", "/tools/delete_file", `/servers/${enc(GITHUB)}/tools/delete_file`, `/servers/${enc(GITHUB)}`]) {
      await page.goto(`${s.url}${path}`);
      await page.waitForLoadState("load");
      // The icon a browser shows in the tab: the one the page links, else /favicon.ico (headless Chromium asks for
      // neither on its own, a desktop one does, and logs a 404).
      const icon = await page.evaluate(() => {
        const doc = (globalThis as any).document;
        return (doc.querySelector("link[rel~=icon]")?.href ?? new URL("/favicon.ico", doc.baseURI).href) as string;
      });
      expect((await page.request.get(icon)).status(), `${path}: ${icon}`).toBe(200);
    }
    expect(errors).toEqual([]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset).toMatch(/^\/assets\/(style\.[0-9a-f]{16}\.css|app\.[0-9a-f]{16}\.js) public, max-age=31536000, immutable$/);
    await context.close();
  });
});
