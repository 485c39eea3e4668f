// `mcp-catalog policy SERVER`: the recommended policy for every tool of one server, in a gateway's or client's dialect.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { exportPolicy, exportWarnings, FORMAT_NAMES, UnrepresentableNameError, type FormatName, type Rendered } from "../../classifier/formats/formats.js";
import { buildPolicy } from "../../classifier/policy.js";
import { flowServers, flowSummary, gateSink, toxicFlow, type ToxicFlow } from "../../classifier/flows.js";
import { assessServers, type ServerAssessment } from "../server-verdict.js";
import { checkClientName, CLIENT_NAME_FORMATS, CLIENT_NAME_MEANING } from "../client-name.js";
import { commaList } from "../comma-list.js";
import { CliError, type Command, type Io, type ParsedArgs } from "../command.js";
import { loadConfig } from "../config.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { fsReason, pathOption } from "../path-option.js";
import { linkTarget, replaceFile } from "../replace-file.js";
import { plural } from "../../classifier/plural.js";
import { currentServerTools } from "../current-lookups.js";
import { rulesFor } from "../policy-rules.js";
import { requireServer, serverArgument } from "../resolve-server.js";
import { AUTH_POSTURES, authRequirementSchema, describePosture } from "../../crawler/auth-posture.js";
import { statusNotice } from "../server-status.js";
import { nameText, safeText } from "../terminal.js";

/** An --out FILE as the user wrote it (what messages name) and the path it resolves to. */
interface OutFile {
  name: string;
  path: string;
}

/**
 * Refuses an --out that cannot be written before any work is done: its directory (the link's target's, for a symbolic
 * link) must exist and be writable, as the file is replaced whole by a new one made there, and it must not be one.
 */
async function checkOut(out: string, cwd: string): Promise<OutFile> {
  const path = resolve(cwd, out);
  const refuse = (why: string) => new CliError(`cannot write ${safeText(out)}: ${why}`, 1);
  const target = await linkTarget(path).catch((e: unknown) => {
    throw refuse(fsReason(e));
  });
  const dir = await stat(dirname(target)).catch((e: unknown) => {
    throw refuse(fsReason(e));
  });
  if (!dir.isDirectory()) throw refuse(`${safeText(dirname(target))} is not a directory`);
  if ((await stat(target).catch(() => undefined))?.isDirectory()) throw refuse("it is a directory");
  await access(dirname(target), constants.W_OK).catch((e: unknown) => {
    throw refuse(`${fsReason(e)} in ${safeText(dirname(target))} (the file is replaced whole, by a new file made beside it)`);
  });
  return { name: out, path };
}

