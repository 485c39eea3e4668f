// Which servers' live tools a run withdraws (serversUnlistable): those the mode that listed them can no longer list,
// unless a mode the run or the configuration lists by can (its listing replaces them); a server listed before the
// mode was recorded only when no mode could list it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serversUnlistable, type IntrospectMode } from "../db/introspection.js";
import { servers, tools } from "../db/schema.js";
import { DRIVERS, openTestCatalog, type TestCatalog } from "./helpers/catalog.js";

const REMOTE = [{ type: "streamable-http", url: "https://mcp.example/mcp", needsSecret: false }];
const NPM = [{ registryType: "npm", identifier: "@acme/server", version: "1.0.0", transport: "stdio" }];

describe.each(DRIVERS)("servers whose live tools no listing can repeat, on %s", (driver) => {
  let t: TestCatalog;
  const ids: Record<string, number> = {};
  const unlistable = async (keepModes: IntrospectMode[]) => {
    const found = new Set(await serversUnlistable(t.catalog.db, { afterId: 0, limit: 100, keepModes }));
    return Object.keys(ids).filter((k) => found.has(ids[k]!)).sort();
  };

  beforeAll(async () => {
    t = await openTestCatalog(driver);
    const rows: { key: string; listedBy: string | null; remotes: unknown[]; packages: unknown[] }[] = [
      { key: "remote-gone-npm-left", listedBy: "remote", remotes: [], packages: NPM },
      { key: "remote-kept", listedBy: "remote", remotes: REMOTE, packages: [] },
      { key: "stdio-npm-kept", listedBy: "stdio", remotes: [], packages: NPM },
      { key: "stdio-npm-gone-remote-left", listedBy: "stdio", remotes: REMOTE, packages: [] },
      { key: "unrecorded-npm-left", listedBy: null, remotes: [], packages: NPM },
      { key: "unrecorded-nothing-left", listedBy: null, remotes: [], packages: [] },
    ];
    for (const r of rows) {
      const [row] = await t.catalog.db
        .insert(servers)
        .values({ key: r.key, canonicalSource: `registry:${r.key}`, canonicalRank: 30, contentHash: "h", listedBy: r.listedBy, remotes: r.remotes, packages: r.packages })
        .returning({ id: servers.id });
      ids[r.key] = row!.id;
      await t.catalog.db.insert(tools).values({ serverId: row!.id, name: "read_it", contentHash: "t", origin: "live" });
    }
  });
  afterAll(() => t?.dispose());

  it("withdraws what the listing's own mode cannot list again, when no mode kept can either", async () => {
    // Remotes only (the default): the package left cannot list again what the remote listed.
    expect(await unlistable(["remote"])).toEqual(["remote-gone-npm-left", "unrecorded-nothing-left"]);
    // A run listing nothing live withdraws only what its listing's own mode cannot reach: a package still listed keeps
    // the tools its stdio listing found, a remote still listed those its listing found.
    expect(await unlistable([])).toEqual(["remote-gone-npm-left", "stdio-npm-gone-remote-left", "unrecorded-nothing-left"]);
    // Listing over stdio too, the package left is listed again and its listing replaces them.
    expect(await unlistable(["remote", "stdio"])).toEqual(["unrecorded-nothing-left"]);
    expect(await unlistable(["stdio"])).toEqual(["stdio-npm-gone-remote-left", "unrecorded-nothing-left"]);
  });
});
