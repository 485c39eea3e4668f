// Where a benchmark's time goes: a V8 CPU profile of a piece of work taken in-process (node:inspector), summed
// by function (self time) and by module, so a missed target is printed with its measured cause.
import { Session } from "node:inspector/promises";
import type { Profiler } from "node:inspector";

export interface ProfileEntry {
  /** "decide (classifier/classify.js:202)", or the module's path for module entries. */
  name: string;
  /** Share of the profiled samples, in [0, 1]. */
  share: number;
}

export interface ProfileSummary {
  functions: ProfileEntry[];
  modules: ProfileEntry[];
}

/** The last two parts of a script's path ("classifier/classify.js"); V8's own work ("(garbage collector)") has none. */
function shortPath(url: string): string {
  return url.split("/").slice(-2).join("/");
}

/** The frame profileWork runs the work in: only samples under it (and garbage collection) are the work's. */
const MARKER = "profiledWork";

/** The ids of the nodes at or under a frame named `marker` (all nodes when no frame is). */
function nodesUnder(nodes: readonly Profiler.ProfileNode[], marker: string): Set<number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const under = new Set<number>();
  const visit = (id: number) => {
    if (under.has(id)) return;
    under.add(id);
    for (const child of byId.get(id)?.children ?? []) visit(child);
  };
  for (const n of nodes) if (n.callFrame.functionName === marker) visit(n.id);
  if (under.size === 0) for (const n of nodes) under.add(n.id);
  return under;
}

/**
 * Self time per function and per module of a V8 CPU profile, the largest `top` of each: the time spent under a
 * frame named `marker` when there is one (not the profiler's own start and stop), and garbage collection.
 */
export function summarizeProfile(profile: Pick<Profiler.Profile, "nodes" | "samples" | "timeDeltas">, top = 8, marker = MARKER): ProfileSummary {
  const time = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) time.set(samples[i]!, (time.get(samples[i]!) ?? 0) + Math.max(0, deltas[i] ?? 0));
  const counted = nodesUnder(profile.nodes, marker);
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = time.get(node.id) ?? 0;
    if (t === 0 || !(counted.has(node.id) || node.callFrame.functionName === "(garbage collector)")) continue;
    total += t;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? shortPath(url) : "";
    const name = where ? `${functionName || "(anonymous)"} (${where}:${lineNumber + 1})` : functionName || "(anonymous)";
    byFunction.set(name, (byFunction.get(name) ?? 0) + t);
    const module = where || functionName || "(anonymous)";
    byModule.set(module, (byModule.get(module) ?? 0) + t);
  }
  const largest = (m: Map<string, number>): ProfileEntry[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => ({ name, share: total > 0 ? t / total : 0 }));
  return { functions: largest(byFunction), modules: largest(byModule) };
}

/** Runs `work` under the CPU profiler of this thread and summarizes where its time went. */
export async function profileWork(work: () => void, top = 8): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    // A named frame of its own, so the summary counts the work and not the profiler's start and stop.
    const profiledWork = () => work();
    Object.defineProperty(profiledWork, "name", { value: MARKER });
    profiledWork();
    const { profile } = await session.post("Profiler.stop");
    return summarizeProfile(profile, top);
  } finally {
    session.disconnect();
  }
}

/** "decide (classifier/classify.js:202) 6%, readTool (…) 6%": entries as a sentence. */
export function describeEntries(entries: readonly ProfileEntry[]): string {
  return entries.map((e) => `${e.name} ${Math.round(e.share * 100)}%`).join(", ");
}
