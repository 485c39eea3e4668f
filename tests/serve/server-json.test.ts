// A registry record's packages and remotes, as the feed passes them on: whole lists that conform to server.json, else nothing.
import { describe, expect, it } from "vitest";
import { publishedInstall } from "../../server/server-json.js";

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

describe("publishedInstall", () => {
  it("gives the lists as published, properties the schema does not name included", () => {
    expect(publishedInstall(record({ packages: [npm], remotes: [remote] }))).toEqual({ packages: [npm], remotes: [remote] });
  });

  it("gives nothing for a list with an item that does not conform, and keeps the other list", () => {
    const badSha = { ...npm, registryType: "mcpb", fileSha256: "not-a-digest" };
    expect(publishedInstall(record({ packages: [npm, badSha], remotes: [remote] }))).toEqual({ packages: undefined, remotes: [remote] });
    // "http" is a type the catalog reads as streamable-http, but server.json does not name it.
    expect(publishedInstall(record({ packages: [npm], remotes: [{ ...remote, type: "http" }] }))).toEqual({ packages: [npm], remotes: undefined });
    expect(publishedInstall(record({ packages: [{ ...npm, environmentVariables: [{ isRequired: true }] }] })).packages).toBeUndefined();
    expect(publishedInstall(record({ packages: [{ ...npm, transport: { type: "streamable-http" } }] })).packages).toBeUndefined();
    expect(publishedInstall(record({ packages: [{ ...npm, packageArguments: [{ type: "positional" }] }] })).packages).toBeUndefined();
  });

  it("gives nothing for a record of another shape", () => {
    expect(publishedInstall({ name: "com.acme/mcp", packages: [{ registry_name: "npm", name: "@acme/mcp" }] })).toEqual({});
    expect(publishedInstall(undefined)).toEqual({});
  });
});
