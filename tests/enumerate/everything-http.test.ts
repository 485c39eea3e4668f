// @modelcontextprotocol/server-everything started as a child process in its streamableHttp and sse modes, listed over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRemoteTools } from "../../crawler/mcp/remote.js";
import { limits } from "./servers.js";

const everythingBin = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");

// The server listens on $PORT on every interface; this preload pins it to 127.0.0.1 on an
// ephemeral port and prints the port it got, so the test never touches a fixed port.
const PRELOAD = `import net from "node:net";
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const cb = args.find((a) => typeof a === "function");
  this.once("listening", () => process.stderr.write("LISTENING " + this.address().port + "\\n"));
  return cb ? listen.call(this, 0, "127.0.0.1", cb) : listen.call(this, 0, "127.0.0.1");
};
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "enumerate-everything-"));
  await writeFile(join(dir, "preload.mjs"), PRELOAD);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function startEverything(mode: "streamableHttp" | "sse"): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", join(dir, "preload.mjs"), everythingBin, mode], {
    env: { PATH: process.env.PATH ?? "", HOME: dir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const port = await new Promise<number>((ok, fail) => {
    let err = "";
    const timer = setTimeout(() => fail(new Error(`server-everything did not start: ${err}`)), 15_000);
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
      const m = /LISTENING (\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.once("exit", (code) => fail(new Error(`server-everything exited (${code}): ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGKILL");
      }),
  };
}

describe("server-everything over HTTP", () => {
  it("streamableHttp mode, /mcp", async () => {
    const s = await startEverything("streamableHttp");
    try {
      const r = await listRemoteTools({ url: `${s.url}/mcp`, type: "streamable-http" }, { limits });
      expect(r.transport).toBe("streamable-http");
      expect(r.protocolVersion).toBe("2025-11-25");
      expect(r.serverInfo?.name).toMatch(/everything/);
      expect(r.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["echo", "get-sum"]));
      expect(r.skipped).toBe(0);
    } finally {
      await s.stop();
    }
  });

  it("sse mode, /sse (declared sse)", async () => {
    const s = await startEverything("sse");
    try {
      const r = await listRemoteTools({ url: `${s.url}/sse`, type: "sse" }, { limits });
      expect(r.transport).toBe("sse");
      expect(r.tools.map((t) => t.name)).toEqual(expect.arrayContaining(["echo", "get-sum"]));
    } finally {
      await s.stop();
    }
  });
});
