// Headless Chromium for the page tests: Debian's build (CHROMIUM_PATH elsewhere), driven through playwright-core.
import { chromium, type Browser } from "playwright-core";

/** `args`: more switches, e.g. `--host-resolver-rules` sending a name to 127.0.0.1 (never anywhere else). */
export async function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync", ...args],
  });
}
