// Ordering aid for a harvest short of time: how often a package's own published files declare tool hints literally (`readOnlyHint: true`, `destructiveHint:!1` …), read from its tarball before anything is installed.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { installerEnv } from "../../../crawler/mcp/install.js";

const run = promisify(execFile);

// A hint given a literal value, as written or as a minifier leaves it. The SDK's own schemas
// (`readOnlyHint: z.boolean()`) do not match: a bundled SDK is no evidence.
const HINT_LITERAL = /\b(?:readOnlyHint|destructiveHint)["']?\s*:\s*(?:!0|!1|true|false)\b/g;

/** Pure: how many literal hint values a text holds. */
export function hintLiterals(text: string): number {
  return text.match(HINT_LITERAL)?.length ?? 0;
}

export interface PackOptions {
  npmRegistryUrl?: string;
  npmCacheDir?: string;
  timeoutMs: number;
  workRoot?: string;
}

/**
 * The literal hint values in one published version's tarball (`npm pack`, no install, no code run).
 * The tar is read as bytes: its files are stored whole, so a text search over it sees their text.
 */
export async function packedHintLiterals(name: string, version: string, o: PackOptions): Promise<number> {
  const dir = await mkdtemp(join(o.workRoot ?? tmpdir(), "mcp-catalog-pack-"));
  try {
    const args = ["pack", `${name}@${version}`, "--pack-destination", dir, "--loglevel=error"];
    if (o.npmRegistryUrl) args.push("--registry", o.npmRegistryUrl);
    if (o.npmCacheDir) args.push("--cache", o.npmCacheDir, "--prefer-offline");
    await run("npm", args, { cwd: dir, env: installerEnv(dir), timeout: o.timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 });
    const packed = (await readdir(dir)).find((f) => f.endsWith(".tgz"));
    if (!packed) return 0;
    return hintLiterals(gunzipSync(await readFile(join(dir, packed))).toString("latin1"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
