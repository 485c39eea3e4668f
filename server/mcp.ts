// The catalog as an MCP server: tools an agent or gateway calls before it connects to anything, all read-only.
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { FORMAT_NAMES } from "../classifier/formats/formats.js";
import { CATEGORIES, RISKS } from "../classifier/taxonomy.js";
import type { Db } from "../db/client.js";
import { VERSION } from "../scripts/version.js";
import { CLIENT_NAME_MEANING } from "../scripts/client-name.js";
import { SERVE_DEFAULTS } from "./defaults.js";
import { asQueryTimeout, RequestError } from "./errors.js";
import { nameProblem, refusing, searchTextProblem } from "./lookup-text.js";
import { findChanges, findTools, resolveServer, serverPolicy, serverView, toolsNamed } from "./reader.js";
import { refuseUnstorable } from "./validation.js";
import { toolItem } from "./views.js";

/** Every tool here only reads the catalog: a host may call them without asking. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

type ToolResult = { content: { type: "text"; text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

export interface McpOptions {
  /** Internal errors, with their stack, for the operator. */
  onError?: (error: unknown) => void;
  /** CATALOG_DEBUG: the caller sees an internal error's own message (a failed query's is its SQL). */
  debug?: boolean;
  /** The limit the catalog's reads cancel a query at (Catalog.reads), for the tool error that says so. */
  statementTimeoutMs?: number;
}

/**
 * A tool's answer as JSON text and structured content; a request error (a NUL or a lone surrogate in an argument among them)
 * or a query past the catalog's time limit as an error result the model can read; anything else as "internal error", its
 * details for the operator.
 */
async function answer(args: Record<string, unknown>, fn: () => Promise<Record<string, unknown>>, o: McpOptions): Promise<ToolResult> {
  try {
    refuseUnstorable(args);
    const result = await fn();
    return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
  } catch (e) {
    const timeout = asQueryTimeout(e, o.statementTimeoutMs);
    if (timeout) return { content: [{ type: "text", text: timeout.message }], isError: true };
    if (!(e instanceof RequestError)) {
      o.onError?.(e);
      return { content: [{ type: "text", text: o.debug ? `internal error: ${(e as Error).message ?? String(e)}` : "internal error" }], isError: true };
    }
    const lead = e.status !== 409 ? "did you mean" : e.moreCandidates ? `candidates, the first ${e.candidates.length} of more` : "candidates";
    const hint = e.candidates.length ? ` (${lead}: ${e.candidates.join(", ")})` : "";
    return { content: [{ type: "text", text: `${e.message}${hint}` }], isError: true };
  }
}

const serverArg = z
  .string()
  .min(1)
  .superRefine(refusing(nameProblem))
  .describe(`a server key, registry name (io.github.owner/name), repository URL, npm:<package> or unique key prefix; at most ${SERVE_DEFAULTS.maxNameBytes} bytes`);
const toolNameArg = z
  .string()
  .min(1)
  .superRefine(refusing(nameProblem))
  .describe(`the tool's name, case-insensitive; on one server the tool named exactly wins; at most ${SERVE_DEFAULTS.maxNameBytes} bytes`);

