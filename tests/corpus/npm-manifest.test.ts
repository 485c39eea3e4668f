// The pure npm manifest decision (is this package an MCP server?) and the provenance read from a manifest, plus npm's search page parser.
import { describe, expect, it } from "vitest";
import { manifestLicense, manifestRepository, mcpServerEvidence, npmManifestSchema } from "../../crawler/sources/npm-manifest.js";
import { NOT_URL_SAFE } from "../../crawler/sources/fields.js";
import { NpmSearchFormatError, nextSearchFrom, npmManifestUrl, npmSearchUrl, parseNpmSearchPage } from "../../crawler/sources/npm-registry.js";

const manifest = (m: Record<string, unknown>) => npmManifestSchema.parse({ name: "x", version: "1.0.0", ...m });

describe("mcpServerEvidence", () => {
  it("an mcpName proves a server, with or without a bin", () => {
    expect(mcpServerEvidence(manifest({ mcpName: "io.github.a/b", bin: "cli.js" }))).toEqual({ server: true, evidence: "mcpName", mcpName: "io.github.a/b", hasBin: true });
    expect(mcpServerEvidence(manifest({ mcpName: "io.github.a/b", dependencies: { fastmcp: "^3" } }))).toEqual({ server: true, evidence: "mcpName", mcpName: "io.github.a/b", framework: "fastmcp", hasBin: false });
  });

  it("a bin plus the SDK or a server framework proves a server", () => {
    expect(mcpServerEvidence(manifest({ bin: { x: "dist/index.js" }, dependencies: { "@modelcontextprotocol/sdk": "^1.0.0", zod: "^3" } }))).toEqual({ server: true, evidence: "bin+framework", framework: "@modelcontextprotocol/sdk", hasBin: true });
    for (const fw of ["fastmcp", "mcp-framework", "@modelcontextprotocol/server", "@mastra/mcp", "mcp-use", "xmcp", "tmcp"]) {
      expect(mcpServerEvidence(manifest({ bin: "index.js", dependencies: { [fw]: "1" } }))).toMatchObject({ server: true, framework: fw });
    }
    // A peer dependency on the SDK counts too (some servers let the host supply it).
    expect(mcpServerEvidence(manifest({ bin: "index.js", peerDependencies: { "@modelcontextprotocol/sdk": "1" } }))).toMatchObject({ server: true });
  });

  it("a bin and a keyword saying MCP server proves a bundled server (its SDK is in its own files, not a dependency)", () => {
    expect(mcpServerEvidence(manifest({ bin: { x: "index.js" }, keywords: ["railway", "MCP-Server"] }))).toEqual({ server: true, evidence: "bin+keyword", keyword: "MCP-Server", hasBin: true });
    // "mcp" alone says the package is about MCP (clients, proxies, inspectors say it too), not that it is a server.
    expect(mcpServerEvidence(manifest({ bin: "index.js", keywords: ["mcp", "modelcontextprotocol"] }))).toEqual({ server: false, reason: "no-mcp-dependency" });
    expect(mcpServerEvidence(manifest({ keywords: ["mcp-server"] }))).toEqual({ server: false, reason: "no-bin" });
  });

  it("a library (no bin) or a bin without an MCP server dependency (a client, a CLI, a proxy) is not a server", () => {
    expect(mcpServerEvidence(manifest({ dependencies: { "@modelcontextprotocol/sdk": "1" } }))).toEqual({ server: false, reason: "no-bin" });
    expect(mcpServerEvidence(manifest({ bin: { x: "  " }, dependencies: { "@modelcontextprotocol/sdk": "1" } }))).toEqual({ server: false, reason: "no-bin" });
    expect(mcpServerEvidence(manifest({ bin: "cli.js", dependencies: { "@ai-sdk/mcp": "1", commander: "12" } }))).toEqual({ server: false, reason: "no-mcp-dependency" });
    expect(mcpServerEvidence(manifest({ bin: "cli.js", devDependencies: { "@modelcontextprotocol/sdk": "1" } }))).toEqual({ server: false, reason: "no-mcp-dependency" });
  });

  it("tolerates odd manifests: a broken dependencies field or bin reads as absent, not as a crash", () => {
    expect(mcpServerEvidence(manifest({ bin: 42, dependencies: "nope" }))).toEqual({ server: false, reason: "no-bin" });
    expect(mcpServerEvidence(manifest({ mcpName: "  ", bin: "a.js", dependencies: { "@modelcontextprotocol/sdk": "1" } }))).toMatchObject({ server: true, evidence: "bin+framework" });
  });
});

