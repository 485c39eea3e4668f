// The world's files on disk: names, the manifest, the index formats, and a buffered line writer.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const FILES = {
  manifest: "manifest.json",
  /** Registry items, one JSON line each, sorted by `name:version` (the registry's own order). */
  registry: "registry.jsonl",
  /** One TSV line per registry item, same order: byte offset, byte length, updatedAt (ms), deleted (0/1), `name:version`. */
  registryIndex: "registry.idx",
  /** Glama McpServer objects, one JSON line each, in directory order. */
  glama: "glama.jsonl",
  /** One TSV line per Glama server, same order: byte offset, byte length. */
  glamaIndex: "glama.idx",
} as const;

export const manifestSchema = z.object({
  format: z.literal(1),
  seed: z.number().int(),
  servers: z.number().int(),
  toolsPerServer: z.number(),
  registryNames: z.number().int(),
  registryItems: z.number().int(),
  glamaServers: z.number().int(),
  /** Glama servers that are the same server as a registry entry (same repository). */
  glamaTwins: z.number().int(),
  tools: z.number().int(),
  /** Fixed from the seed, so the files are byte-identical from run to run. */
  generatedAt: z.string(),
  /** The latest updatedAt of any registry item: `updated_since` this returns nothing. */
  maxUpdatedAt: z.string(),
  mutations: z.number().int(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function readManifest(dir: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(join(dir, FILES.manifest), "utf8")));
}

export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/**
 * Appends lines to a file through a 1 MB byte buffer, tracking each line's byte offset and length.
 * Lines are copied into the buffer at once, so their strings die young instead of being promoted by the GC.
 */
export class LineWriter {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offset = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  /** Writes `line` and a newline; returns where the line's bytes are (without the newline). */
  write(line: string): { offset: number; length: number } {
    const length = Buffer.byteLength(line);
    const at = this.offset;
    if (this.used + length + 1 > this.buf.length) this.flush();
    if (length + 1 > this.buf.length) {
      writeSync(this.fd, `${line}\n`);
    } else {
      this.buf.write(line, this.used, "utf8");
      this.buf[this.used + length] = 10;
      this.used += length + 1;
    }
    this.offset += length + 1;
    return { offset: at, length };
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buf, done, this.used - done);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function registryIndexLine(offset: number, length: number, updatedMs: number, deleted: boolean, key: string): string {
  return `${offset}\t${length}\t${updatedMs}\t${deleted ? 1 : 0}\t${key}`;
}

/** RFC 3339 with microseconds and trailing zeros trimmed, as the registry (Go's RFC3339Nano) writes them. */
export function rfc3339(ms: number, micros = 0): string {
  const iso = new Date(ms).toISOString(); // 2025-09-09T03:01:43.052Z
  const fraction = `${iso.slice(20, 23)}${String(micros % 1000).padStart(3, "0")}`.replace(/0+$/, "");
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ""}Z`;
}
