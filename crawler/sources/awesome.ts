// Awesome lists (GitHub README markdown): each entry under a category heading is a server, its link the repository.
import { load, type Cheerio, type CheerioAPI } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { Marked } from "marked";
import { normalizeRemoteUrl, normalizeRepository, repositoryAlias } from "../normalize.js";
import type { Alias, SkippedEntry, SourceRecord } from "../records.js";
import { DEFAULT_AWESOME_LIST_URLS } from "./awesome-lists.js";
import { SourceFormatError, type ParsedPage, type Source } from "./source.js";

/**
 * Sections whose entries are not servers: clients, frameworks, tools that manage servers, reading
 * matter, the list's own apparatus. A heading anywhere above an entry that matches puts it out.
 */
export const NON_SERVER_SECTIONS = /\b(tools? (&|and) utilities|server managers?|clients?|frameworks?|tutorials?|tips|resources|community|legend|contribut\w*|licen[cs]e|security warning|what is|getting started|examples? of supported)\b/i;

/** Hosts whose links name a repository (host/owner/repo); any other link is a product page. */
const CODE_HOSTS = new Set(["github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"]);

// Pictographs, their variation selector and joiner, keycaps (#️⃣ is "#", U+FE0F, U+20E3) and flags: the lists' legends.
const LEGEND = /^(?:\s|\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{FE0F}\u{200D}\u{20E3}]|[\u{1F1E6}-\u{1F1FF}]|[#*0-9](?=\u{FE0F}?\u{20E3}))+/u;
const PICTOGRAPHS = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{FE0F}\u{200D}\u{20E3}]|[\u{1F1E6}-\u{1F1FF}])/gu;

const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i;

/**
 * How deep a list's items may nest. The markdown parser lexes each nested list again for every level
 * above it, so a list nested thousands deep costs minutes and gigabytes before it overflows; real lists
 * nest a few levels. A list over this is refused before it is parsed.
 */
export const MAX_LIST_NESTING = 16;

/** The length of the list marker (`-`, `*`, `+`, `1.`, `1)`, then a space or tab) at `i`; 0 when there is none. */
function listMarkerAt(text: string, i: number): number {
  let j = i;
  if (text[j] === "-" || text[j] === "*" || text[j] === "+") j += 1;
  else {
    while (j - i < 9 && text[j]! >= "0" && text[j]! <= "9") j += 1;
    if (j === i || (text[j] !== "." && text[j] !== ")")) return 0;
    j += 1;
  }
  return text[j] === " " || text[j] === "\t" ? j - i : 0;
}

/**
 * Pure and linear, parsing nothing: how deep the deepest list item of `markdown` may nest, read off the
 * opening of its line. Each container mark (`>`, a list marker) is a level and each two columns of
 * indentation one more (a nested list is indented at least that far), so this never undercounts.
 */
export function listNesting(markdown: string): number {
  let deepest = 0;
  for (let i = 0; i < markdown.length; ) {
    let columns = 0;
    let marks = 0;
    for (;;) {
      const c = markdown[i];
      if (c === " ") columns += 1;
      else if (c === "\t") columns += 4;
      else if (c === ">") marks += 1;
      else {
        const marker = listMarkerAt(markdown, i);
        if (!marker) break;
        marks += 1;
        deepest = Math.max(deepest, marks + Math.floor(columns / 2));
        i += marker;
        continue;
      }
      i += 1;
    }
    const eol = markdown.indexOf("\n", i);
    if (eol < 0) break;
    i = eol + 1;
  }
  return deepest;
}

/** The text that follows `node` inside `root`, in document order. */
function textAfter($: CheerioAPI, node: AnyNode, root: AnyNode): string {
  let text = "";
  for (let cur: AnyNode | null = node; cur && cur !== root; cur = cur.parent) {
    for (let sib = cur.nextSibling; sib; sib = sib.nextSibling) text += $(sib).text();
  }
  return text;
}

