// A body a server compressed though we asked for it as it is (accept-encoding: identity): decoded by node:zlib, never past the size cap.
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from "node:zlib";

type Decode = (body: Buffer, options: ZlibOptions) => Promise<Buffer>;

const gunzipAsync = promisify(gunzip) as Decode;
const inflateAsync = promisify(inflate) as Decode;
const inflateRawAsync = promisify(inflateRaw) as Decode;

const DECODERS: Record<string, Decode> = {
  gzip: gunzipAsync,
  "x-gzip": gunzipAsync,
  br: promisify(brotliDecompress) as Decode,
  // RFC 9110's deflate is zlib-wrapped, but servers send raw deflate too; undici's fetch tells them apart by the
  // zlib header's compression method (the low nibble of the first byte), and so do we.
  deflate: (body, options) => ((body[0]! & 0x0f) === 0x08 ? inflateAsync : inflateRawAsync)(body, options),
};

/** More codings than this is an attack, not a server (undici and curl draw the line at 5 too: CVE-2022-32206). */
const MAX_CODINGS = 5;

/** Why a body could not be decoded: the coding is none we decode, the data is not in it, or it decodes past the cap. */
export class BodyDecodeError extends Error {
  constructor(
    readonly reason: "unsupported" | "corrupt" | "too_large",
    readonly coding: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "BodyDecodeError";
  }
}

/** The codings a Content-Encoding header lists, in the order they were applied, `identity` left out (pure). */
export function contentCodings(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
}

/**
 * The body with its codings undone, last applied first. Each step stops as its output passes
 * `maxBytes` (zlib's maxOutputLength), so a small body that inflates to gigabytes costs no more
 * memory than a plain body at the cap.
 */
export async function decodeBody(body: Buffer, header: string | string[] | undefined, maxBytes: number): Promise<Buffer> {
  const codings = contentCodings(header);
  if (codings.length > MAX_CODINGS) throw new BodyDecodeError("unsupported", codings.join(", "), `the body is encoded ${codings.length} times over (Content-Encoding: ${codings.join(", ")}), more than ${MAX_CODINGS}`);
  const unknown = codings.find((c) => !DECODERS[c]);
  if (unknown) throw new BodyDecodeError("unsupported", unknown, `the body is in Content-Encoding ${unknown}, which the crawler does not decode`);
  let out = body;
  for (const coding of codings.reverse()) {
    try {
      out = await DECODERS[coding]!(out, { maxOutputLength: maxBytes });
    } catch (e) {
      // zlib's own code for output past maxOutputLength.
      if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw new BodyDecodeError("too_large", coding, `the ${coding} body decodes to more than the ${maxBytes}-byte limit`, e);
      throw new BodyDecodeError("corrupt", coding, `the body is not valid ${coding} (${e instanceof Error ? e.message : String(e)})`, e);
    }
  }
  return out;
}
