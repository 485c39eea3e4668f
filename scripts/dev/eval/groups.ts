// Vendor groups for leave-server-out folds: servers that share an npm scope or a repository owner (one vendor,
// one monorepo) are one group, so no fold is tested on a sibling of what it was trained on. Pure.

/** A server and what ties it to others: its package name and its repository, when known. */
export interface GroupMember {
  server: string;
  /** Further keys that identify the vendor (e.g. the Docker catalogue entry a fixture was copied from). */
  keys?: readonly string[];
  repository?: string | undefined;
}

/** `@scope/name` → `@scope`; unscoped names have none. */
export function npmScope(packageName: string): string | undefined {
  const m = /^(@[^/]+)\//.exec(packageName.trim().toLowerCase());
  return m?.[1];
}

/**
 * The owner of a repository URL, as `host/owner` in lower case: `git+https://github.com/Acme/x.git` →
 * `github.com/acme`; `git@github.com:acme/x` too. Undefined when the URL names no owner.
 */
export function repositoryOwner(url: string): string | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([a-z0-9.-]+\.[a-z]{2,})[:/]+([^/#?\s]+)\//i.exec(url.trim());
  if (!m) return undefined;
  return `${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}`;
}

/** The keys that tie a member to its vendor: its own name, its scope, its repository's owner, and any given. */
export function vendorKeys(m: GroupMember): string[] {
  const keys = [`server:${m.server}`];
  const scope = npmScope(m.server);
  if (scope) keys.push(`scope:${scope}`);
  const owner = m.repository ? repositoryOwner(m.repository) : undefined;
  if (owner) keys.push(`owner:${owner}`);
  for (const k of m.keys ?? []) keys.push(k);
  return keys;
}

/** server → group name (the alphabetically first server of its group); members tied by any key share a group. */
export function vendorGroups(members: readonly GroupMember[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let x = k; x !== root; ) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const m of members) {
    const keys = vendorKeys(m);
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of keys.slice(1)) union(keys[0]!, k);
  }
  const rootName = new Map<string, string>();
  for (const m of [...members].sort((a, b) => (a.server < b.server ? -1 : a.server > b.server ? 1 : 0))) {
    const root = find(`server:${m.server}`);
    if (!rootName.has(root)) rootName.set(root, m.server);
  }
  return new Map(members.map((m) => [m.server, rootName.get(find(`server:${m.server}`))!]));
}

/**
 * Groups dealt into `k` folds: largest first (by weight, then name), each to the lightest fold so far, so
 * folds hold about the same number of labelled tools. Deterministic. Returns group → fold index.
 */
export function assignFolds(groupWeights: ReadonlyMap<string, number>, k: number): Map<string, number> {
  const groups = [...groupWeights].sort(([a, wa], [b, wb]) => wb - wa || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(k).fill(0);
  const out = new Map<string, number>();
  for (const [group, weight] of groups) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    out.set(group, best);
    load[best]! += weight;
  }
  return out;
}
