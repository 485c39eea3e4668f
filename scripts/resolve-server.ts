// Finds the server a user means: registry name, repository URL, package coordinate, remote URL or a unique key prefix.
import { namedRepository, normalizeRemoteUrl, packageAlias, repositoryAlias } from "../crawler/normalize.js";
import type { Repository } from "../crawler/records.js";
import type { Catalog, Db } from "../db/client.js";
import { catalogHasNoServers, repositoryServerKeys, serversByAlias, serversByKey, serversByKeyInsensitive, serversByKeyPrefix, similarServerKeys, type ServerRef } from "../db/lookups.js";
import { nameProblem } from "../server/lookup-text.js";
import { bareServerName } from "./bare-server-name.js";
import { CliError } from "./command.js";
import { emptyCatalogText } from "./empty-catalog.js";
import { nameText, safeText } from "./terminal.js";

export type ServerMatch = { kind: "one"; server: ServerRef } | { kind: "ambiguous"; candidates: ServerRef[] } | { kind: "none" };

/** How many servers a key prefix may name before it is only "more than": the look-up stops one past it. */
const AMBIGUOUS_LIMIT = 20;

/** How many close keys an unknown server's answer names. */
const SUGGESTIONS = 5;

const COORDINATE = /^(npm|pypi|oci|docker|nuget|mcpb|cargo):(.+)$/i;

