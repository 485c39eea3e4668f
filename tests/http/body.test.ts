// What a body is, on plain data: an HTML page where JSON was asked for, and the codings a server compressed it with.
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { BodyDecodeError, contentCodings, decodeBody } from "../../crawler/content-encoding.js";
import { isHtmlPage } from "../../crawler/html-page.js";

describe("isHtmlPage", () => {
  test("by its Content-Type, whatever the body", () => {
    expect(isHtmlPage("Access denied", "text/html; charset=UTF-8")).toBe(true);
    expect(isHtmlPage("", "application/xhtml+xml")).toBe(true);
  });

  test("by how the body opens (WHATWG MIME sniffing), after whitespace or a BOM, in any case", () => {
    for (const body of ["<!DOCTYPE html><html>", "\n\t <HTML lang=en>", "\uFEFF<head>", "<title>Just a moment...</title>", "<!-- cf -->", "<p>Forbidden</p>"]) {
      expect(isHtmlPage(body), body).toBe(true);
    }
  });

  test("not JSON, XML or text that merely holds a tag", () => {
    for (const body of ['{"html": "<html>"}', '<?xml version="1.0"?><Error/>', "<htmlx>", "Service unavailable <html>", ""]) {
      expect(isHtmlPage(body, "application/json"), body).toBe(false);
    }
    expect(isHtmlPage("<html>", "application/json")).toBe(true);
  });
});

describe("contentCodings and decodeBody", () => {
  test("codings in the order applied, identity and blanks left out, repeated headers joined", () => {
    expect(contentCodings(undefined)).toEqual([]);
    expect(contentCodings("identity")).toEqual([]);
    expect(contentCodings(" GZIP , br,")).toEqual(["gzip", "br"]);
    expect(contentCodings(["gzip", "br"])).toEqual(["gzip", "br"]);
  });

  test("a plain body is given back as it is; a gzipped one decoded", async () => {
    const body = Buffer.from('{"a":1}');
    expect(await decodeBody(body, undefined, 100)).toBe(body);
    expect((await decodeBody(gzipSync(body), "gzip", 100)).toString()).toBe('{"a":1}');
  });

  test("refused with the reason: past the cap, an unknown coding, too many codings, bytes not in the coding", async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as BodyDecodeError);
    await expect(refusal(decodeBody(gzipSync(Buffer.alloc(1_000)), "gzip", 999))).resolves.toMatchObject({ reason: "too_large", coding: "gzip" });
    await expect(refusal(decodeBody(Buffer.from("x"), "compress", 100))).resolves.toMatchObject({ reason: "unsupported", coding: "compress" });
    await expect(refusal(decodeBody(Buffer.from("x"), Array(6).fill("gzip").join(","), 100))).resolves.toMatchObject({ reason: "unsupported" });
    await expect(refusal(decodeBody(Buffer.from("x"), "br", 100))).resolves.toMatchObject({ reason: "corrupt", coding: "br" });
  });
});
