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
 * percent-encoded. A last `tools/TOOL` names that server's tool; a trailing slash is dropped. (A name holding `#`,
 * a repository subfolder, cannot be written so: a browser never sends what follows it.)
 */
export function unencodedServerPage(rest: string): string | undefined {
  const names: string[] = [];
  for (const segment of rest.replace(/\/$/, "").split("/")) {
    const name = decoded(segment);
    if (!name) return undefined; // an empty segment ("a//b") or a malformed one names nothing
    names.push(name);
  }
  if (names.length > 2 && names.at(-2) === "tools") return paths.tool(names.slice(0, -2).join("/"), names.at(-1)!);
  return paths.server(names.join("/"));
}
