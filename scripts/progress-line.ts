// Draws refresh progress on a terminal: one live line per source with counts and rate.
import type { ProgressReporter, SourceProgress } from "../crawler/progress.js";
import { silentProgress } from "../crawler/progress.js";
import type { Output } from "./command.js";
import { safeText } from "./terminal.js";
import { plural } from "../classifier/plural.js";

function line(p: SourceProgress): string {
  const secs = Math.max(0.001, (Date.now() - p.startedAt) / 1000);
  const rate = Math.round(p.records / secs);
  return `${p.source} (${p.mode}): ${plural(p.pages, "page")}, ${plural(p.records, "record")}, ${p.skipped} skipped, ${plural(p.requests, "request")}, ${rate} records/s`;
}

/** Live lines on a TTY; nothing at all otherwise, so cron mail stays empty on success. */
export function terminalProgress(err: Output): ProgressReporter {
  if (!err.isTTY) return silentProgress;
  let lastDraw = 0;
  return {
    sourceStarted(p) {
      err.write(`\r\u001b[K${line(p)}`);
    },
    pageDone(p) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      err.write(`\r\u001b[K${line(p)}`);
    },
    sourceDone(p, error) {
      err.write(`\r\u001b[K${line(p)}${error ? ` — failed: ${safeText(error)}` : " — done"}\n`);
    },
  };
}
