// A registry record's packages, remotes, repository, icons and _meta, as the feed passes them on: what conforms to server.json, else nothing.
import { describe, expect, it } from "vitest";
import { publishedServer } from "../../server/server-json.js";

const npm = {
  registryType: "npm",
  registryBaseUrl: "https://registry.npmjs.org",
  identifier: "@acme/mcp",
  version: "1.2.3",
  runtimeHint: "npx",
  transport: { type: "stdio" },
  runtimeArguments: [{ type: "named", name: "--port", valueHint: "port", format: "number" }],
  packageArguments: [{ type: "positional", valueHint: "root", isRequired: true }],
  environmentVariables: [{ name: "ACME_TOKEN", isRequired: true, isSecret: true }],
};
const remote = { type: "streamable-http", url: "https://{tenant}.acme.example/mcp", headers: [{ name: "Authorization", value: "Bearer {token}", isSecret: true }], variables: { tenant: { isRequired: true } } };
const record = (server: Record<string, unknown>) => ({ server: { name: "com.acme/mcp", version: "1.2.3", ...server } });

describe("publishedServer", () => {
  it("gives the lists as published, properties the schema does not name included", () => {
    expect(publishedServer(record({ packages: [npm], remotes: [remote] }))).toEqual({ packages: [npm], remotes: [remote] });
  });

  it("gives nothing for a list with an item that does not conform, and keeps the other list", () => {
    const badSha = { ...npm, registryType: "mcpb", fileSha256: "not-a-digest" };
    expect(publishedServer(record({ packages: [npm, badSha], remotes: [remote] }))).toEqual({ packages: undefined, remotes: [remote] });
    // "http" is a type the catalog reads as streamable-http, but server.json does not name it.
    expect(publishedServer(record({ packages: [npm], remotes: [{ ...remote, type: "http" }] }))).toEqual({ packages: [npm], remotes: undefined });
    expect(publishedServer(record({ packages: [{ ...npm, environmentVariables: [{ isRequired: true }] }] })).packages).toBeUndefined();
    expect(publishedServer(record({ packages: [{ ...npm, transport: { type: "streamable-http" } }] })).packages).toBeUndefined();
    expect(publishedServer(record({ packages: [{ ...npm, packageArguments: [{ type: "positional" }] }] })).packages).toBeUndefined();
  });

  it("gives the repository with its id and case, the icons and the publisher's _meta as published, each when it conforms", () => {
    const repository = { url: "https://github.com/Acme/MCP", source: "github", id: "b94b5f7e", subfolder: "packages/server" };
    const icons = [{ src: "https://acme.example/icon.png", mimeType: "image/png", sizes: ["48x48"] }];
    const meta = { "io.modelcontextprotocol.registry/publisher-provided": { tool: "publisher-cli" } };
    expect(publishedServer(record({ repository, icons, _meta: meta }))).toEqual({ repository, icons, _meta: meta });
    // The registry has published an empty repository object: no URL, no repository.
    expect(publishedServer(record({ repository: {}, icons: [{ mimeType: "image/png" }], _meta: "x" }))).toEqual({});
  });

  it("gives nothing for a record of another shape", () => {
    expect(publishedServer({ name: "com.acme/mcp", packages: [{ registry_name: "npm", name: "@acme/mcp" }] })).toEqual({});
    expect(publishedServer(undefined)).toEqual({});
  });
});
