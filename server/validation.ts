// What a request may not send, each a 400 naming the parameter: what zod refuses, a page size not in plain digits, text Postgres cannot hold, escapes that are not UTF-8, a parameter the route reads given twice.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { unstorableParam } from "../crawler/sanitize.js";
import { badRequest, shownName } from "./errors.js";
import { wholeNumber } from "../scripts/whole-number.js";

const givenTwice = (name: string) => badRequest(`${name}: given more than once`);

export function validationHook(result: ({ success: true } | { success: false; error: z.ZodError }) & { target: string }, c: Context): void {
  if (result.success) return;
  // A query parameter given twice reaches zod as an array, which no parameter a route reads takes: named as a repeat.
  // One the route does not read is no issue here, however often it comes.
  if (result.target === "query") {
    const repeated = result.error.issues.map((i) => i.path[0]).find((name) => typeof name === "string" && (c.req.queries(name)?.length ?? 0) > 1);
    if (repeated !== undefined) throw givenTwice(String(repeated));
  }
  const issue = result.error.issues[0]!;
  throw badRequest(`${issue.path.length ? issue.path.join(".") : "request"}: ${issue.message}`);
}

/**
 * Postgres text cannot hold a NUL character or a lone surrogate (half a UTF-16 pair, which no UTF-8 text holds): a
 * parameter with one is refused, naming it, before a query fails on the NUL or the driver, writing U+FFFD for the
 * surrogate, looks up another name than the one asked (stored text has neither; the crawler stores U+FFFD instead).
 */
export function refuseUnstorable(params: Record<string, unknown>): void {
  const bad = unstorableParam(params);
  if (bad) throw badRequest(`${bad.name}: must not contain ${bad.holds}`);
}

/**
 * Percent-encoded `text` decoded as the router decodes it (a `%` that starts no escape is that character, a `+` a
 * space), or undefined when its escapes are not UTF-8 text.
 */
function decodedText(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " ").replace(/%(?![0-9a-f]{2})/gi, "%25"));
  } catch {
    return undefined;
  }
}

const undecodable = (name: string) => badRequest(`${shownName(name)}: its percent-encoded bytes are not UTF-8 text`);

/**
 * A path or query parameter whose escapes are not UTF-8 (`%ED%A0%80`, a lone surrogate's bytes; `%C0%AF`, an
 * overlong `/`) is refused, naming it: the router would keep the escapes as literal text, and answer for that.
 */
export function refuseUndecodable(url: URL): void {
  if (decodedText(url.pathname) === undefined) throw undecodable("path");
  for (const pair of url.search.slice(1).split("&")) {
    const [rawName = "", rawValue = ""] = pair.split(/=(.*)/s);
    const name = decodedText(rawName);
    if (name === undefined) throw undecodable("query");
    if (decodedText(rawValue) === undefined) throw undecodable(name);
  }
}

/**
 * The value of a query parameter a page reads, undefined when it is not given; given twice, a 400 naming it, as the
 * routes' validationHook answers (taking the first would quietly drop the other). A parameter no route reads
 * (`utm_source`, a stylesheet's `?v=`) may come as often as a link writes it.
 */
export function queryParam(c: Context, name: string): string | undefined {
  const values = c.req.queries(name);
  if (values && values.length > 1) throw givenTwice(name);
  return values?.[0];
}

/**
 * A page size as a query string gives it, read as every whole number is (wholeNumber: decimal digits only), from 1 to
 * `max`, else one message for every way it can be wrong: Number() would read `1e2` as 100, `0x10` as 16 and a space as 0.
 */
export function pageSizeParam(max: number, fallback: number) {
  const message = `must be a whole number from 1 to ${max}`;
  return z
    .preprocess((value) => (typeof value === "string" ? (wholeNumber(value) ?? value) : value), z.number({ error: message }).int(message).min(1, message).max(max, message))
    .default(fallback);
}
