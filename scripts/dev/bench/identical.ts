// Proof that a faster classifier decides exactly as before: classifies every tool of the corpus, the labelled
// fixtures, the bench's synthetic world and the eval's GitHub set with this build and with another commit's build,
// and compares each whole classification (category, risk, confidence, rationale, signals, evidence, rule, hints)
// byte for byte.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { classifyServer, type Classification, type ServerContext } from "../../../classifier/classify.js";
import { DATA_PATHS } from "../eval/dataset.js";
import { FROM_GITHUB_PATH } from "../eval/from-github.js";
import { projectRoot } from "../../project-root.js";
import { runAsScript } from "../../run-as-script.js";
import { FlagError, wholeFlag } from "../whole-flag.js";
import { corpusServers, githubServers, labelledServers, worldServers } from "./classifier.js";

export type ClassifyServer = (context: ServerContext) => Classification[];

/** A named set of servers whose verdicts are compared. */
export interface VerdictSet {
  label: string;
  servers: readonly ServerContext[];
}

/** One tool whose verdicts differ, with the first field that does. */
export interface Difference {
  set: string;
  server: string;
  tool: string;
  field: string;
  base: string;
  head: string;
}

export interface Comparison {
  tools: number;
  differences: Difference[];
}

/** The first top-level field whose serialization differs ("rationale"), or "fields" when the key sets do. */
function firstDifferentField(base: Classification, head: Classification): { field: string; base: string; head: string } {
  const b = base as unknown as Record<string, unknown>;
  const h = head as unknown as Record<string, unknown>;
  const keys = Object.keys(b);
  if (keys.join() !== Object.keys(h).join()) return { field: "fields", base: keys.join(), head: Object.keys(h).join() };
  for (const k of keys) {
    const bs = JSON.stringify(b[k]);
    const hs = JSON.stringify(h[k]);
    if (bs !== hs) return { field: k, base: bs ?? "undefined", head: hs ?? "undefined" };
  }
  return { field: "order", base: JSON.stringify(base), head: JSON.stringify(head) };
}

/** Classifies every server of every set with both classifiers and lists the tools whose serialized verdicts differ. */
export function compareVerdicts(sets: readonly VerdictSet[], base: ClassifyServer, head: ClassifyServer): Comparison {
  const differences: Difference[] = [];
  let tools = 0;
  for (const set of sets) {
    for (const server of set.servers) {
      const a = base(server);
      const b = head(server);
      server.tools.forEach((tool, i) => {
        tools++;
        if (JSON.stringify(a[i]) === JSON.stringify(b[i])) return;
        differences.push({ set: set.label, server: server.name, tool: tool.name, ...firstDifferentField(a[i]!, b[i]!) });
      });
    }
  }
  return { tools, differences };
}

/** The sets compared: the corpus, the fixtures, the classifier bench's synthetic world and the eval's GitHub set. */
export function verdictSets(root = projectRoot()): VerdictSet[] {
  return [
    { label: "corpus", servers: corpusServers(root) },
    { label: "labelled fixtures", servers: labelledServers(join(root, DATA_PATHS.fixtures)) },
    { label: "world", servers: worldServers({ tools: 20_000 }) },
    { label: "GitHub set", servers: githubServers(root) },
  ];
}

/**
 * The classifier as built from commit `ref`: its tree exported to a directory of its own (kept per commit, so a
 * second run reuses it) and compiled with this checkout's TypeScript and dependencies.
 */
async function classifierAt(root: string, ref: string): Promise<{ classifyServer: ClassifyServer; commit: string }> {
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `mcp-catalog-identical-${commit}`);
  const entry = join(dir, "dist", "classifier", "classify.js");
  if (!existsSync(entry)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: dir, stdio: "inherit" });
  }
  const mod = (await import(pathToFileURL(entry).href)) as { classifyServer: ClassifyServer };
  return { classifyServer: (context) => mod.classifyServer(context), commit };
}

export const USAGE = `Usage: node dist/scripts/dev/bench/identical.js [--base REF] [--show N]

Classifies every tool of the corpus (${DATA_PATHS.corpus}), the labelled fixtures, the classifier bench's
synthetic world and the eval's GitHub set (${FROM_GITHUB_PATH}, hints included) with this
build and with the build of commit REF (default: main), and compares each whole classification byte for
byte. Exit 0 when every one is identical, 1 when any differs (the first N
are shown, default 10).
`;

export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { base: { type: "string", default: "main" }, show: { type: "string", default: "10" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  let show: number;
  try {
    show = wholeFlag("show", values.show);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    err(`identical: ${e.message}\n${USAGE}`);
    return 2;
  }
  const root = projectRoot();
  const base = await classifierAt(root, values.base);
  const { tools, differences } = compareVerdicts(verdictSets(root), base.classifyServer, (context) => classifyServer(context));
  if (differences.length === 0) {
    out(`identical: all ${tools} classifications of this build equal those of ${values.base} (${base.commit.slice(0, 10)})`);
    return 0;
  }
  out(`DIFFERENT: ${differences.length} of ${tools} classifications differ from ${values.base} (${base.commit.slice(0, 10)})`);
  for (const d of differences.slice(0, show)) out(`  ${d.set} ${d.server} / ${d.tool}: ${d.field}\n    base: ${d.base.slice(0, 400)}\n    head: ${d.head.slice(0, 400)}`);
  return 1;
}

runAsScript(import.meta.url, "identical", main);
