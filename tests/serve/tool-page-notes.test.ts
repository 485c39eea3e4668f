// What a tool page says by a dialect's policy where the snippet alone would mislead: a dialect that cannot name the tool
// ("*" is PolicyLayer's and Intercept's wildcard) has, in its snippet's place, why there is none and what to do, rather
// than vanishing from the switcher; and where Claude Code names two tools alike (`get/record`, a read, and `get_record`,
// which drops every table, are both mcp__<server>__get_record), a note by its snippet says why the read's rule is the
// stricter twin's, naming the twin. The server's page keeps such a dialect in its switcher too, saying which tool its
// document cannot name and that the document denies it. Checked in the markup and in headless Chromium.
//
// The policy itself is the rule the server's own document has for the tool: copied from the read's page, a one-tool
// policy that allowed mcp__<server>__get_record would let the destructive twin run without asking.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS } from "../helpers/catalog.js";
import { launchChromium } from "../helpers/chromium.js";
import type { GlamaTool } from "../helpers/glama-replay.js";
import { markupText, shownText as shown } from "../helpers/page-text.js";
import { servedGlamaServer, type ServedCatalog } from "../helpers/served-catalog.js";
import { segment } from "../../server/paths.js";

const SERVER = "glama.ai/acme/records";
const enc = encodeURIComponent;
const tool = (name: string, description: string): GlamaTool => ({ name, description, inputSchema: { type: "object", properties: {} } });
const STAR = "*";
const OTHER = "list_records";
const READ = "get/record";
const TWIN = "get_record";

/** The section of one dialect on a page, or undefined when the page has none. */
const sectionOf = (page: string, format: string) => new RegExp(`<section data-format="${format}">(.*?)</section>`, "s").exec(page)?.[1];

/** The text of one dialect's policy on a page, unescaped as a browser shows it. */
function policyOn(page: string, format: string): string {
  const m = /<pre[^>]*>(.*?)<\/pre>/s.exec(sectionOf(page, format) ?? "");
  if (!m) throw new Error(`no ${format} policy on the page`);
  return markupText(m[1]!);
}

