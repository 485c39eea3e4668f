// The URL of every page: one place, so links, the API's `page` fields and the router agree.
const seg = (s: string) => encodeURIComponent(s);

export const paths = {
  home: () => "/",
  search: (q: string) => `/search?q=${seg(q)}`,
  /** A tool name across every server that has it. */
  toolName: (name: string) => `/tools/${seg(name)}`,
  /** One tool on one server. */
  tool: (server: string, tool: string) => `/servers/${seg(server)}/tools/${seg(tool)}`,
  server: (server: string) => `/servers/${seg(server)}`,
};

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
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
  for (const segment of rest.replace(/\/$/, "").split("/")) {
    const name = decoded(segment);
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

/** `/tools/NAME/` with a trailing slash is the tool name's page, as `/servers/KEY/` is the server's; `rest` follows `/tools/`, still percent-encoded. */
export function slashedToolNamePage(rest: string): string | undefined {
  const segment = /^([^/]+)\/$/.exec(rest)?.[1];
  const name = segment === undefined ? undefined : decoded(segment);
  return name ? paths.toolName(name) : undefined;
}
