// The frame of every page: head, header with the search form (a landmark named "Site", its box "Search tools and
// servers": a page with a search form of its own names that one otherwise, so a screen reader tells the two apart), main; every catalog value passes through html`` (escaped)
// and catalog-text.ts (isolated, its invisible characters marked).
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { SCRIPT_PATH, STYLE_PATH } from "./assets.js";

export type Html = HtmlEscapedString;

/** `canonical`: the page's own URL, where other URLs answer with it too (a key in another case, a prefix, a repository URL). */
export function layout(o: { title: string; description?: string; canonical?: string; body: Html | Html[] }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · mcp-catalog</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ""}
${o.canonical ? html`<link rel="canonical" href="${o.canonical}">` : ""}
<link rel="stylesheet" href="${STYLE_PATH}">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<script src="${SCRIPT_PATH}" defer></script>
</head>
<body>
<header class="top">
<a class="brand" href="/">mcp-catalog</a>
<form action="/search" method="get" role="search" aria-label="Site"><input type="search" name="q" placeholder="Search tools and servers" aria-label="Search tools and servers"></form>
</header>
<main>${o.body}</main>
</body>
</html>` as Html;
}

export function riskBadge(risk: string | null): Html {
  return html`<span class="badge ${risk ?? ""}">${risk ?? "unclassified"}</span>` as Html;
}
