// Variables named in mcp-catalog's namespace (CATALOG_…) that it does not read: a misspelt name
// (`CATALOG_INTROSPECT_CONCURENCY`, `CATALOG_INTROSPECT_MAX_AGE`) would otherwise leave the default in force without a word.
import { envSchema } from "./config.js";

const PREFIX = "CATALOG_";
const KNOWN = Object.keys(envSchema.shape).filter((name) => name.startsWith(PREFIX));

/** Edits (insertions, deletions, substitutions) between two names. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The variable a misspelt one most likely means: the one a word longer at its end (its unit left off), else the one a letter or two apart. */
function meant(name: string): string | undefined {
  const longer = KNOWN.filter((k) => k.startsWith(`${name}_`));
  if (longer.length === 1) return longer[0];
  const near = KNOWN.map((k) => ({ k, d: distance(name, k) })).filter((c) => c.d <= 2).sort((x, y) => x.d - y.d);
  return near.length && (near.length === 1 || near[0]!.d < near[1]!.d) ? near[0]!.k : undefined;
}

/** Each variable set in `env` (not empty: empty is unset) that starts with CATALOG_ and is none mcp-catalog reads. */
export function unknownVariables(env: NodeJS.ProcessEnv): { name: string; meant?: string }[] {
  return Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && env[name] !== "" && env[name] !== undefined && !KNOWN.includes(name))
    .sort()
    .map((name) => {
      const m = meant(name);
      return m ? { name, meant: m } : { name };
    });
}

/** One line a command prints on stderr for each unknown variable, before it runs. */
export function unknownVariableLines(env: NodeJS.ProcessEnv): string[] {
  return unknownVariables(env).map((u) => `mcp-catalog: ${u.name} is not a variable mcp-catalog reads; it is ignored${u.meant ? ` (did you mean ${u.meant}?)` : ""}`);
}