function unique(refs: ServerRef[]): ServerRef[] {
  const seen = new Map<number, ServerRef>();
  for (const r of refs) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

function decide(refs: ServerRef[]): ServerMatch | undefined {
  const u = unique(refs);
  if (u.length === 1) return { kind: "one", server: u[0]! };
  if (u.length > 1) return { kind: "ambiguous", candidates: u };
  return undefined;
}

const looksLikeUrl = (text: string) => /^[a-z]+:\/\//i.test(text) || /^[\w.-]+\.[a-z]{2,}\/[^/\s]+\/[^/\s]+/i.test(text) || text.startsWith("git@");

/** The package alias `text` names when it is a coordinate of a registry the catalog knows (`npm:@scope/pkg`). */
function coordinateAlias(text: string) {
  const coordinate = COORDINATE.exec(text);
  return coordinate ? packageAlias(coordinate[1]!, coordinate[2]!) : undefined;
}

/** The servers one reading of a repository URL names: by their repository alias in each form, else by a key that is one. */
async function serversInRepository(db: Db, forms: Repository[]): Promise<ServerRef[]> {
  const refs: ServerRef[] = [];
  for (const form of forms) refs.push(...(await serversByAlias(db, "repo", repositoryAlias(form))));
  if (refs.length) return refs;
  for (const form of forms) refs.push(...(await serversByKeyInsensitive(db, repositoryAlias(form))));
  return refs;
}

/**
 * The servers `input` names by one of their identities exactly: key (any case), registry name, package
 * coordinate, repository URL or remote URL. Never by a key prefix. A name with slashes at its end
 * (`io.github.owner/name/`, pasted from an address) that names nothing as typed is read without them, as a
 * repository URL already is: no key or registry name ends in a slash.
 */
export async function matchServerExactly(db: Db, input: string): Promise<ServerMatch> {
  const text = input.trim();
  const match = await matchIdentity(db, text);
  const bare = bareServerName(text);
  return match.kind === "none" && bare && bare !== text ? matchIdentity(db, bare) : match;
}

/** matchServerExactly for `text` as it is (trimmed). */
async function matchIdentity(db: Db, text: string): Promise<ServerMatch> {
  if (!text) return { kind: "none" };
  const exact = decide(await serversByKeyInsensitive(db, text));
  if (exact) return exact;

  const coordinate = coordinateAlias(text);
  if (coordinate) return decide(await serversByAlias(db, coordinate.kind, coordinate.value)) ?? { kind: "none" };

  const byAlias: ServerRef[] = [...(await serversByAlias(db, "registry", text.toLowerCase()))];
  if (looksLikeUrl(text)) {
    // The first reading that names a server is meant; a folder the catalog does not have names none.
    for (const reading of namedRepository(text)?.readings ?? []) {
      const found = await serversInRepository(db, reading);
      byAlias.push(...found);
      if (found.length) break;
    }
    const remote = normalizeRemoteUrl(text);
    if (remote) byAlias.push(...(await serversByAlias(db, "remote", remote)));
  }
  return decide(byAlias) ?? { kind: "none" };
}

/** The server a person means: one named exactly (matchServerExactly), else a key `input` is a prefix of. */
export async function matchServer(db: Db, input: string): Promise<ServerMatch> {
  const exact = await matchServerExactly(db, input);
  const text = input.trim();
  if (exact.kind !== "none" || !text || coordinateAlias(text)) return exact;
  return decide(await serversByKeyPrefix(db, text, AMBIGUOUS_LIMIT)) ?? { kind: "none" };
}

/**
 * The server a registry client names: its key exactly (the feed's `server.name`) or its registry name in any case
 * (as the catalog identifies registry names). Nothing looser: the registry answers a name it does not hold with a
 * 404, never with a server whose name starts so.
 */
export async function matchServerName(db: Db, name: string): Promise<ServerMatch> {
  return decide(await serversByKey(db, name)) ?? decide(await serversByAlias(db, "registry", name.toLowerCase())) ?? { kind: "none" };
}

/**
 * The keys to suggest for `input`, which named no server: the servers of the repository it names first (it named
 * a folder they are not in, or a root only folders hold), then the keys most like it.
 */
export async function closeServerKeys(db: Db, input: string): Promise<string[]> {
  const text = input.trim();
  const repo = looksLikeUrl(text) ? namedRepository(text) : undefined;
  const own = repo ? await repositoryServerKeys(db, repo.key, { limit: SUGGESTIONS }) : [];
  return [...new Set([...own, ...(await similarServerKeys(db, input, { limit: SUGGESTIONS }))])].slice(0, SUGGESTIONS);
}

/** How many servers an ambiguous match names, as every surface says it: past the cap, the count is not known. */
export function matchCount(candidates: number): string {
  return candidates > AMBIGUOUS_LIMIT ? `more than ${AMBIGUOUS_LIMIT}` : String(candidates);
}

/**
 * The candidates every surface lists for an ambiguous match: at most the cap (the look-up reads one past it only to
 * know there are more), and whether there are more than it lists, which each surface then says.
 */
export function listedCandidates<T>(candidates: readonly T[]): { listed: T[]; more: boolean } {
  return { listed: candidates.slice(0, AMBIGUOUS_LIMIT), more: candidates.length > AMBIGUOUS_LIMIT };
}

/** A SERVER or --server argument, checked before the catalog is opened: empty is a bad argument (exit 2). */
export function serverArgument(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim()) throw new CliError(`${what} must not be empty (a registry name, a repository URL, npm:<package> or a key prefix)`, 2);
  const problem = nameProblem(value);
  if (problem !== undefined) throw new CliError(`${what} ${problem}`, 2);
  return value;
}

/**
 * The one server `input` names in `catalog`, or a CliError: exit 1 when unknown (with close keys, or where the catalog
 * is when it holds no server at all), 2 with the candidates when ambiguous.
 */
export async function requireServer({ db, location }: Pick<Catalog, "db" | "location">, input: string): Promise<ServerRef> {
  serverArgument(input, "the server");
  const match = await matchServer(db, input);
  if (match.kind === "one") return match.server;
  if (match.kind === "none") {
    if (await catalogHasNoServers(db)) throw new CliError(`no server in the catalog matches '${safeText(input)}': ${emptyCatalogText(location)}`, 1);
    const close = await closeServerKeys(db, input);
    const hint = close.length ? `. Did you mean: ${close.map((k) => nameText(k)).join(", ")}?` : " (try a registry name, a repository URL, npm:<package> or a key prefix)";
    throw new CliError(`no server in the catalog matches '${safeText(input)}'${hint}`, 1);
  }
  const { listed, more } = listedCandidates(match.candidates);
  const shown = listed.map((c) => `  ${nameText(c.key)}`);
  throw new CliError([`'${safeText(input)}' matches ${matchCount(match.candidates.length)} servers:`, ...shown, ...(more ? [`  … and more; be more specific`] : [])].join("\n"), 2);
}
