// Opaque keyset cursors: the sort key of a page's last row, tagged with the order it belongs to.
import { z } from "zod";
import { storable } from "../crawler/sanitize.js";
import { badRequest } from "./errors.js";

const foreign = () => badRequest("cursor is not one this API issued (pass back nextCursor unchanged)");

export function encodeCursor(kind: string, key: unknown): string {
  return Buffer.from(JSON.stringify([kind, key])).toString("base64url");
}

/**
 * The key a cursor of `kind` carries, checked against `schema`; a foreign or damaged cursor is a 400. Its text is held
 * to the rules of a parameter's (refuseUnstorable): a NUL or a lone surrogate, which no key the API issued holds, would
 * fail the query or look up another key than the one sent.
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, kind: string, schema: T): z.infer<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw foreign();
  }
  const result = z.tuple([z.literal(kind), schema]).safeParse(parsed);
  if (!result.success || storable(result.data).replaced) throw foreign();
  return result.data[1] as z.infer<T>;
}

/** A page of `limit` rows was asked as `limit + 1`: the extra row says whether another page follows. */
export function page<T, K>(rows: T[], keys: K[], limit: number, kind: string): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  return { items: rows.slice(0, limit), nextCursor: encodeCursor(kind, keys[limit - 1]) };
}
