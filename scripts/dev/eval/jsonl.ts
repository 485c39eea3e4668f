// A JSON-lines file of labelled items read whole (gzipped when its name ends in .gz), each line parsed by its schema;
// a bad line is named by file and line.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { z } from "zod";

export function readJsonLines<T>(path: string, parse: (item: unknown) => T): T[] {
  const bytes = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(bytes) : bytes)
    .toString("utf8")
    .split("\n")
    .flatMap((l, i) => {
      if (!l.trim()) return [];
      try {
        return [parse(JSON.parse(l))];
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${e instanceof z.ZodError ? (e.issues[0]?.message ?? "invalid line") : String(e)}`);
      }
    });
}
