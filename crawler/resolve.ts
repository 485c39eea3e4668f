// Entity resolution: which existing server a record is, by DESIGN.md's identity ladder.
import type { Alias } from "./records.js";

/** The ladder, strongest proof first. A record merges on the first rung with exactly one candidate. */
export const IDENTITY_LADDER: readonly Alias["kind"][][] = [
  ["registry"],
  ["repo"],
  ["npm", "pypi", "oci", "nuget", "mcpb", "cargo"],
  ["remote"],
  ["glama", "smithery", "pulsemcp", "link"],
];

export interface AliasOwner {
  kind: string;
  value: string;
  serverKey: string;
}

export type Resolution =
  | { kind: "same"; key: string }
  | { kind: "merge"; key: string; via: Alias }
  | { kind: "ambiguous"; key: string; via: Alias; candidates: string[] };

function aliasId(kind: string, value: string): string {
  return `${kind}\u0000${value}`;
}

export function indexOwners(owners: readonly AliasOwner[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const o of owners) {
    const id = aliasId(o.kind, o.value);
    let set = index.get(id);
    if (!set) index.set(id, (set = new Set()));
    set.add(o.serverKey);
  }
  return index;
}

/**
 * Decides the server a record belongs to. Its own key wins when that server exists; otherwise the
 * first rung of the ladder on which its aliases point at exactly one other server merges it there.
 * Two candidates on a rung (a monorepo's repository shared by several servers) is not safe to merge:
 * the record stays its own server. A repository alias merges only when the subfolders agree, which
 * the `key#subfolder` alias form already encodes.
 */
export function resolveRecord(
  record: { key: string; aliases: readonly Alias[] },
  known: { owners: Map<string, Set<string>>; existingKeys: ReadonlySet<string>; registryKeys: ReadonlySet<string> },
): Resolution {
  const { key: ownKey, aliases } = record;
  const { owners, existingKeys, registryKeys } = known;
  if (existingKeys.has(ownKey)) return { kind: "same", key: ownKey };
  // Two official registry names are two servers by definition: a registry record never merges into another.
  const fromRegistry = aliases.some((a) => a.kind === "registry");
  for (const rung of IDENTITY_LADDER) {
    const candidates = new Set<string>();
    let via: Alias | undefined;
    for (const a of aliases) {
      if (!rung.includes(a.kind)) continue;
      for (const key of owners.get(aliasId(a.kind, a.value)) ?? []) {
        if (key === ownKey || (fromRegistry && registryKeys.has(key))) continue;
        candidates.add(key);
        via ??= a;
      }
    }
    if (candidates.size === 1) return { kind: "merge", key: [...candidates][0]!, via: via! };
    if (candidates.size > 1) return { kind: "ambiguous", key: ownKey, via: via!, candidates: [...candidates].sort() };
  }
  return { kind: "same", key: ownKey };
}

export interface PageResolution {
  /** Records whose server is another key: where they land. */
  targetOf: Map<string, string>;
  /** Servers first met under their repository that the registry now names: they take the official name. */
  renames: { from: string; to: string }[];
  merged: number;
  ambiguous: number;
}

/**
 * Resolves every server key of a page (with the aliases its records carry): a merge lands the records
 * on the existing server, except that a registry record merging into a server no registry name holds
 * renames that server to the official name instead.
 */
export function planResolutions(
  byKey: ReadonlyMap<string, readonly Alias[]>,
  known: { owners: Map<string, Set<string>>; existingKeys: ReadonlySet<string>; registryKeys: ReadonlySet<string> },
): PageResolution {
  const out: PageResolution = { targetOf: new Map(), renames: [], merged: 0, ambiguous: 0 };
  for (const [key, aliases] of byKey) {
    const resolution = resolveRecord({ key, aliases }, known);
    if (resolution.kind === "ambiguous") out.ambiguous += 1;
    if (resolution.kind !== "merge") continue;
    out.merged += 1;
    if (aliases.some((a) => a.kind === "registry") && !known.registryKeys.has(resolution.key)) out.renames.push({ from: resolution.key, to: key });
    else out.targetOf.set(key, resolution.key);
  }
  return out;
}
