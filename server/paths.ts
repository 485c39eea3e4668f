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

/**
 * The page a server URL written with its name's slashes as typed belongs to (`/servers/io.github.owner/name`, the
 * registry's name pasted into the address bar), or undefined: `rest` is the path after `/servers/`, still
 * percent-encoded. A last `tools/TOOL` names that server's tool, a last `tools/` its tool list; a trailing slash is dropped. (A key holding `#`,
 * a repository subfolder, cannot be written so: a browser never sends what follows it; its folder written with a
 * slash names the same server.)
 */
export function unencodedServerPage(rest: string): string | undefined {
  const slashed = rest.endsWith("/");
  const names: string[] = [];
  for (const segment of rest.replace(/\/$/, "").split("/")) {
    const name = decoded(segment);
    if (!name) return undefined; // an empty segment ("a//b") or a malformed one names nothing
    names.push(name);
  }
  if (names.length > 2 && names.at(-2) === "tools") return paths.tool(names.slice(0, -2).join("/"), names.at(-1)!);
  // `KEY/tools/` asks for the server's tools, which its page lists; `KEY/tools`, no slash, stays a server so named.
  if (slashed && names.length > 1 && names.at(-1) === "tools") return paths.server(names.slice(0, -1).join("/"));
  return paths.server(names.join("/"));
}

/** `/tools/NAME/` with a trailing slash is the tool name's page, as `/servers/KEY/` is the server's; `rest` follows `/tools/`, still percent-encoded. */
export function slashedToolNamePage(rest: string): string | undefined {
  const segment = /^([^/]+)\/$/.exec(rest)?.[1];
  const name = segment === undefined ? undefined : decoded(segment);
  return name ? paths.toolName(name) : undefined;
}