/** A fresh MCP server over the catalog (the SDK asks for one per HTTP request, one per stdio connection). */
export function catalogMcpServer(db: Db, o: McpOptions = {}): McpServer {
  // The tool list is fixed: without listChanged: false the SDK advertises true on the first registerTool, a promise of
  // notifications/tools/list_changed a client would listen for in vain.
  const server = new McpServer({ name: "mcp-catalog", version: VERSION }, { capabilities: { tools: { listChanged: false } } });
  const reply = (args: Record<string, unknown>, fn: () => Promise<Record<string, unknown>>) => answer(args, fn, o);

  server.registerTool(
    "check_tool",
    {
      title: "Check a tool by name",
      description:
        "How risky is an MCP tool? Every catalogued server that has a tool by this name: its category (read, write, execute, destructive, financial), risk (low to critical), the rationale, the recommended rule, and the server's own declared annotations. `outdated` counts the tools the groups count by a stored verdict of another classifier version (only the entries listed are classified again until the catalog's next refresh).",
      inputSchema: z.object({ name: toolNameArg, server: serverArg.optional() }),
      annotations: READ_ONLY,
    },
    async (args) =>
      reply(args, async () => {
        const { name, server: serverInput } = args;
        const server = serverInput !== undefined ? await resolveServer(db, serverInput) : undefined;
        const summary = await toolsNamed(db, name, { ...(server ? { server } : {}), limit: SERVE_DEFAULTS.nameEntries });
        return {
          name,
          servers: summary.total,
          groups: summary.groups,
          outdated: summary.outdated,
          entries: summary.entries.map((e) => {
            const v = toolItem(e);
            return { server: v.server, tool: v.tool, category: v.category, risk: v.risk, rationale: v.rationale, rule: v.rule, declaredAnnotations: v.annotations, stored: v.stored, storedClassifierVersion: v.storedClassifierVersion, page: v.page };
          }),
        };
      }),
  );

  server.registerTool(
    "search_tools",
    {
      title: "Search tools",
      description: "Find catalogued MCP tools whose name or description matches, ranked (exact name first), optionally of one category, risk or server.",
      inputSchema: z.object({
        query: z.string().superRefine(refusing(searchTextProblem)).describe(`a name or a few words; at most ${SERVE_DEFAULTS.maxSearchChars} characters`),
        category: z.enum(CATEGORIES).optional(),
        risk: z.enum(RISKS).optional(),
        server: serverArg.optional(),
        limit: z.number().int().min(1).max(SERVE_DEFAULTS.maxPageSize).optional(),
        cursor: z.string().optional().describe("nextCursor of the previous call"),
      }),
      annotations: READ_ONLY,
    },
    async ({ query, limit, ...filters }) => reply({ query, ...filters }, async () => ({ ...(await findTools(db, { q: query, limit: limit ?? SERVE_DEFAULTS.pageSize, ...filters })) })),
  );

  server.registerTool(
    "check_server",
    {
      title: "Check a server",
      description: "What can this MCP server do? Its verdict, its A–F grade with the reasons, any toxic flow its tools make, its tools grouped by category, which tools need approval and which are denied under the recommended policy, and its last live listing.",
      inputSchema: z.object({ server: serverArg }),
      annotations: READ_ONLY,
    },
    async ({ server }) =>
      reply({ server }, async () => {
        const view = await serverView(db, server);
        const byCategory: Record<string, string[]> = {};
        for (const t of view.items) (byCategory[t.category ?? "unclassified"] ??= []).push(t.tool);
        return {
          server: view.server,
          status: view.status,
          verdict: view.verdict,
          grade: view.grade,
          toxicFlow: view.toxicFlow,
          toolsByCategory: byCategory,
          needsApproval: view.items.filter((t) => t.rule?.action === "require_approval").map((t) => t.tool),
          denied: view.items.filter((t) => t.rule?.action === "deny").map((t) => t.tool),
          lastListing: { at: view.introspectedAt, error: view.introspectionError, notes: view.introspectionNotes, authPosture: view.authPosture },
          page: view.page,
        };
      }),
  );

  server.registerTool(
    "get_policy",
    {
      title: "Get a server's policy",
      description: `The recommended policy for every tool of one server, in a gateway's or client's dialect: ${FORMAT_NAMES.join(", ")}; warnings name each rule the dialect could not express as is.`,
      inputSchema: z.object({
        server: serverArg,
        format: z.enum(FORMAT_NAMES).optional().describe("default native"),
        clientName: z.string().min(1).optional().describe(`the ${CLIENT_NAME_MEANING}`),
      }),
      annotations: READ_ONLY,
    },
    async (args) =>
      reply(args, async () => {
        const { server, format, clientName } = args;
        const { server: ref, text, warnings } = await serverPolicy(db, server, format ?? "native", clientName);
        // The dialect's losses (a limit dropped, an approval denied, per-action rules merged) go with the document, as
        // `policy` prints them: a claude-code or native document has no comment to carry them in.
        return { server: ref.key, format: format ?? "native", policy: text, warnings };
      }),
  );

  server.registerTool(
    "get_changes",
    {
      title: "Get changes",
      description: "The tool change feed, newest first, with labels (new destructive tool, readOnlyHint flipped, description gained text aimed at the model, …), for one server or since a date.",
      inputSchema: z.object({
        server: serverArg.optional(),
        since: z.string().optional().describe("a date (2026-11-01), a date and time, or an age (7d, 12h)"),
        limit: z.number().int().min(1).max(SERVE_DEFAULTS.maxPageSize).optional(),
        cursor: z.string().optional(),
      }),
      annotations: READ_ONLY,
    },
    async ({ limit, ...filters }) => reply(filters, async () => ({ ...(await findChanges(db, { limit: limit ?? SERVE_DEFAULTS.pageSize, ...filters })) })),
  );

  return server;
}
