// `mcp-catalog serve` as a real child process of the compiled CLI: its address, its stderr, and a SIGTERM to stop it.
import { spawn, type ChildProcess } from "node:child_process";

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `mcp-catalog serve --port 0 …args` (run `npm run build` first) and waits for its "serving … on http://…" line. */
export async function startServeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, ["bin/mcp-catalog.js", "serve", "--port", "0", ...args], {
    env: { PATH: process.env.PATH, CATALOG_INTROSPECT: "none", GLAMA_URL: "http://127.0.0.1:9", SMITHERY_URL: "http://127.0.0.1:9", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8");
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: string) => {
      err += chunk;
      const m = / on (http:\/\/[^\s]+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before listening: ${err}`)));
  });
  return {
    url,
    child,
    stderr: () => err,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
