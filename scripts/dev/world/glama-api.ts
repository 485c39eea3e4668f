// Glama's server listing as its OpenAPI documents it: the shape the generated world and the tests' replay both serve.

export interface GlamaTool {
  name?: string;
  description: string | null;
  inputSchema?: unknown;
}

/** McpServer as Glama's OpenAPI documents it (every field required, several nullable). */
export interface GlamaServer {
  id?: string;
  name: string;
  namespace: string;
  slug: string;
  description: string;
  url: string;
  repository: { url: string } | null;
  spdxLicense: { name: string; url: string } | null;
  attributes: string[];
  environmentVariablesJsonSchema: { type: "object"; properties: Record<string, { type: string; description: string }>; required?: string[] } | null;
  tools: GlamaTool[];
}
