// Progress events of a refresh; the CLI draws them on a terminal, tests and cron ignore them.
import type { SourceName } from "./records.js";

export interface SourceProgress {
  source: SourceName;
  mode: "full" | "incremental";
  pages: number;
  requests: number;
  records: number;
  skipped: number;
  startedAt: number;
}

export interface ProgressReporter {
  sourceStarted(p: SourceProgress): void;
  pageDone(p: SourceProgress): void;
  sourceDone(p: SourceProgress, error?: string): void;
}

export const silentProgress: ProgressReporter = {
  sourceStarted() {},
  pageDone() {},
  sourceDone() {},
};