/** One list entry as read: name, link, description, and the headings it sits under. */
export interface AwesomeEntry {
  name: string;
  url: string;
  description?: string;
  category: string;
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A heading's title without its emoji, anchor or trailing marks. */
function headingTitle($: CheerioAPI, h: Element): string {
  return squash($(h).text().replace(PICTOGRAPHS, ""));
}

/** A link that only wraps an image (a badge, a logo) names nothing. */
function isBadge($: CheerioAPI, a: Element): boolean {
  const link = $(a);
  return link.find("img").length > 0 && squash(link.text()) === "";
}

/**
 * The entry an item is, or why it cannot be one; undefined for an item that is no entry at all
 * (prose without a link, or navigation to the page's own headings).
 */
function readItem($: CheerioAPI, li: Element, category: string): AwesomeEntry | { skip: string } | undefined {
  const item = $(li).clone();
  // Sub-bullets describe the entry; footnote marks, icons and badges are decoration.
  item.find("ul, ol, sup, img").remove();
  item.find("a").each((_, a) => {
    if (isBadge($, a)) $(a).remove();
  });
  const links = item.find("a[href]").toArray();
  if (links.length === 0) return undefined;
  const named = links.find((a) => squash($(a).text().replace(PICTOGRAPHS, "")) !== "");
  if (!named) return { skip: "entry link has no name" };
  const raw = ($(named).attr("href") ?? "").trim();
  if (raw.startsWith("#")) return undefined;
  // A link written without its scheme ("example.com") is a web page all the same.
  const href = BARE_HOST.test(raw) ? `https://${raw}` : raw;
  if (!/^https?:\/\//i.test(href)) return { skip: `entry link is not an http(s) URL: ${href.slice(0, 80) || "(empty)"}` };
  const name = squash($(named).text().replace(PICTOGRAPHS, ""));
  // The name link, or the bold/italic around it, marks where the description starts.
  let marker: Cheerio<AnyNode> = $(named);
  while (marker.parent().is("strong, em, b, i") && squash(marker.parent().text()) === squash(marker.text())) marker = marker.parent();
  const description = squash(textAfter($, marker[0]!, item[0]!)).replace(LEGEND, "").replace(/^[-–—:|]+\s*/, "").trim();
  return { name, url: href, ...(description ? { description } : {}), category };
}

/** Pure: the markdown of a list to its entries in order, and the items that look like entries but are unusable. */
export function readAwesomeList(markdown: string): { entries: AwesomeEntry[]; skipped: SkippedEntry[] } {
  const html = new Marked({ gfm: true }).parse(markdown, { async: false });
  const $ = load(html);
  const headings: { level: number; title: string }[] = [];
  const entries: AwesomeEntry[] = [];
  const skipped: SkippedEntry[] = [];
  let index = 0;
  $("h1, h2, h3, h4, h5, h6, li").each((_, el) => {
    if (el.tagName !== "li") {
      const level = Number(el.tagName.slice(1));
      while (headings.length && headings[headings.length - 1]!.level >= level) headings.pop();
      headings.push({ level, title: headingTitle($, el) });
      return;
    }
    // A nested item belongs to the entry above it; items before any heading are the list's preamble.
    if ($(el).parents("li").length || headings.length < 2) return;
    if (headings.some((h) => NON_SERVER_SECTIONS.test(h.title))) return;
    const read = readItem($, el, headings[headings.length - 1]!.title);
    if (!read) return;
    if ("skip" in read) skipped.push({ index, reason: read.skip });
    else entries.push(read);
    index += 1;
  });
  return { entries, skipped };
}

/** The key a link identifies its server by: the repository (with its folder), else the page without scheme. */
function identity(url: string): { alias: Alias; repository?: ReturnType<typeof normalizeRepository> } | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
  const repository = CODE_HOSTS.has(host) ? normalizeRepository(url) : undefined;
  if (repository) return { alias: { kind: "repo", value: repositoryAlias(repository) }, repository };
  const page = normalizeRemoteUrl(url);
  return page ? { alias: { kind: "link", value: page.replace(/^https?:\/\//, "").replace(/^www\./, "") } } : undefined;
}

/**
 * Pure: a list's markdown to records, one per distinct repository (or page) it links: an entry
 * listed twice (under two headings) is one record with both categories.
 */
export function parseAwesomeList(markdown: string, listUrl: string): { records: SourceRecord[]; skipped: SkippedEntry[] } {
  const { entries, skipped } = readAwesomeList(markdown);
  const byKey = new Map<string, SourceRecord>();
  entries.forEach((e, i) => {
    const id = identity(e.url);
    if (!id) {
      skipped.push({ index: i, reason: `entry link is not a usable URL: ${e.url.slice(0, 80)}` });
      return;
    }
    const key = id.alias.value;
    const known = byKey.get(key);
    if (known) {
      if (!known.categories!.includes(e.category)) known.categories!.push(e.category);
      (known.raw as { entries: AwesomeEntry[] }).entries.push(e);
      return;
    }
    byKey.set(key, {
      source: "awesome",
      sourceId: `${listUrl}#${key}`,
      isLatest: true,
      raw: { list: listUrl, entries: [e] },
      server: { key, title: e.name, description: e.description, status: "active", repository: id.repository, ...(id.repository ? {} : { websiteUrl: e.url }), packages: [], remotes: [] },
      aliases: [id.alias],
      categories: [e.category],
    });
  });
  return { records: [...byKey.values()], skipped };
}

export function awesomeSource(urls: readonly string[] = DEFAULT_AWESOME_LIST_URLS): Source {
  if (urls.length === 0) throw new TypeError("awesomeSource needs at least one list URL");
  const at = (cursor: string | null | undefined) => {
    const i = cursor ? Number(cursor) : 0;
    return Number.isInteger(i) && i >= 0 && i < urls.length ? i : 0;
  };
  const pageAfter = (cursor: string | null | undefined) => {
    const i = at(cursor);
    return i + 1 < urls.length ? String(i + 1) : undefined;
  };
  return {
    name: "awesome",
    // A list is one page, fetched whole (conditionally) every run.
    incremental: false,
    format: "text",
    pageUrl(cursor: string | null): string {
      return urls[at(cursor)]!;
    },
    // Each list is its own document: one that fails (a moved README, a host down) fails alone.
    pageAfter,
    parsePage(body: unknown, cursor?: string | null): ParsedPage {
      if (typeof body !== "string") throw new SourceFormatError("awesome", "the list is not text");
      const i = at(cursor);
      const nesting = listNesting(body);
      if (nesting > MAX_LIST_NESTING) throw new SourceFormatError("awesome", `${urls[i]} nests its list items ${nesting} levels deep, over ${MAX_LIST_NESTING}: not read`);
      const { records, skipped } = parseAwesomeList(body, urls[i]!);
      // A list with no entry at all is not a list (an error page, a moved README): the list fails, nothing of it is written.
      if (records.length === 0) throw new SourceFormatError("awesome", `${urls[i]} has no list entries`);
      const next = pageAfter(cursor);
      return { records, skipped, ...(next !== undefined ? { next } : {}) };
    },
  };
}