describe("manifest provenance", () => {
  it("normalises every repository form npm allows, keeping a monorepo folder", () => {
    expect(manifestRepository(manifest({ repository: { type: "git", url: "git+https://github.com/Acme/Servers.git", directory: "packages/jira/" } }))).toEqual({ url: "https://github.com/acme/servers", directory: "packages/jira" });
    expect(manifestRepository(manifest({ repository: "github:acme/tool" }))).toEqual({ url: "https://github.com/acme/tool" });
    expect(manifestRepository(manifest({ repository: "acme/tool" }))).toEqual({ url: "https://github.com/acme/tool" });
    expect(manifestRepository(manifest({ repository: "gitlab:group/proj" }))).toEqual({ url: "https://gitlab.com/group/proj" });
    expect(manifestRepository(manifest({ repository: "git@github.com:acme/tool.git" }))).toEqual({ url: "https://github.com/acme/tool" });
    expect(manifestRepository(manifest({ repository: { type: "git" } }))).toBeUndefined();
    expect(manifestRepository(manifest({}))).toBeUndefined();
  });

  it("reads the licence in its SPDX and legacy forms", () => {
    expect(manifestLicense(manifest({ license: "MIT" }))).toBe("MIT");
    expect(manifestLicense(manifest({ license: { type: "ISC" } }))).toBe("ISC");
    expect(manifestLicense(manifest({ licenses: [{ type: "MIT" }, { type: "Apache-2.0" }] }))).toBe("MIT OR Apache-2.0");
    expect(manifestLicense(manifest({}))).toBeUndefined();
  });
});

describe("npm registry endpoints", () => {
  it("builds search and manifest URLs, scoped names escaped as the registry wants", () => {
    expect(npmSearchUrl("https://registry.npmjs.org/", "keywords:mcp", 250)).toBe("https://registry.npmjs.org/-/v1/search?text=keywords%3Amcp&size=250&from=250");
    expect(npmManifestUrl("https://registry.npmjs.org", "@scope/pkg")).toBe("https://registry.npmjs.org/@scope%2Fpkg/latest");
    expect(npmManifestUrl("http://127.0.0.1:4873/", "plain")).toBe("http://127.0.0.1:4873/plain/latest");
  });

  it("parses a search page, skipping and counting items without a package name", () => {
    const page = parseNpmSearchPage({
      objects: [{ package: { name: "a-mcp", version: "1.2.0", description: "An MCP server" }, score: {} }, { package: { version: "1" } }, { package: { name: "b-mcp", description: null } }],
      total: 3,
      time: "now",
    });
    expect(page.hits).toEqual([{ name: "a-mcp", version: "1.2.0", description: "An MCP server" }, { name: "b-mcp" }]);
    expect(page.skipped).toHaveLength(1);
    expect(page.skipped[0]).toMatchObject({ index: 1 });
    expect(page.total).toBe(3);
  });

  it("skips and counts a hit whose name no manifest URL can hold (a lone surrogate)", () => {
    const page = parseNpmSearchPage({ objects: [{ package: { name: "evil\ud800-mcp" } }, { package: { name: "a-mcp" } }], total: 2 });
    expect(page.hits).toEqual([{ name: "a-mcp" }]);
    expect(page.skipped).toEqual([{ index: 0, reason: `invalid: ${NOT_URL_SAFE}` }]);
  });

  it("refuses a body that is not a search result", () => {
    expect(() => parseNpmSearchPage({ error: "not found" })).toThrow(NpmSearchFormatError);
  });

  it("pages until the total is reached or a page comes back empty", () => {
    expect(nextSearchFrom(0, 250, 600)).toBe(250);
    expect(nextSearchFrom(500, 100, 600)).toBeUndefined();
    expect(nextSearchFrom(250, 0, 600)).toBeUndefined();
  });
});
