// The URL of every page: one place, so links, the API's `page` fields and the router agree.
import { bareServerName } from "../scripts/bare-server-name.js";

/**
 * A name that is `.` or `..` after any number of `~`s. A URL's path segment `.` or `..` is a dot segment, which every
 * URL parser (browsers, fetch, curl) removes before sending, `%2E` and `%2E%2E` included (the WHATWG URL standard
 * reads those as dots too): `/servers/S/tools/..` is sent as `/servers/S/`. No percent-encoding reaches the server, so
 * such a name is written with one `~` more, which `pathName` takes off: `..` is `~..`, a tool named `~..` is `~~..`.
 */
const DOTTED = /^~*\.\.?$/;

/** One name as a path segment: percent-encoded, a dot segment's name stuffed with a `~` (DOTTED). */
export const segment = (name: string) => (DOTTED.test(name) ? `~${name}` : encodeURIComponent(name));

/** The name a decoded path segment stands for: `segment`'s inverse. */
export const pathName = (decoded: string) => (DOTTED.test(decoded) && decoded.startsWith("~") ? decoded.slice(1) : decoded);

export const paths = {
  home: () => "/",
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
  /** A tool name across every server that has it. */
  toolName: (name: string) => `/tools/${segment(name)}`,
  /** One tool on one server. */
  tool: (server: string, tool: string) => `/servers/${segment(server)}/tools/${segment(tool)}`,
  /** A server's page; `cursor` continues its tool list (a server with more tools than a page holds). */
  server: (server: string, cursor?: string) => `/servers/${segment(server)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
  /** The server's whole policy in one dialect, from the API. */
  policy: (server: string, format: string) => `/api/servers/${segment(server)}/policy?format=${encodeURIComponent(format)}`,
};

function decoded(text: string): string | undefined {
  try {
    return pathName(decodeURIComponent(text));
  } catch {
    return undefined;
  }
}

/** Where a URL that is not a page's own goes: `permanent` when its text alone decides it, so a browser may remember it. */
export interface Redirect {
  page: string;
  permanent: boolean;
}

/**
 * The page a server URL written with its name's slashes as typed belongs to (`/servers/io.github.owner/name`, the
 * registry's name pasted into the address bar), or undefined: `rest` is the path after `/servers/`, still
 * percent-encoded. A last `tools/TOOL` names that server's tool; a trailing slash is dropped. (A key holding `#`,
 * a repository subfolder, cannot be written so: a browser never sends what follows it; its folder written with a
 * slash names the same server.)
 *
 * A last `tools` reads two ways: the server KEY's tools, which its page lists, or a server whose name ends in
 * `/tools` (`io.github.acme/tools` is a registry name). `isServer` asks the catalog whether a name is a server's
 * exactly: the reading that is wins, the whole name first; when neither is, the whole name, whose 404 says what was
 * typed. The catalog may change its answer, so that redirect is not permanent.
 */
export async function unencodedServerPage(rest: string, isServer: (name: string) => Promise<boolean>): Promise<Redirect | undefined> {
  const names: string[] = [];
  for (const part of rest.replace(/\/$/, "").split("/")) {
    const name = decoded(part);
    if (!name) return undefined; // an empty segment ("a//b") or a malformed one names nothing
    names.push(name);
  }
  if (names.length > 2 && names.at(-2) === "tools") return { page: paths.tool(names.slice(0, -2).join("/"), names.at(-1)!), permanent: true };
  const whole = names.join("/");
  if (names.length > 1 && names.at(-1) === "tools") {
    const owner = names.slice(0, -1).join("/");
    const page = !(await isServer(whole)) && (await isServer(owner)) ? paths.server(owner) : paths.server(whole);
    return { page, permanent: false };
  }
  return { page: paths.server(whole), permanent: true };
}

/**
 * The server name a page's SERVER segment means when the lookup reads it otherwise than written: with spaces around
 * it or slashes at its end (`io.github.owner/name%2F`, an address pasted with its slash; `…%2F%20`, with a space after
 * it), written as read: trimmed, then without its slashes, as the lookup reads it (bareServerName); undefined
 * when it is read as written or is only spaces and slashes. No key, registry name, repository or remote URL is told
 * apart by either, so its page has one address, the one a trailing slash written unencoded (`/servers/SERVER/`) is
 * sent to already.
 */
export function unslashedServerName(name: string): string | undefined {
  const bare = bareServerName(name);
  return bare && bare !== name ? bare : undefined;
}

/** `/tools/NAME/` with a trailing slash is the tool name's page, as `/servers/KEY/` is the server's; `rest` follows `/tools/`, still percent-encoded. */
export function slashedToolNamePage(rest: string): string | undefined {
  const part = /^([^/]+)\/$/.exec(rest)?.[1];
  const name = part === undefined ? undefined : decoded(part);
  return name ? paths.toolName(name) : undefined;
}
