// One live tools/list session through the official client (@modelcontextprotocol/client), shared by
// remote endpoints (remote.ts: Streamable HTTP or HTTP+SSE, either protocol era) and sandboxed stdio
// children (stdio.ts).
//
// What is the client's: both transports, the SSE reader, the 2026-07-28 era (server/discover,
// stateless requests with the `_meta` envelope) and its negotiation with the 2025 era.
// What is ours, handed to it as options: the SSRF-guarded fetch (crawler/http.ts, which also holds
// the redirect policy of every transport), the byte and time budgets (budget.ts, bounded-fetch.ts,
// collector.ts), and the sandboxed stdio process (sandbox.ts, stdio-transport.ts: the client's
// StdioClientTransport spawns the command itself, so it cannot drop privileges, clear the environment
// or cap stdout).
//
// Eras (see research/sources.md §8):
// - Streamable HTTP: the client probes with `server/discover` ("auto" negotiation); a server whose
//   discover says nothing but whose initialize is refused with -32022 naming 2026-07-28 is then
//   spoken to in that era from what the refusal announced.
// - stdio and SSE: initialize first (a probe sent to a legacy stdio server before initialize can
//   make some servers drop the session); an initialize refused with -32022 naming 2026-07-28
//   restarts the server and lists it in that era.
// Every limit in EnumerateLimits (limits.ts) is enforced by this folder; a list cut by one comes back
// with `truncated`.
import { Client, type PriorDiscovery, ProtocolError, ProtocolErrorCode, SdkHttpError, SERVER_INFO_META_KEY, StreamableHTTPClientTransport, type Transport, type VersionNegotiationOptions } from "@modelcontextprotocol/client";
import { z } from "zod";
import { Budget } from "./budget.js";
import { collect, pageSchema, serverInfoOf, ToolCollector } from "./collector.js";
import { chain } from "./errors.js";
import type { EnumerateResult, EnumerateTransport } from "./limits.js";

export const CLIENT_INFO = { name: "mcp-catalog", version: "0.1.0" };
const MODERN_VERSION = "2026-07-28";

/** The versions an "unsupported protocol version" answer (-32022) says the server speaks, from a JSON-RPC error or the HTTP 400 that carried one. */
const unsupportedVersionSchema = z.object({
  code: z.literal(ProtocolErrorCode.UnsupportedProtocolVersion),
  data: z.object({ supported: z.array(z.string()) }).loose(),
});
const rpcErrorBodySchema = z.object({ error: unsupportedVersionSchema }).loose();
const rpcRefusalSchema = z.object({ error: z.object({ code: z.number().int() }).loose() }).loose();

/**
 * The JSON-RPC error code a server refused a request with: the client's ProtocolError (an error response), or the body
 * of an HTTP error status, as a 2026-07-28 stateless server answers one (a 404 carrying -32601 "Method not found").
 */
function refusalCode(e: unknown): number | undefined {
  for (const x of chain(e)) {
    if (x instanceof ProtocolError) return x.code;
    if (x instanceof SdkHttpError && typeof x.data.text === "string") {
      try {
        const code = rpcRefusalSchema.safeParse(JSON.parse(x.data.text)).data?.error.code;
        if (code !== undefined) return code;
      } catch {
        // Not JSON: an HTTP failure, not a refusal.
      }
    }
  }
  return undefined;
}

function modernAnnounced(e: unknown): string[] | undefined {
  for (const x of chain(e)) {
    let supported: string[] | undefined;
    if (x instanceof ProtocolError) supported = unsupportedVersionSchema.safeParse({ code: x.code, data: x.data }).data?.data.supported;
    else if (x instanceof SdkHttpError && x.status === 400 && typeof x.data.text === "string") {
      try {
        supported = rpcErrorBodySchema.safeParse(JSON.parse(x.data.text)).data?.error.data.supported;
      } catch {
        supported = undefined;
      }
    }
    if (supported?.includes(MODERN_VERSION)) return supported;
  }
  return undefined;
}

/**
 * What a server that refused initialize with -32022 announced, as the discover result the client
 * adopts without a round trip (it sends no server/discover that such a server may not answer).
 */
function announcedDiscovery(supported: string[]): PriorDiscovery {
  return { kind: "modern", discover: { supportedVersions: supported, capabilities: { tools: {} } } };
}

interface SessionSpec {
  transport: Transport;
  kind: EnumerateTransport;
  clientInfo: { name: string; version: string };
  /** How the client picks the era: "auto" probes with server/discover, "legacy" initializes; `prior` adopts a known modern era. */
  negotiation: VersionNegotiationOptions["mode"];
  prior?: PriorDiscovery;
}

async function listThroughClient(spec: SessionSpec, budget: Budget): Promise<EnumerateResult> {
  const connectMs = budget.connectTimeout();
  const negotiation: VersionNegotiationOptions = { mode: spec.negotiation ?? "legacy", probe: { timeoutMs: connectMs } };
  const client = new Client(spec.clientInfo, { capabilities: {}, versionNegotiation: negotiation });
  client.onerror = (e) => budget.noteTransportError(e);
  try {
    const connected = client.connect(spec.transport, { timeout: connectMs, signal: budget.signal, ...(spec.prior ? { prior: spec.prior } : {}) });
    await budget.within(connected, connectMs, () => budget.unanswered(`no answer to initialize within ${connectMs} ms`));
    const c = new ToolCollector(budget.limits);
    let serverInfo = serverInfoOf(client.getServerVersion());
    // MCP: a server offers tools by declaring the tools capability (initialize, or server/discover). tools/list is asked
    // all the same (some servers list tools without declaring it), but one that declares none may refuse it.
    const declaresTools = client.getServerCapabilities()?.tools !== undefined;
    await collect(c, async (cursor) => {
      try {
        const page = await budget.run(client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, pageSchema, { timeout: budget.requestTimeout(), signal: budget.signal }));
        serverInfo ??= serverInfoOf(page._meta?.[SERVER_INFO_META_KEY]);
        return page;
      } catch (e) {
        // A server without tools: it refuses tools/list having declared no tools capability, or answers "method not
        // found" (in an error response, or a stateless server's HTTP 404): an empty list, not a failure.
        const code = c.pages === 0 ? refusalCode(e) : undefined;
        if (code !== undefined && (code === ProtocolErrorCode.MethodNotFound || !declaresTools)) return "none";
        throw e;
      }
    });
    return c.result({ transport: spec.kind, protocolVersion: client.getNegotiatedProtocolVersion(), serverInfo }, budget.target);
  } finally {
    await closeQuietly(client, spec.transport);
  }
}

async function closeQuietly(client: Client, transport: Transport): Promise<void> {
  const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  // Politeness: end the server's session (HTTP DELETE) so it can free it now, not at its idle timeout.
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) await bounded(transport.terminateSession());
  await bounded(client.close());
}

/** Lists through `open()`'s transport; an initialize refused with -32022 naming 2026-07-28 is retried on a fresh transport in that era. */
export async function listEitherEra(open: () => Promise<Transport> | Transport, spec: Omit<SessionSpec, "transport" | "prior">, budget: Budget): Promise<EnumerateResult> {
  try {
    return await listThroughClient({ ...spec, transport: await open() }, budget);
  } catch (e) {
    const supported = budget.signal.aborted ? undefined : modernAnnounced(e);
    if (!supported) throw e;
    return listThroughClient({ ...spec, transport: await open(), negotiation: "legacy", prior: announcedDiscovery(supported) }, budget);
  }
}
