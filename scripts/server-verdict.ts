// A server's verdict as `policy`, `stats` and pages show it: its grade with reasons, its toxic flow, its
// annotation coverage, and each tool's class, facets and hints. Reads the catalog through db/ and decides
// with classifier/; a tool whose stored verdict does not stand is classified again, its model review carried
// over, as every tool-level reader shows it (current-verdicts.ts).
import { annotationCoverage, declaredHints, type Coverage } from "../classifier/annotations.js";
import type { ArgumentFindings } from "../classifier/argument-rules.js";
import { changeLabels } from "../classifier/change-labels.js";
import type { Hints } from "../classifier/classify.js";
import { toolFacets, type Facet } from "../classifier/facets.js";
import { toxicFlow, type ToxicFlow } from "../classifier/flows.js";
import { gradeServer, type Verdict } from "../classifier/grade.js";
import type { Category, Risk } from "../classifier/taxonomy.js";
import type { Db } from "../db/client.js";
import { recentChangeRows, serverRuns, verdictToolRows, type RecentChangeRow } from "../db/verdict-facts.js";
import { currentReviewAnswers, currentServerEntries, type CurrentEntry } from "./current-verdicts.js";

/** Changes within this many days count as recent drift. */
export const DRIFT_DAYS = 30;

/** Change labels that make a server riskier: the change feed's own words (classifier/change-labels.ts). */
const RISKY_LABEL = /^(?:new destructive tool|new financial tool|returned destructive tool|returned financial tool|became destructive|became financial|readOnlyHint flipped \(true|destructiveHint flipped \(false|description gained text aimed at the model)/;

export interface AssessedTool {
  name: string;
  description: string | null;
  annotations: unknown;
  category: Category;
  risk: Risk;
  signals: string[];
  rationale: string;
  hints: Hints;
  facets: Facet[];
}

export interface ServerAssessment {
  serverId: number;
  key: string;
  verdict: Verdict;
  /** The toxic flow its own tools make, if any. */
  flow?: ToxicFlow;
  coverage: Coverage;
  tools: AssessedTool[];
  /** Its current tools with the verdicts the tools were assessed by (stored or made now): what the catalog's counts read (verdict-counts.ts). */
  entries: CurrentEntry[];
}

const DRIFT_MS = DRIFT_DAYS * 86_400_000;

/** Where the drift window that ends at `now` starts. */
export function driftStart(now: Date): Date {
  return new Date(now.getTime() - DRIFT_MS);
}

/** When a change made at `at` leaves the drift window: from then on it no longer counts. */
export function driftEnd(at: Date): Date {
  return new Date(at.getTime() + DRIFT_MS);
}

/**
 * How many of the changes made each server riskier, by server id. A change is one tool's new definition in
 * one run, however many rows it wrote (its description and its schema changed: two rows, both saying it
 * became destructive), labelled by the class the tool had right after it. The run that first listed a
 * server's tools is where the catalog met them, not a change to the server: its rows (every tool "added",
 * and whatever two sources' copies of a tool differed by) count for nothing. A change counts once its
 * definition is classified (its label reads that category), so the grade hangs on when that happened.
 */
export function riskyChangeCounts(changes: readonly RecentChangeRow[]): Map<number, number> {
  const risky = new Map<number, Set<string>>();
  for (const change of changes) {
    if (change.runId !== null && change.runId === change.firstListingRunId) continue;
    if (!changeLabels(change).some((label) => RISKY_LABEL.test(label))) continue;
    let changed = risky.get(change.serverId);
    if (!changed) risky.set(change.serverId, (changed = new Set()));
    changed.add(JSON.stringify([change.tool, change.runId]));
  }
  return new Map([...risky].map(([serverId, changed]) => [serverId, changed.size]));
}

/**
 * The server's tools as graded, from their current verdicts made as every tool-level reader makes them
 * (currentServerEntries): the stored one where it stands, else classified now with a stored model review carried over,
 * so the grade never counts a tool at a lower risk than its own verdict shown beside it.
 */
function assessTools(entries: readonly CurrentEntry[]): (AssessedTool & { unlimitedRaw: boolean })[] {
  return entries.map((e) => {
    // Every current tool has a verdict here: stored and standing, or made now.
    const c = e.classification!;
    const category = c.category as Category;
    const findings = (c.arguments as ArgumentFindings | null) ?? undefined;
    return {
      name: e.tool,
      description: e.description,
      annotations: e.annotations,
      category,
      risk: c.risk as Risk,
      signals: c.signals,
      rationale: c.rationale,
      // The jsonb the classifier wrote: its Hints.
      hints: c.hints as unknown as Hints,
      facets: toolFacets({ name: e.tool, description: e.description, category, signals: c.signals }),
      unlimitedRaw: (findings?.raw ?? []).some((raw) => !raw.limited),
    };
  });
}

/**
 * The verdict of each of the servers that has a current tool, in id order, read tool by tool (a whole
 * catalog's summary is counted in SQL instead: verdict-summary.ts). `now` dates the drift window.
 */
export async function assessServers(db: Db, options: { serverIds: readonly number[]; now?: Date }): Promise<ServerAssessment[]> {
  const [rows, changes] = await Promise.all([verdictToolRows(db, options.serverIds), recentChangeRows(db, driftStart(options.now ?? new Date()), options.serverIds)]);
  const risky = riskyChangeCounts(changes);
  const answers = await currentReviewAnswers(db, rows);
  const out: ServerAssessment[] = [];
  for (const group of serverRuns(rows)) {
    const head = group[0]!;
    const entries = currentServerEntries({ key: head.server, description: head.serverDescription }, group, answers);
    const tools = assessTools(entries);
    const flow = toxicFlow(tools.map((t) => ({ server: head.server, tool: t.name, facets: t.facets })));
    const verdict = gradeServer({
      tools: tools.map((t) => ({ risk: t.risk, signals: t.signals, annotated: Object.keys(declaredHints(t.annotations)).length > 0, unlimitedRaw: t.unlimitedRaw })),
      authPosture: head.authPosture,
      listingFailed: head.introspectionError !== null,
      riskyChanges: risky.get(head.serverId) ?? 0,
      toxicFlow: flow !== undefined,
    });
    out.push({
      serverId: head.serverId,
      key: head.server,
      verdict,
      ...(flow ? { flow } : {}),
      coverage: annotationCoverage(group),
      tools: tools.map(({ unlimitedRaw: _, ...t }) => t),
      entries,
    });
  }
  return out;
}
