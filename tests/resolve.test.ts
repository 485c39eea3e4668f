// Entity resolution by the identity ladder: merge on one candidate, never on two, never two registry names.
import { describe, expect, test } from "vitest";
import type { Alias } from "../crawler/records.js";
import { indexOwners, planResolutions, resolveRecord } from "../crawler/resolve.js";

const owners = indexOwners([
  { kind: "registry", value: "io.github.acme/tools", serverKey: "io.github.acme/tools" },
  { kind: "repo", value: "github.com/acme/tools", serverKey: "io.github.acme/tools" },
  { kind: "npm", value: "@acme/tools", serverKey: "io.github.acme/tools" },
  // A monorepo: two registry servers share the repository without a subfolder.
  { kind: "repo", value: "github.com/big/mono", serverKey: "io.github.big/a" },
  { kind: "repo", value: "github.com/big/mono", serverKey: "io.github.big/b" },
  { kind: "repo", value: "github.com/big/mono#servers/c", serverKey: "io.github.big/c" },
  { kind: "remote", value: "https://mcp.example.com/mcp", serverKey: "com.example/mcp" },
  { kind: "repo", value: "github.com/solo/thing", serverKey: "github.com/solo/thing" },
]);
const registryKeys = new Set(["io.github.acme/tools", "io.github.big/a", "io.github.big/b", "io.github.big/c", "com.example/mcp"]);
const known = (existing: string[] = []) => ({ owners, existingKeys: new Set(existing), registryKeys });
const repo = (value: string): Alias => ({ kind: "repo", value });

describe("resolveRecord", () => {
  test("a record whose own key exists is that server", () => {
    expect(resolveRecord({ key: "github.com/solo/thing", aliases: [repo("github.com/solo/thing")] }, known(["github.com/solo/thing"]))).toEqual({ kind: "same", key: "github.com/solo/thing" });
  });

  test("a directory record merges into the registry server with its repository", () => {
    const r = resolveRecord({ key: "github.com/acme/tools", aliases: [repo("github.com/acme/tools"), { kind: "glama", value: "acme/tools" }] }, known());
    expect(r).toEqual({ kind: "merge", key: "io.github.acme/tools", via: repo("github.com/acme/tools") });
  });

  test("the package coordinate rung merges when the repository says nothing", () => {
    const r = resolveRecord({ key: "glama.ai/x/y", aliases: [{ kind: "npm", value: "@acme/tools" }] }, known());
    expect(r).toMatchObject({ kind: "merge", key: "io.github.acme/tools" });
  });

  test("the remote URL rung merges a hosted endpoint", () => {
    const r = resolveRecord({ key: "smithery.ai/ex", aliases: [{ kind: "remote", value: "https://mcp.example.com/mcp" }] }, known());
    expect(r).toMatchObject({ kind: "merge", key: "com.example/mcp" });
  });

  test("a repository shared by several servers is ambiguous and stays apart", () => {
    const r = resolveRecord({ key: "github.com/big/mono", aliases: [repo("github.com/big/mono")] }, known());
    expect(r).toEqual({ kind: "ambiguous", key: "github.com/big/mono", via: repo("github.com/big/mono"), candidates: ["io.github.big/a", "io.github.big/b"] });
  });

  test("a monorepo subfolder merges only with the server of the same subfolder", () => {
    expect(resolveRecord({ key: "github.com/big/mono#servers/c", aliases: [repo("github.com/big/mono#servers/c")] }, known())).toMatchObject({ kind: "merge", key: "io.github.big/c" });
    expect(resolveRecord({ key: "github.com/big/mono#servers/d", aliases: [repo("github.com/big/mono#servers/d")] }, known())).toEqual({ kind: "same", key: "github.com/big/mono#servers/d" });
  });

  test("two registry names are never merged, even with the same repository and package", () => {
    const r = resolveRecord({ key: "io.github.acme/tools-v2", aliases: [{ kind: "registry", value: "io.github.acme/tools-v2" }, repo("github.com/acme/tools"), { kind: "npm", value: "@acme/tools" }] }, known());
    expect(r).toEqual({ kind: "same", key: "io.github.acme/tools-v2" });
  });

  test("a registry record merges into the server a directory created first", () => {
    const r = resolveRecord({ key: "io.github.solo/thing", aliases: [{ kind: "registry", value: "io.github.solo/thing" }, repo("github.com/solo/thing")] }, known());
    expect(r).toMatchObject({ kind: "merge", key: "github.com/solo/thing" });
  });

  test("nothing in common: a new server", () => {
    expect(resolveRecord({ key: "github.com/new/one", aliases: [repo("github.com/new/one")] }, known())).toEqual({ kind: "same", key: "github.com/new/one" });
  });
});

describe("planResolutions", () => {
  test("a page's keys: merges land on their server, monorepo records stay apart, a registry name renames a repository-keyed server", () => {
    const soloOwners = indexOwners([
      { kind: "repo", value: "github.com/acme/tools", serverKey: "io.github.acme/tools" },
      { kind: "repo", value: "github.com/big/mono", serverKey: "io.github.big/a" },
      { kind: "repo", value: "github.com/big/mono", serverKey: "io.github.big/b" },
      { kind: "repo", value: "github.com/solo/thing", serverKey: "github.com/solo/thing" },
    ]);
    const plan = planResolutions(
      new Map<string, Alias[]>([
        ["github.com/acme/tools", [repo("github.com/acme/tools")]],
        ["github.com/big/mono", [repo("github.com/big/mono")]],
        ["io.github.solo/thing", [{ kind: "registry", value: "io.github.solo/thing" }, repo("github.com/solo/thing")]],
        ["brand/new", [repo("github.com/brand/new")]],
      ]),
      { owners: soloOwners, existingKeys: new Set(), registryKeys: new Set(["io.github.acme/tools", "io.github.big/a", "io.github.big/b"]) },
    );
    expect([...plan.targetOf]).toEqual([["github.com/acme/tools", "io.github.acme/tools"]]);
    expect(plan.renames).toEqual([{ from: "github.com/solo/thing", to: "io.github.solo/thing" }]);
    expect(plan).toMatchObject({ merged: 2, ambiguous: 1 });
  });
});
