// gen-world: generate, mutate and serve the synthetic registry + Glama world the nightly-refresh benchmark runs against.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { FILES, readManifest, type Manifest } from "./files.js";
import { generateWorld } from "./generate.js";
import { mutateWorld } from "./mutate.js";
import { serveWorld } from "./serve.js";
import { runAsScript } from "../../run-as-script.js";
import { wholeNumber } from "../../whole-number.js";

export { generateWorld, type GenerateOptions } from "./generate.js";
export { mutateWorld, type MutateOptions, type Mutation } from "./mutate.js";
export { serveWorld, type ServeOptions, type WorldServer } from "./serve.js";
export { readManifest, type Manifest } from "./files.js";

export const USAGE = `Usage: gen-world [options]

Generates a deterministic synthetic world (official registry items and Glama servers with tools), optionally
changes a fraction of it, and optionally serves it on 127.0.0.1.

Options:
  --servers N           registry names (default 50000; Glama gets about 1.6x as many servers)
  --seed S              seed (default 1): the same seed gives byte-identical files
  --tools-per-server T  average tools per registry name (default 10)
  --out DIR             where the world lives (default: $TMPDIR/mcp-catalog-world-s<N>-seed<S>)
  --force               regenerate even if DIR already holds this world
  --mutate FRACTION     add a version to FRACTION of registry names and change a tool on FRACTION of
                        Glama servers (e.g. 0.01), after generating or reusing the world
  --serve               serve DIR until SIGINT/SIGTERM: /v0.1/servers (registry), /v1/servers (Glama)
  --port P              port to serve on (default: any free port)
  --delay-ms D          wait D ms before answering each request
  --json                machine output on stdout: the manifest, or with --serve exactly one line {"url":...}
  -h, --help            this text

A world already in DIR is reused when its seed, size and tools-per-server match (or when only --out is given).
`;

export interface GenWorldIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Resolves when serving should stop; default: the first SIGINT or SIGTERM. */
  stop?: Promise<unknown>;
}

class UsageError extends Error {}

function number(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${name}: invalid value ${JSON.stringify(raw)}`);
  return n;
}

function whole(name: string, raw: string | undefined, fallback: number, range: { min?: number; max?: number }): number {
  if (raw === undefined) return fallback;
  const n = wholeNumber(raw, range);
  if (n === undefined) throw new UsageError(`--${name}: invalid value ${JSON.stringify(raw)}`);
  return n;
}

function waitForSignal(): Promise<unknown> {
  return new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
}

function describe(dir: string, m: Manifest): string {
  return `world ${dir}: ${m.registryNames} registry names (${m.registryItems} items), ${m.glamaServers} Glama servers (${m.glamaTwins} also in the registry), ${m.tools} tools, seed ${m.seed}, ${m.mutations} mutation(s)\n`;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: GenWorldIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        servers: { type: "string" },
        seed: { type: "string" },
        "tools-per-server": { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
        mutate: { type: "string" },
        serve: { type: "boolean" },
        port: { type: "string" },
        "delay-ms": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const servers = whole("servers", values.servers, 50_000, { min: 1 });
    const seed = whole("seed", values.seed, 1, {});
    const toolsPerServer = number("tools-per-server", values["tools-per-server"], 10, (n) => n > 0 && n <= 200);
    const fraction = values.mutate === undefined ? undefined : number("mutate", values.mutate, 0, (n) => n >= 0 && n <= 1);
    const port = whole("port", values.port, 0, { max: 65_535 });
    const delayMs = number("delay-ms", values["delay-ms"], 0, (n) => n >= 0);
    const dir = resolve(values.out ?? join(tmpdir(), `mcp-catalog-world-s${servers}-seed${seed}`));

    const sized = values.servers !== undefined || values.seed !== undefined || values["tools-per-server"] !== undefined;
    let manifest: Manifest | undefined;
    if (!values.force && existsSync(join(dir, FILES.manifest))) {
      const existing = readManifest(dir);
      const same = existing.seed === seed && existing.servers === servers && existing.toolsPerServer === toolsPerServer;
      if (same || (values.out !== undefined && !sized)) manifest = existing;
    }
    if (manifest) {
      io.stderr.write(`reusing ${describe(dir, manifest)}`);
    } else {
      const started = performance.now();
      manifest = await generateWorld({ dir, servers, seed, toolsPerServer });
      io.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${describe(dir, manifest)}`);
    }
    if (fraction !== undefined) {
      const started = performance.now();
      const m = await mutateWorld({ dir, fraction });
      manifest = m.manifest;
      io.stderr.write(
        `mutated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${m.registryNames.length} new versions, ${m.glamaIds.length} Glama servers changed; updated_since=${m.since} returns ${m.registryKeys.length} items\n`,
      );
    }
    if (!values.serve) {
      io.stdout.write(values.json ? `${JSON.stringify({ dir, ...manifest })}\n` : describe(dir, manifest));
      return 0;
    }
    const server = await serveWorld({ dir, port, delayMs });
    io.stdout.write(values.json ? `${JSON.stringify({ url: server.url })}\n` : `${server.url}\n`);
    io.stderr.write(`serving ${dir}: ${server.url}/v0.1/servers and ${server.url}/v1/servers${delayMs ? `, ${delayMs} ms delay` : ""}\n`);
    await (io.stop ?? waitForSignal());
    await server.close();
    io.stderr.write(`stopped after ${server.requests()} requests\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr.write(`gen-world: ${error.message}\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`gen-world: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

runAsScript(import.meta.url, "gen-world", (argv: string[]) => main(argv));
