// The verdicts of a whole catalog as `stats` counts them: servers per grade, per annotation coverage, and
// with a toxic flow. Each server's tools are counted in SQL a page of servers at a time and graded from the
// counts, so memory is one page's whatever the catalog's size.
import { z } from "zod";
import { COVERAGES, coverageOf, HINT_NAMES, type Coverage } from "../classifier/annotations.js";
import { CLASSIFIER_VERSION } from "../classifier/classify.js";
import { FACETS } from "../classifier/facets.js";
import { makesToxicFlow } from "../classifier/flows.js";
import { GATED_RISKS, GRADED_SIGNALS, GRADES, gradeCounts, type ServerCounts, type Verdict } from "../classifier/grade.js";
import { RISKS } from "../classifier/taxonomy.js";
import { outdatedVerdictServers } from "../db/browse.js";
import type { Db } from "../db/client.js";
import { recentChangeRows, verdictCountRows, type VerdictCountNames, type VerdictCountRow } from "../db/verdict-facts.js";
import { assessServers, driftStart, riskyChangeCounts } from "./server-verdict.js";
import { KeptPerServer } from "./kept-per-server.js";
import { standingTally, uncountedGroups, type UncountedGroup, type VerdictCounts, type VerdictTally } from "./verdict-counts.js";

/** Servers with tools per grade, per annotation coverage, and with a toxic flow. */
export const verdictSummarySchema = z.object({
  grades: z.record(z.enum(GRADES), z.number().int()),
  annotationCoverage: z.record(z.enum(COVERAGES), z.number().int()),
  toxicFlows: z.number().int(),
});
export type VerdictSummary = z.infer<typeof verdictSummarySchema>;

/** One server's place in the summary. */
export interface ServerTally {
  serverId: number;
  verdict: Verdict;
  coverage: Coverage;
  toxicFlow: boolean;
}

const SERVERS_PER_PAGE = 2_000;

const COUNT_NAMES: VerdictCountNames = { classifierVersion: CLASSIFIER_VERSION, risks: RISKS, signals: Object.values(GRADED_SIGNALS), facets: FACETS, hints: HINT_NAMES };

/** A server's verdict, coverage and flow from its counted tools (a row whose classifications are all current). */
function tallyOfCounts(row: VerdictCountRow, riskyChanges: number): ServerTally {
  const counts: ServerCounts = {
    tools: row.tools,
    critical: row.byRisk.critical ?? 0,
    high: row.byRisk.high ?? 0,
    aboveLow: row.tools - (row.byRisk.low ?? 0),
    injection: row.bySignal[GRADED_SIGNALS.injection] ?? 0,
    contradictedHints: row.bySignal[GRADED_SIGNALS.contradictedHints] ?? 0,
    unannotated: row.tools - row.annotated,
    annotatedGated: GATED_RISKS.reduce((sum, risk) => sum + (row.annotatedByRisk[risk] ?? 0), 0),
    unlimitedRaw: row.unlimitedRaw,
    authPosture: row.authPosture,
    listingFailed: row.listingFailed,
    riskyChanges,
    toxicFlow: makesToxicFlow((facet) => row.byFacet[facet] ?? 0),
  };
  return { serverId: row.serverId, verdict: gradeCounts(counts), coverage: coverageOf(row), toxicFlow: counts.toxicFlow };
}

/** What a whole-catalog summary keeps of a server it classified now (kept-per-server.ts): its tally and its tools' counts. */
export interface AssessedFigures {
  tally: ServerTally;
  groups: UncountedGroup[];
}

/**
 * Every server with a current tool, in id order, with its verdict. A page of servers at a time has its tools
 * counted in SQL; a server with a tool whose classification is missing or outdated is assessed tool by tool
 * as `policy` does (its tools classified again now), and its tools' current verdicts are added to `verdicts`
 * (a standingTally: the catalog's counts are then complete, its outdated verdicts made once). `now` dates the
 * drift window. With `kept`, a server assessed by an earlier summary is assessed again only if its fingerprint
 * (outdatedVerdictServers) or its count of risky changes in the window changed.
 */
export async function* catalogTallies(
  db: Db,
  options: { now?: Date; pageSize?: number; verdicts?: VerdictTally; kept?: KeptPerServer<AssessedFigures> } = {},
): AsyncGenerator<ServerTally> {
  const now = options.now ?? new Date();
  const kept = options.kept;
  kept?.begin();
  const fingerprints = new Map(kept ? (await outdatedVerdictServers(db, CLASSIFIER_VERSION)).map((s) => [s.serverId, s.fingerprint]) : []);
  for (let after = 0; ; ) {
    const rows = await verdictCountRows(db, { afterServerId: after, limit: options.pageSize ?? SERVERS_PER_PAGE }, COUNT_NAMES);
    if (rows.length === 0) break;
    after = rows.at(-1)!.serverId;
    const risky = riskyChangeCounts(await recentChangeRows(db, driftStart(now), rows.map((r) => r.serverId)));
    const keyOf = (serverId: number) => {
      const fingerprint = fingerprints.get(serverId);
      return fingerprint === undefined ? undefined : `${fingerprint} ${risky.get(serverId) ?? 0}`;
    };
    const figures = new Map<number, AssessedFigures>();
    const outdated: number[] = [];
    for (const row of rows.filter((r) => !r.current)) {
      const key = keyOf(row.serverId);
      const reused = key === undefined ? undefined : kept?.reuse(row.serverId, key);
      if (reused) figures.set(row.serverId, reused);
      else outdated.push(row.serverId);
    }
    for (const a of outdated.length ? await assessServers(db, { serverIds: outdated, now }) : []) {
      const made = { tally: { serverId: a.serverId, verdict: a.verdict, coverage: a.coverage, toxicFlow: a.flow !== undefined }, groups: uncountedGroups(a.entries) };
      figures.set(a.serverId, made);
      const key = keyOf(a.serverId);
      if (key !== undefined) kept?.keep(a.serverId, key, made);
    }
    for (const f of figures.values()) options.verdicts?.addGroups(f.groups);
    for (const row of rows) yield figures.get(row.serverId)?.tally ?? tallyOfCounts(row, risky.get(row.serverId) ?? 0);
  }
  kept?.finish();
}

/**
 * The summary `stats` prints, in one page's memory, with the catalog's tools counted by their current verdicts; `kept`
 * holds the servers assessed now from one summary to the next (catalogTallies).
 */
export async function summarizeCatalogVerdicts(db: Db, options: { now?: Date; kept?: KeptPerServer<AssessedFigures> } = {}): Promise<VerdictSummary & VerdictCounts> {
  const summary: VerdictSummary = { grades: { A: 0, B: 0, C: 0, D: 0, F: 0 }, annotationCoverage: { full: 0, partial: 0, none: 0 }, toxicFlows: 0 };
  const verdicts = await standingTally(db);
  for await (const server of catalogTallies(db, { ...options, verdicts })) {
    summary.grades[server.verdict.grade] += 1;
    summary.annotationCoverage[server.coverage] += 1;
    if (server.toxicFlow) summary.toxicFlows += 1;
  }
  return { ...summary, ...verdicts.counts() };
}
