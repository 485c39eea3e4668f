// `serve --refresh-every`: the nightly refresh run inside the serving process, one run at a time, stopped on shutdown.
import type { Catalog } from "../db/client.js";
import { refresh, RefreshBusyError, type RefreshOptions, type RefreshSummary } from "../crawler/refresh.js";
import { setLongTimeout } from "../scripts/long-timer.js";

export interface RefreshLoopOptions {
  catalog: Catalog;
  everyMs: number;
  /** A fresh plan per run (its HTTP client closed after it). */
  plan: () => Promise<{ options: RefreshOptions; close: () => Promise<void> }>;
  report: (line: string) => void;
}

/** Runs a refresh every `everyMs` (counted from the end of the last); `stop` aborts a run under way and waits for it. */
export function startRefreshLoop(o: RefreshLoopOptions): { stop: () => Promise<void> } {
  const controller = new AbortController();
  let cancel: (() => void) | undefined;
  let running: Promise<void> | undefined;
  const runOnce = async () => {
    const plan = await o.plan();
    try {
      const summary: RefreshSummary = await refresh(o.catalog, { ...plan.options, signal: controller.signal });
      const s = summary.servers;
      const t = summary.tools;
      o.report(
        `refresh #${summary.runId} ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)} s: servers added ${s.added}, updated ${s.updated}, removed ${s.removed}; tools added ${t.added}, changed ${t.changed}, removed ${t.removed}`,
      );
      for (const f of summary.failures) o.report(`refresh: ${f.source ?? f.stage} failed: ${f.message}`);
    } catch (e) {
      if (controller.signal.aborted) return;
      o.report(e instanceof RefreshBusyError ? `refresh skipped: ${e.message}` : `refresh failed: ${(e as Error).message}`);
    } finally {
      await plan.close();
    }
  };
  const schedule = () => {
    if (controller.signal.aborted) return;
    // A monthly run is past one Node timer's longest wait (24.8 days), which would fire at once, run after run.
    cancel = setLongTimeout(() => {
      running = runOnce().finally(() => {
        running = undefined;
        schedule();
      });
    }, o.everyMs);
  };
  schedule();
  return {
    async stop() {
      controller.abort(new Error("the server is shutting down"));
      cancel?.();
      await running;
    },
  };
}
