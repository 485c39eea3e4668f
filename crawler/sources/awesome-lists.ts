// The lists the awesome source reads by default, apart from its parser: reading the configuration (every
// command does) then loads no markdown or HTML parser (cheerio alone is about 0.3 s of CPU at start-up).
export const DEFAULT_AWESOME_LIST_URLS: readonly string[] = [
  "https://raw.githubusercontent.com/punkpeye/awesome-mcp-servers/main/README.md",
  "https://raw.githubusercontent.com/appcypher/awesome-mcp-servers/main/README.md",
];