export const command: Command = {
  name: "policy",
  summary: "The recommended policy for one server, every tool in it, in the dialect your gateway or client speaks",
  usage: `[SERVER] [--servers A,B,…] [--format ${FORMAT_NAMES.join("|")}] [--out FILE] [--client-name NAME] [--hide] [--gate-flows] [--wait SECONDS] [--json]`,
  details: [
    "SERVER is a registry name (io.github.owner/name), a repository URL, a package coordinate",
    "(npm:@scope/pkg, pypi:name, oci:image) or a unique prefix of a server's key. A monorepo folder is",
    "written as its key writes it (github.com/owner/repo#packages/x) or with a slash (…/repo/packages/x);",
    "a folder the catalog does not have is an unknown server, never the repository's own.",
    "",
    "Per risk: low → allowed; medium → allowed, 30 calls a minute; high → needs approval, 10 an hour;",
    "critical → denied with a reason. A dialect without approvals denies instead, one that cannot read",
    "arguments gives the strictest action's rule to the whole tool, and one that cannot count calls allows",
    "the tool without its limit; a comment says so where the format allows comments, and stderr names",
    "every rule the dialect could not express.",
    "",
    "stderr also gives each server's grade (A–F, with its reasons) and any toxic flow: tools that read",
    "untrusted content, tools that read private data and tools that send data outside, on SERVER or",
    "across SERVER and the servers named with --servers. --gate-flows puts the sink leg of SERVER",
    "behind approval in the export. With --servers and no SERVER, only the grades and the flow are told",
    "(--json: as JSON, to --out FILE if given); --format, --client-name, --hide and --gate-flows need SERVER.",
    "A server its source marked deprecated or deleted, or that no source lists any more (gone), is said first:",
    "its policy is of the tools it last listed.",
    "",
    "Exit codes: 0 written; 1 unknown server, a server with no tools, a tool name the format cannot",
    "hold (with --json, which writes no document, a warning), or an --out that cannot be written;",
    "2 bad arguments (a --client-name the format cannot hold, an option of SERVER's document without",
    "SERVER included) or an ambiguous SERVER (the candidates are listed).",
    READER_EXIT_CODES,
  ].join("\n"),
  positionals: [0, 1],
  options: {
    ...WAIT_OPTION,
    format: { type: "string", valueName: "F", description: `Output dialect: ${FORMAT_NAMES.join(", ")} (default native)` },
    out: { type: "string", valueName: "FILE", description: "Write to FILE instead of standard output (- is standard output)" },
    "client-name": { type: "string", valueName: "NAME", description: `The ${CLIENT_NAME_MEANING}; default derived from the key` },
    hide: { type: "boolean", description: "Keep denied tools out of the agent's tool list (native and intercept: listed in `hide`; the other dialects' readers always do)" },
    servers: { type: "string", valueName: "A,B", description: "Other servers used together with SERVER: toxic flows are looked for across all of them" },
    "gate-flows": { type: "boolean", description: "Put the sink leg of a toxic flow (SERVER's tools that send data outside) behind approval" },
    json: { type: "boolean", description: "Print the recommendation with its reasons, grade, flow and the export's warnings as JSON instead of the document" },
  },
  async run(args, io) {
    const format = ((args.values.format as string | undefined) ?? "native") as FormatName;
    if (!(FORMAT_NAMES as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMAT_NAMES.join(", ")}; got '${safeText(format)}'`, 2);
    const serverArg = args.positionals[0] === undefined ? undefined : serverArgument(args.positionals[0], "SERVER")!;
    const others = serverList(args.values.servers as string | undefined);
    if (serverArg === undefined && others.length === 0) throw new CliError("policy needs SERVER, or --servers A,B,… to look for toxic flows across servers", 2);
    if (serverArg === undefined) refuseExportOptions(args.values);
    const outName = pathOption(args.values.out, "--out", "a file name");
    // `-` is standard output, as `classify --input -` is standard input, not a file named "-" in the working directory.
    const out = outName === undefined || outName === "-" ? undefined : await checkOut(outName, io.cwd);
    const clientName = args.values["client-name"] as string | undefined;
    if (clientName !== undefined && !clientName.trim()) throw new CliError("--client-name must not be empty", 2);
    const config = loadConfig(io.env, io.cwd);
    const { server, named, entries, set } = await withCatalog(io, config, async (catalog) => {
      const server = serverArg === undefined ? undefined : await requireServer(catalog, serverArg);
      const named = [];
      for (const other of others) named.push(await requireServer(catalog, other));
      const ids = [...new Set([...(server ? [server.id] : []), ...named.map((n) => n.id)])];
      return { server, named, entries: server ? await currentServerTools(catalog.db, server) : [], set: await assessServers(catalog.db, { serverIds: ids }) };
    }, { wait: readerWait(args.values.wait, config, io, "policy") });
    // Every server named, and the toxic flow their tools make together.
    const flow = set.length > 1 ? toxicFlow(set.flatMap((a) => a.tools.map((t) => ({ server: a.key, tool: t.name, facets: t.facets })))) : set[0]?.flow;
    // A server with no tools has no grade (assessServers leaves it out): said, so a named server is never dropped unsaid.
    // SERVER itself with none ends the command below, saying so.
    const graded = new Set(set.map((a) => a.serverId));
    const ungraded = [...new Map(named.filter((n) => !graded.has(n.id) && n.id !== server?.id).map((n) => [n.id, n])).values()];
    // A server its sources took down or stopped listing still has the tools it last listed: said, never exported unsaid.
    const refs = [...new Map([...(server ? [server] : []), ...named].map((n) => [n.id, n])).values()];
    const statuses = new Map(refs.map((n) => [n.id, n.status]));
    // An option the document has no use for is said to be unused, so it is not taken for obeyed.
    const unusedClientName =
      clientName !== undefined && !CLIENT_NAME_FORMATS.includes(format)
        ? [`--client-name ${safeText(clientName)} is not used: a ${format} document does not name the server (${CLIENT_NAME_FORMATS.join(", ")} documents do)\n`]
        : [];
    const report = [
      ...unusedClientName,
      ...refs.flatMap((n) => statusNotice(nameText(n.key), n.status) ?? []).map((notice) => `${safeText(notice)}\n`),
      ...set.map((a) => `${nameText(a.key)}: grade ${a.verdict.grade} (${a.verdict.score}/100)${a.verdict.reasons.length ? `: ${safeText(a.verdict.reasons.map((r) => r.reason).join("; "))}` : ""}\n`),
      ...ungraded.map((n) => `${nameText(n.key)}: no tools in the catalog yet, so not graded and in no flow\n`),
      ...(flow ? [`${flowHeading(flow)}: ${safeText(flowSummary(flow, { withServer: set.length > 1 }))}\n`] : []),
    ];
    if (!server) {
      io.stderr.write(report.join(""));
      if (args.values.json === true) await emit(io, `${JSON.stringify({ servers: set.map((a) => ({ ...verdictJson(a), status: statuses.get(a.serverId) })), flow: flow ?? null }, null, 2)}\n`, `the grades and flow of ${plural(set.length, "server")}`, out);
      return 0;
    }
    if (entries.length === 0) {
      const lastListing = server.introspectionError ? `; its last live tools/list failed: ${safeText(server.introspectionError)}` : "";
      if (server.authPosture === "auth") throw new CliError(`${nameText(server.key)} has no tools in the catalog: its remote ${safeText(authPostureOf(server) ?? "needs auth")}`, 1);
      throw new CliError(`${nameText(server.key)} has no tools in the catalog yet (its tools come from a directory or a live tools/list on the next refresh)${lastListing}`, 1);
    }
    const posture = authPostureOf(server);
    if (posture) io.stderr.write(`${nameText(server.key)}: remote ${safeText(posture)}\n`);
    let rules = rulesFor(entries);
    if (args.values["gate-flows"] === true && flow) {
      const sinks = new Set(flow.sink.filter((t) => t.server === server.key).map((t) => t.tool));
      rules = rules.map(([name, rule]) => [name, sinks.has(name) ? gateSink(name, rule) : rule]);
      io.stderr.write(`gated ${plural(sinks.size, "sink tool")} of ${nameText(server.key)} behind approval (--gate-flows)\n`);
    } else if (args.values["gate-flows"] === true) {
      io.stderr.write(`no toxic flow among the tools of ${nameText(server.key)}${others.length ? " and --servers" : ""}, so --gate-flows gates nothing\n`);
    }
    const policy = buildPolicy(rules);
    const asJson = args.values.json === true;
    let rendered: Rendered;
    try {
      if (clientName !== undefined) checkClientName(format, clientName);
      const input = {
        server: { key: server.key, ...(clientName !== undefined ? { clientName } : {}) },
        policy,
        generatedAt: new Date().toISOString(),
        hideDenied: args.values.hide === true,
      };
      // --json writes no document, so a tool name the document cannot hold is one of its warnings, not a failure.
      rendered = asJson ? { text: "", warnings: exportWarnings(format, input) } : exportPolicy(format, input);
    } catch (e) {
      if (!(e instanceof UnrepresentableNameError)) throw e;
      // A name the user chose is a bad argument; a tool's own name is the catalog's data.
      const byUser = e.kind === "server" && clientName !== undefined;
      const fix = byUser ? "choose another --client-name" : e.kind === "server" ? "pass --client-name NAME" : "choose another --format, or write that tool's rule by hand";
      throw new CliError(`the ${format} format cannot hold the ${e.kind} name '${nameText(e.value)}' of ${nameText(server.key)}: ${safeText(e.why)}; ${fix}`, byUser ? 2 : 1);
    }
    // Told once the export is sure to be written: a refused name is the only line of a failed run.
    io.stderr.write(report.join(""));
    for (const warning of rendered.warnings) io.stderr.write(`warning: ${safeText(warning)}\n`);
    const own = set.find((a) => a.serverId === server.id);
    const json = {
      server: server.key,
      status: server.status,
      format,
      policy,
      warnings: rendered.warnings,
      grade: own ? verdictJson(own) : null,
      flow: flow ?? null,
      ...(set.length > 1 ? { servers: set.map((a) => ({ ...verdictJson(a), status: statuses.get(a.serverId) })) } : {}),
    };
    const text = asJson ? `${JSON.stringify(json, null, 2)}\n` : rendered.text;
    const subject = `${nameText(server.key)} (${plural(entries.length, "tool")})`;
    await emit(io, text, asJson ? `the JSON recommendation for ${subject}, with the ${format} format's warnings,` : `the ${format} policy for ${subject}`, out);
    return 0;
  },
};

/** What shapes SERVER's export: with --servers alone none is written, and an option ignored would look obeyed. */
const EXPORT_OPTIONS = ["format", "client-name", "hide", "gate-flows"] as const;

/** Refuses the options only SERVER's export uses; --out takes the --json report instead, and needs --json for it. */
function refuseExportOptions(values: ParsedArgs["values"]): void {
  const given: string[] = EXPORT_OPTIONS.filter((name) => values[name] !== undefined);
  if (values.out !== undefined && values.json !== true) given.push("out");
  if (given.length === 0) return;
  const flags = given.map((name) => `--${name}`).join(", ");
  throw new CliError(
    `${flags} ${given.length === 1 ? "needs" : "need"} SERVER: with --servers alone no policy is written, only the grades and the flow are told (--json --out FILE writes them to FILE)`,
    2,
  );
}

/** `text` (which stderr calls `what`) to the --out file, or to stdout without --out. */
async function emit(io: Io, text: string, what: string, out: OutFile | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await replaceFile(out.path, text);
  } catch (e) {
    throw new CliError(`cannot write ${safeText(out.name)}: ${fsReason(e)}; it is left as it was`, 1);
  }
  io.stderr.write(`wrote ${what} to ${safeText(out.name)}\n`);
}

/** `--servers a,b,c`: each a SERVER as the positional takes it; empty items are refused. */
/** "toxic flow across N servers" counts the servers its legs come from, not how many were named with --servers. */
function flowHeading(flow: ToxicFlow): string {
  const servers = flowServers(flow).length;
  return servers > 1 ? `toxic flow across ${servers} servers` : "toxic flow";
}

function serverList(value: string | undefined): string[] {
  const servers = value === undefined ? [] : commaList(value, "--servers", "servers");
  for (const server of servers) serverArgument(server, "each of --servers");
  return servers;
}

function verdictJson(a: ServerAssessment) {
  return { server: a.key, grade: a.verdict.grade, score: a.verdict.score, reasons: a.verdict.reasons, annotationCoverage: a.coverage, flow: a.flow ?? null };
}

/** The server's auth posture as one line, or undefined when no live listing told it. */
function authPostureOf(server: { authPosture: string | null; authDetails: unknown }): string | undefined {
  const posture = AUTH_POSTURES.find((p) => p === server.authPosture);
  if (!posture) return undefined;
  return describePosture(posture, authRequirementSchema.safeParse(server.authDetails).data ?? null);
}
