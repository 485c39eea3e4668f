// Placeholder configuration for servers that refuse to start without one: never a real credential, only values shaped like one.
import { readFileSync } from "node:fs";
import { z } from "zod";

/** In a table value, stands for a fresh empty directory the server may read and write (its "workspace"). */
export const WORKSPACE_TOKEN = "{workspace}";

/** A dummy configuration file inside the workspace (an empty JSON object), for servers that want a file where a directory was given. */
export const PLACEHOLDER_FILE = "placeholder.json";

export function placeholderFile(workspace: string): string {
  return `${workspace}/${PLACEHOLDER_FILE}`;
}

export const placeholderEntrySchema = z
  .object({
    env: z.record(z.string(), z.string()).optional(),
    args: z.array(z.string()).optional(),
    node: z.enum(["20", "22"]).optional(),
    /** Files written into the workspace before the start (a configuration the server insists on): name → content. */
    files: z.record(z.string().regex(/^\w[\w.-]*$/, "a plain file name inside the workspace"), z.string()).optional(),
    /** The whole package's time bound (install and starts) when the harvest's default is too short for it. */
    timeoutMs: z.number().int().positive().optional(),
    /** Why the entry exists (what the server asked for), for the next reader. */
    note: z.string().optional(),
  })
  .strict();
export const placeholderTableSchema = z.record(z.string(), placeholderEntrySchema);
export type PlaceholderEntry = z.infer<typeof placeholderEntrySchema>;
export type PlaceholderTable = z.infer<typeof placeholderTableSchema>;

export function readPlaceholderTable(file: string): PlaceholderTable {
  return placeholderTableSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

// Long and alphanumeric, so length and charset checks pass; says what it is to anyone who sees it in a log.
const SECRET = "placeholder0corpus0not0a0real0credential00";

/** How a variable's name says it is used, by its suffix; undefined for names we do not fill. */
type Kind = "secret" | "database" | "url" | "host" | "email" | "path" | "region" | "identity";

const KINDS: [RegExp, Kind][] = [
  [/(DATABASE_URL|CONNECTION_STRING|_DSN|_URI_DB|MONGO(DB)?_URI|REDIS_URL)$/, "database"],
  [/(API_?KEY|APIKEY|_KEY|TOKEN|SECRET|PASSWORD|PASSWD|_PASS|_PAT|CREDENTIALS?|_AUTH)$/, "secret"],
  [/(_URL|_URI|_ENDPOINT|_BASE)$/, "url"],
  [/(_HOST|_HOSTNAME|_SERVER)$/, "host"],
  [/_EMAIL$/, "email"],
  // Only names that say "directory": a *_PATH is usually a file (a key, a credentials JSON), and a directory there fails as EISDIR.
  [/(_DIR|_ROOT|_FOLDER|_DIRECTORY|_HOME|_WORKDIR|_WORKSPACE_PATH)$/, "path"],
  [/_REGION$/, "region"],
  [/(_ID|_USER|_USERNAME|_LOGIN|_ACCOUNT|_ORG|_ORGANIZATION|_PROJECT|_WORKSPACE|_TENANT|_TEAM|_DOMAIN|_SUBDOMAIN|_SITE|_INSTANCE|_NAME)$/, "identity"],
];

// Variables that steer the runtime, the transport or logging rather than configure a service: filling
// them on a guess changes how the server runs. A server that names one in its complaint still gets it,
// except the few the sandbox itself owns.
const RUNTIME = /^(NODE|NPM|MCP|HTTP|HTTPS|NO|ALL|XDG|TERM|LANG|LC|PATH|HOME|PWD|SHELL|USER|TMPDIR|TEMP|TMP|CI|ERR)(_|$)|(^|_)(PROXY|TRANSPORT|PORT|LOG|LOGS|LOGGING|DEBUG|TELEMETRY|SENTRY|OTEL|ANALYTICS|TEST|TESTS|VERBOSE|CACHE|TIMEOUT|CI)(_|$)/;
const SANDBOX_OWNED = /^(NODE|NPM|ERR|PATH|HOME)(_|$)/;

function kindOf(name: string): Kind | undefined {
  return KINDS.find(([re]) => re.test(name))?.[1];
}

/** A placeholder value for an environment variable, by what its name says it holds; undefined for names not to fill. */
export function placeholderValue(name: string, workspace: string): string | undefined {
  switch (kindOf(name)) {
    case "secret":
      return SECRET;
    case "database":
      return "postgres://placeholder:placeholder@127.0.0.1:9/placeholder";
    case "url":
      return "https://placeholder.invalid";
    case "host":
      return "placeholder.invalid";
    case "email":
      return "placeholder@example.com";
    case "path":
      return workspace;
    case "region":
      return "us-east-1";
    case "identity":
      return "placeholder";
    default:
      return undefined;
  }
}

const UPPER_SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const ENV_READ = /process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\])/g;

/** Pure: the environment variables a piece of JavaScript reads by name (`process.env.X`, `process.env["X"]`). */
export function envNamesInSource(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(ENV_READ)) names.add((m[1] ?? m[2])!);
  return [...names].sort();
}

/** Pure: the UPPER_SNAKE names in a server's complaint ("GITHUB_TOKEN environment variable is required"). */
export function envNamesInText(text: string): string[] {
  return [...new Set(text.match(UPPER_SNAKE) ?? [])].sort();
}

// Names only filled when the server itself asks for them: a file (a key, a credentials JSON, a spec)
// gets the dummy file, a port the discard port. Guessed from code alone they would change more than they fix.
const TOLD_FILE = /(_PATH|_FILE)$/;
const TOLD_PORT = /_PORT$/;

function toldValue(name: string, workspace: string): string | undefined {
  if (TOLD_FILE.test(name)) return placeholderFile(workspace);
  if (TOLD_PORT.test(name)) return "9";
  return undefined;
}

/**
 * Placeholders for those of `names` whose name says what they hold; names already set are left alone.
 * `told`: the server named these itself (in its complaint), so runtime-looking names, files and ports are filled too.
 */
export function placeholderEnv(names: readonly string[], workspace: string, o: { already?: Record<string, string>; told?: boolean } = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of names) {
    if (o.already && name in o.already) continue;
    if ((o.told ? SANDBOX_OWNED : RUNTIME).test(name)) continue;
    const value = placeholderValue(name, workspace) ?? (o.told ? toldValue(name, workspace) : undefined);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** A table entry with WORKSPACE_TOKEN replaced by the actual directory; its files by their path inside the workspace. */
export function resolveEntry(entry: PlaceholderEntry | undefined, workspace: string): { env: Record<string, string>; args: string[]; files: Record<string, string> } {
  const fill = (v: string) => v.split(WORKSPACE_TOKEN).join(workspace);
  return {
    env: Object.fromEntries(Object.entries(entry?.env ?? {}).map(([k, v]) => [k, fill(v)])),
    args: (entry?.args ?? []).map(fill),
    files: Object.fromEntries(Object.entries(entry?.files ?? {}).map(([name, content]) => [`${workspace}/${name}`, fill(content)])),
  };
}
