// Whether a body is an HTML page: what a CDN's bot challenge or error page is when it answers in place of an API.

/**
 * The tags the WHATWG MIME Sniffing standard (§7.1, "identifying a resource with an unknown MIME
 * type") reads as HTML when one opens a body, after any whitespace, followed by a space or `>`.
 */
const HTML_OPENING = /^[\t\n\f\r ]*<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[ >]/i;

/** An HTML page by its Content-Type, or by how its body opens when the type is missing or wrong (pure). */
export function isHtmlPage(text: string, contentType?: string): boolean {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  if (essence === "text/html" || essence === "application/xhtml+xml") return true;
  return HTML_OPENING.test(text.replace(/^\uFEFF/, ""));
}
