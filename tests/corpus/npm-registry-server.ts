// A tiny npm registry on 127.0.0.1 for the corpus tests: packages the test writes and packs (tests/helpers/npm-tarball.ts), served as packuments, `latest` manifests, tarballs and one search page.
import { createHash } from "node:crypto";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { npmTarball } from "../helpers/npm-tarball.js";

export interface FixturePackage {
  manifest: { name: string; version: string } & Record<string, unknown>;
  files: Record<string, string>;
}

/** Serves `packages` (and answers 404 for everything else); `requests` records every path asked for. */
export async function startNpmRegistry(packages: FixturePackage[]): Promise<LocalServer> {
  const tarballs = new Map<string, Buffer>();
  const manifests = new Map<string, Record<string, unknown>>();
  for (const p of packages) tarballs.set(p.manifest.name, npmTarball(p.manifest, p.files));
  const server = await startLocalServer((req, res): void => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).slice(1);
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "-/v1/search") {
      json({ objects: packages.map((p) => ({ package: { name: p.manifest.name, version: p.manifest.version } })), total: packages.length });
      return;
    }
    if (path.startsWith("tarballs/")) {
      const tgz = tarballs.get(path.slice("tarballs/".length).replace(/\.tgz$/, "").replace("__", "/"));
      if (!tgz) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(tgz);
      return;
    }
    const latest = path.endsWith("/latest");
    const manifest = manifests.get(latest ? path.slice(0, -"/latest".length) : path);
    if (!manifest) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    json(latest ? manifest : { name: manifest.name, "dist-tags": { latest: manifest.version }, versions: { [String(manifest.version)]: manifest } });
  });
  for (const p of packages) {
    const tgz = tarballs.get(p.manifest.name)!;
    manifests.set(p.manifest.name, {
      license: "MIT",
      ...p.manifest,
      dist: {
        tarball: `${server.url}/tarballs/${p.manifest.name.replace("/", "__")}.tgz`,
        shasum: createHash("sha1").update(tgz).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(tgz).digest("base64")}`,
      },
    });
  }
  return server;
}
