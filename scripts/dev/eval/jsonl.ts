// A JSON-lines file of labelled items read whole, each line parsed by its schema; a bad line is named by file and line.
import { readFileSync } from "node:fs";
import { z } from "zod";

export function readJsonLines<T>(path: string, parse: (item: unknown) => T): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return parse(JSON.parse(l));
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${e instanceof z.ZodError ? (e.issues[0]?.message ?? "invalid line") : String(e)}`);
      }
    });
}
