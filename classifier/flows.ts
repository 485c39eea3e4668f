// Toxic flows: a set of tools (one server's, or several servers' named together) that can read untrusted
// content, read private data and send data outside, so injected text can carry private data out. Pure.
import { decisionOf, decisionRank, ruleForRisk, type BaseRule, type Rule } from "./policy.js";
import type { Facet } from "./facets.js";

export interface FlowTool {
  server: string;
  tool: string;
  facets: readonly Facet[];
}

/** The tools on each leg of the flow, by server and name, sorted. */
export interface ToxicFlow {
  untrusted: { server: string; tool: string }[];
  private: { server: string; tool: string }[];
  sink: { server: string; tool: string }[];
}

const LEGS: [keyof ToxicFlow, Facet][] = [
  ["untrusted", "untrusted_input"],
  ["private", "private_data"],
  ["sink", "outward_sink"],
];

function byServerThenTool(a: { server: string; tool: string }, b: { server: string; tool: string }): number {
  return a.server < b.server ? -1 : a.server > b.server ? 1 : a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0;
}

/** The flow the tools make, when every leg has at least one tool; undefined otherwise. */
export function toxicFlow(tools: readonly FlowTool[]): ToxicFlow | undefined {
  const flow: ToxicFlow = { untrusted: [], private: [], sink: [] };
  for (const [leg, facet] of LEGS) {
    flow[leg] = tools.filter((t) => t.facets.includes(facet)).map(({ server, tool }) => ({ server, tool })).sort(byServerThenTool);
    if (flow[leg].length === 0) return undefined;
  }
  return flow;
}

/** Whether tools with these facet counts make a flow: a tool on every leg (what toxicFlow decides, from counts). */
export function makesToxicFlow(toolsWith: (facet: Facet) => number): boolean {
  return LEGS.every(([, facet]) => toolsWith(facet) > 0);
}

/** The servers the flow's legs come from: in a set named together, possibly fewer than were named. */
export function flowServers(flow: ToxicFlow): string[] {
  return [...new Set([...flow.untrusted, ...flow.private, ...flow.sink].map((t) => t.server))].sort();
}

/** One line naming a few tools of each leg, for stderr and stats. */
export function flowSummary(flow: ToxicFlow, options: { withServer: boolean }): string {
  const names = (leg: { server: string; tool: string }[]) => {
    const shown = leg.slice(0, 3).map((t) => (options.withServer ? `${t.server}:${t.tool}` : t.tool));
    return leg.length > 3 ? `${shown.join(", ")} and ${leg.length - 3} more` : shown.join(", ");
  };
  return `untrusted content from ${names(flow.untrusted)}; private data from ${names(flow.private)}; out through ${names(flow.sink)}`;
}

export const FLOW_GATE_REASON = "Sends data outside on a server set that also reads untrusted content and private data (toxic flow)";

/**
 * A sink-leg tool's rule under --gate-flows: approval at least for every call, never looser than it was.
 * A consolidated tool's own rule is only its strictest action's: each action's rule is raised too, since
 * dialects that read arguments let an allowed action through even when another action is denied.
 */
export function gateSink(toolName: string, rule: Rule): Rule {
  const gate = (r: BaseRule): BaseRule => (decisionRank(decisionOf(r)) >= decisionRank("approve") ? r : ruleForRisk(toolName, "high", FLOW_GATE_REASON));
  const { byArgument, ...own } = rule;
  const tool = gate(own);
  if (!byArgument) return tool;
  const values = Object.fromEntries(Object.entries(byArgument.values).map(([value, r]) => [value, gate(r)]));
  // Once every action needs approval or is denied alike, the tool's own rule says it all (as ruleWithArguments drops it).
  if (new Set(Object.values(values).map(decisionOf)).size < 2) return tool;
  return { ...tool, byArgument: { argument: byArgument.argument, values } };
}