describe.each(DRIVERS)("a tool page's notes by its policies, on %s", (driver) => {
  let s: ServedCatalog;
  const pageUrl = (name: string) => `${s.url}/servers/${enc(SERVER)}/tools/${segment(name)}`;
  const page = async (name: string) => {
    const r = await fetch(pageUrl(name));
    expect(r.status, name).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    s = await servedGlamaServer(driver, { namespace: "acme", slug: "records", name: "Records", description: "A record store.", repository: null, attributes: [], tools: [
        tool(STAR, "Lists every record in the store. Read-only."),
        tool(OTHER, "Lists the records in the store. Read-only."),
        tool(READ, "Returns one record from the store. Read-only."),
        tool(TWIN, "Permanently deletes every record in the store and drops all tables."),
      ] });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  it("says, where the native and intercept snippets of a tool named * would be, why there are none and what to do", async () => {
    const star = await page(STAR);
    for (const format of ["native", "intercept"]) {
      const section = sectionOf(star, format);
      expect(section, format).toBeDefined();
      expect(section, format).not.toContain("<pre");
      const note = shown(section!);
      expect(note, format).toContain(`No ${format} policy: it cannot name the tool * (`);
      expect(note, format).toContain(`${format} denies a tool its document does not name, so there * is denied, stricter than its rule.`);
      expect(note, format).toContain(`mcp-catalog policy ${SERVER} --format ${format} refuses to write the server's document with it`);
      expect(note, format).toContain("To let it run as its rule says, use a format that names it: claude-code, codex, cedar and agentgateway.");
    }
    expect(shown(sectionOf(star, "native")!)).toContain(`"*" is PolicyLayer's wildcard for every tool`);
    expect(shown(sectionOf(star, "intercept")!)).toContain(`"*" is Intercept's wildcard key for every tool`);
    for (const format of ["claude-code", "codex", "cedar", "agentgateway"]) expect(sectionOf(star, format), format).toContain("<pre");
    // A tool every dialect names has a snippet in each, and no such note.
    const other = await page(OTHER);
    expect(other).not.toContain('class="unwritable"');
    for (const format of ["native", "intercept"]) expect(sectionOf(other, format), format).toContain("<pre");
  });

  it("keeps native and intercept on the server's page, saying in their place which tool they cannot name, why, and that their documents deny it", async () => {
    const r = await fetch(`${s.url}/servers/${enc(SERVER)}`);
    expect(r.status).toBe(200);
    const server = await r.text();
    expect([...server.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1])).toEqual(["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"]);
    for (const format of ["native", "intercept"]) {
      const section = sectionOf(server, format);
      expect(section, format).toBeDefined();
      expect(section, format).not.toContain("<pre");
      const note = shown(/<p class="unwritable">(.*?)<\/p>/s.exec(section!)?.[1] ?? "");
      expect(note, format).toContain(`No ${format} policy: it cannot name the tool * (`);
      expect(note, format).toContain(`${format} denies a tool its document does not name, so there * is denied, stricter than its rule (*: allow).`);
      expect(note, format).toContain(`mcp-catalog policy ${SERVER} --format ${format} refuses to write this document: write one by hand that leaves * out, every other tool's rule as it is (--json gives every tool's rule).`);
      expect(note, format).toContain("To let it run as its rule says, use a format that names it: claude-code, codex, cedar and agentgateway.");
    }
    expect(shown(sectionOf(server, "native")!)).toContain(`"*" is PolicyLayer's wildcard for every tool`);
    // The other dialects write the whole document, as before.
    for (const format of ["claude-code", "codex", "cedar", "agentgateway"]) expect(sectionOf(server, format), format).toContain("<pre");
  });

  it("says by the claude-code snippet of either twin why its rule is deny, naming the other tool with its own rule", async () => {
    const note = `claude-code names ${READ} and ${TWIN} alike, get_record (it writes each character outside A-Z a-z 0-9 _ - as "_"), so one rule holds them all: deny, the strictest of their rules (${READ}: allow; ${TWIN}: deny).`;
    for (const name of [READ, TWIN]) {
      const section = sectionOf(await page(name), "claude-code")!;
      expect(shown(/<p class="shared-name">(.*?)<\/p>/s.exec(section)?.[1] ?? ""), name).toBe(note);
      expect(section.indexOf('class="shared-name"'), name).toBeLessThan(section.indexOf("<pre"));
    }
    // Only the dialect that names them alike has the note, and only for tools that have a twin.
    const read = await page(READ);
    for (const format of ["native", "intercept", "codex", "cedar", "agentgateway"]) expect(sectionOf(read, format), format).not.toContain("shared-name");
    expect(await page(OTHER)).not.toContain("shared-name");
  });

  it("writes, on the read's page, the claude-code rule the server's document has for the shared name: deny, as for its twin", async () => {
    const server = JSON.parse(policyOn(await (await fetch(`${s.url}/servers/${enc(SERVER)}`)).text(), "claude-code")).permissions;
    expect(server.deny).toEqual(["mcp__records__get_record"]);
    expect(server.allow).toEqual(["mcp__records___", "mcp__records__list_records"]);
    for (const name of [READ, TWIN]) {
      const permissions = JSON.parse(policyOn(await page(name), "claude-code")).permissions;
      expect(permissions, name).toEqual({ allow: [], ask: [], deny: ["mcp__records__get_record"] });
    }
  });

  it("keeps each tool's own rule where the format names the tools apart, and for a tool with no twin", async () => {
    const read = await page(READ);
    expect(JSON.parse(policyOn(read, "native")).tools).toEqual({ [READ]: {} });
    expect(policyOn(read, "codex")).toContain(`enabled_tools = [\n  "${READ}",\n]`);
    const other = JSON.parse(policyOn(await page(OTHER), "claude-code")).permissions;
    expect(other).toEqual({ allow: ["mcp__records__list_records"], ask: [], deny: [] });
  });

  describe("in headless Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it("shows the note when native is picked, with nothing to copy, and the copy button again for a dialect with a policy", async () => {
      const tab = await browser.newPage();
      await tab.goto(pageUrl(STAR));
      const select = tab.locator("[data-policy] select").first();
      const copy = tab.locator("[data-policy] button[data-copy]").first();
      expect(await select.locator("option").allTextContents()).toEqual(["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"]);
      await select.selectOption("native");
      const note = tab.locator('[data-format="native"] .unwritable');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toMatch(/^No native policy: it cannot name the tool \* \("\*" is PolicyLayer's wildcard for every tool\)\./);
      expect(await copy.isDisabled()).toBe(true);
      await select.selectOption("codex");
      expect(await note.isVisible()).toBe(false);
      expect(await tab.locator('[data-format="codex"] pre').isVisible()).toBe(true);
      expect(await copy.isDisabled()).toBe(false);
      await tab.close();
    });

    it("on the server's page, keeps native in the switcher and shows why it has no policy, with nothing to copy", async () => {
      const tab = await browser.newPage();
      await tab.goto(`${s.url}/servers/${enc(SERVER)}`);
      const select = tab.locator("[data-policy] select").first();
      const copy = tab.locator("[data-policy] button[data-copy]").first();
      expect(await select.locator("option").allTextContents()).toEqual(["native", "intercept", "claude-code", "codex", "cedar", "agentgateway"]);
      await select.selectOption("intercept");
      const note = tab.locator('[data-format="intercept"] .unwritable');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toMatch(/^No intercept policy: it cannot name the tool \* \("\*" is Intercept's wildcard key for every tool.*\)\. intercept denies a tool its document does not name, so there \* is denied, stricter than its rule \(\*: allow\)\./);
      expect(await copy.isDisabled()).toBe(true);
      await select.selectOption("cedar");
      expect(await note.isVisible()).toBe(false);
      expect(await tab.locator('[data-format="cedar"] pre').isVisible()).toBe(true);
      expect(await copy.isDisabled()).toBe(false);
      await tab.close();
    });

    it("shows the shared-name note above the claude-code policy when claude-code is picked, outside the text Copy takes", async () => {
      const tab = await browser.newPage();
      await tab.goto(pageUrl(READ));
      await tab.locator("[data-policy] select").first().selectOption("claude-code");
      const note = tab.locator('[data-format="claude-code"] .shared-name');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain(`so one rule holds them all: deny, the strictest of their rules (${READ}: allow; ${TWIN}: deny).`);
      const policy = JSON.parse((await tab.locator('[data-format="claude-code"] pre').textContent())!);
      expect(policy.permissions.deny).toEqual(["mcp__records__get_record"]);
      await tab.locator("[data-policy] select").first().selectOption("native");
      expect(await note.isVisible()).toBe(false);
      await tab.close();
    });
  });
});
