// The catalog's tools counted by their current verdicts (current-verdicts.ts), as every tool-level reader shows them: the
// chart by category and risk, the tools classified, those a model review raised. SQL counts the tools whose stored verdict
// is this classifier's for their present definition; the servers holding any other tool (between an upgrade that bumps
// CLASSIFIER_VERSION and the refresh that stores its verdicts: every server) are read a page at a time and their verdicts
// made now, each server's in one pass, so the totals never disagree with the tool pages they sum.
import { z } from "zod";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { plural } from "../classifier/plural.js";
import { outdatedVerdictServers, standingVerdictCounts, type CategoryRiskCount, type StandingVerdictCount } from "../db/browse.js";
import type { Db } from "../db/client.js";
import { serverRuns, verdictToolRows } from "../db/verdict-facts.js";
import { KeptPerServer } from "./kept-per-server.js";
import { currentReviewAnswers, currentServerEntries, type CurrentEntry } from "./current-verdicts.js";

const count = z.number().int();

export const verdictCountsSchema = z.object({
  classified: count.meta({ description: "current tools whose stored verdict is the current classifier's (or a later one's) for their present definition" }),
  classifiedNow: count.meta({
    description: "current tools counted by a verdict made now, as the tool pages show it (no stored verdict, another classifier version's, an older definition's); the next refresh stores them",
  }),
  modelReviewed: count.meta({ description: "current tools whose current verdict a model's answer was applied to (method rules+model)" }),
  byCategoryRisk: z.array(z.object({ category: z.string(), risk: z.string(), tools: count })).meta({ description: "current tools by the category and risk of their current verdicts" }),
});
export type VerdictCounts = z.infer<typeof verdictCountsSchema>;

/** `classifiedNow` in words, for `stats` and the home page: "20 tools more, by the current classifier's verdicts (learned-52) made now, …". */
export function classifiedNowText(classifiedNow: number): string {
  return `${plural(classifiedNow, "tool")} more, by the current classifier's verdicts (${CLASSIFIER_VERSION}) made now, not yet stored: the next refresh stores them`;
}

/** Servers whose verdicts are made at once: one read of their tools, one page's memory. */
const SERVERS_PER_PAGE = 500;

/** Whether SQL counted the entry (standingVerdictCounts): its stored verdict is this classifier's, so it stands. */
function countedInSql(e: CurrentEntry): boolean {
  return e.stored && e.classification?.classifierVersion === CLASSIFIER_VERSION;
}

/** Tools of one server counted by a verdict SQL did not count, grouped by what the tally reads of them. */
export interface UncountedGroup {
  category: string;
  risk: string;
  stored: boolean;
  reviewed: boolean;
  tools: number;
}

/** A server's current entries that SQL did not count, summed into a few groups: what a count keeps of the server. */
export function uncountedGroups(entries: readonly CurrentEntry[]): UncountedGroup[] {
  const groups = new Map<string, UncountedGroup>();
  for (const e of entries) {
    if (countedInSql(e) || !e.classification) continue;
    const g = { category: e.classification.category, risk: e.classification.risk, stored: e.stored, reviewed: e.classification.method === "rules+model" };
    const key = JSON.stringify([g.category, g.risk, g.stored, g.reviewed]);
    const group = groups.get(key) ?? { ...g, tools: 0 };
    group.tools += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The counts, summed from SQL's standing verdicts and the entries of the servers whose verdicts were made now. */
export class VerdictTally {
  private readonly groups = new Map<string, CategoryRiskCount>();
  private classified = 0;
  private classifiedNow = 0;
  private modelReviewed = 0;

  constructor(standing: readonly StandingVerdictCount[]) {
    for (const s of standing) this.count(s, s.tools, { stored: true, reviewed: s.reviewed });
  }

  /** A server's current entries (currentServerEntries) as uncountedGroups summed them: those SQL counted already are left out. */
  addGroups(groups: readonly UncountedGroup[]): void {
    for (const g of groups) this.count(g, g.tools, g);
  }

  private count(verdict: { category: string; risk: string }, tools: number, o: { stored: boolean; reviewed: boolean }): void {
    const key = JSON.stringify([verdict.category, verdict.risk]);
    const group = this.groups.get(key) ?? { category: verdict.category, risk: verdict.risk, tools: 0 };
    group.tools += tools;
    this.groups.set(key, group);
    if (o.stored) this.classified += tools;
    else this.classifiedNow += tools;
    if (o.reviewed) this.modelReviewed += tools;
  }

  counts(): VerdictCounts {
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const byCategoryRisk = [...this.groups.values()].sort((a, b) => byText(a.category, b.category) || byText(a.risk, b.risk));
    return { classified: this.classified, classifiedNow: this.classifiedNow, modelReviewed: this.modelReviewed, byCategoryRisk };
  }
}

/** A tally of the tools whose stored verdicts stand, the rest to add (VerdictTally.addGroups). */
export async function standingTally(db: Db): Promise<VerdictTally> {
  return new VerdictTally(await standingVerdictCounts(db, CLASSIFIER_VERSION));
}

/**
 * The catalog's tools counted by their current verdicts, without grading a server: the stored ones counted in SQL, the
 * servers with an outdated tool read and classified `pageSize` servers at a time, but those whose figures `kept`
 * (kept-per-server.ts) holds for their present fingerprint (without `kept`, none: a count from scratch). Nothing is
 * classified while no stored verdict is outdated.
 */
export async function currentVerdictCounts(db: Db, o: { pageSize?: number; kept?: KeptPerServer<UncountedGroup[]> } = {}): Promise<VerdictCounts> {
  const kept = o.kept ?? new KeptPerServer<UncountedGroup[]>();
  kept.begin();
  const tally = await standingTally(db);
  const unread = new Map<number, string>();
  for (const { serverId, fingerprint } of await outdatedVerdictServers(db, CLASSIFIER_VERSION)) {
    const groups = kept.reuse(serverId, fingerprint);
    if (groups) tally.addGroups(groups);
    else unread.set(serverId, fingerprint);
  }
  const ids = [...unread.keys()];
  const size = o.pageSize ?? SERVERS_PER_PAGE;
  for (let i = 0; i < ids.length; i += size) {
    const rows = await verdictToolRows(db, ids.slice(i, i + size));
    const answers = await currentReviewAnswers(db, rows);
    for (const group of serverRuns(rows)) {
      const groups = uncountedGroups(currentServerEntries({ key: group[0]!.server, description: group[0]!.serverDescription }, group, answers));
      tally.addGroups(groups);
      // Read after its fingerprint: a write in between leaves these figures under the older one, which the next count
      // finds changed, so it makes them again.
      kept.keep(group[0]!.serverId, unread.get(group[0]!.serverId)!, groups);
    }
  }
  kept.finish();
  return tally.counts();
}
