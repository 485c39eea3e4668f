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
