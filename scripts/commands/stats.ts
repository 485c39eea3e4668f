// `mcp-catalog stats`: what the catalog holds and how the last run went.
import type { LastCrawl } from "../../db/runs.js";
import type { Command } from "../command.js";
import { reviewSummary } from "../model-review-setup.js";
import { loadConfig } from "../config.js";
import { plural } from "../../classifier/plural.js";
import { READER_EXIT_CODES, readerWait, WAIT_OPTION, withCatalog } from "../open-catalog.js";
import { queuedListingsText } from "../queued-listings.js";
import { statsReport } from "../stats-report.js";
import { classifiedNowText } from "../verdict-counts.js";
import { safeText } from "../terminal.js";

/** What a source's last crawl cost, 304s beside the requests they answered. */
function lastCrawlText(c: LastCrawl): string {
  const details = c.details ? `, ${c.details} detail pages (${c.detailsNotModified} answered 304)` : "";
  return `last crawl #${c.runId}: ${plural(c.requests, "request")}, ${plural(c.pages, "page")} (${c.notModified} answered 304)${details}`;
}

export const command: Command = {
  name: "stats",
  summary: "Counts of servers (by status, grade, annotation coverage, toxic flows), tools and classified tools, and the last run",
  usage: "[--wait SECONDS] [--json]",
  details: ["Exit codes: 0 printed (an empty catalog included); 2 bad arguments.", READER_EXIT_CODES].join("\n"),
  options: {
    json: {
      type: "boolean",
      description:
        "Print {servers: {total, active, deprecated, deleted, gone}, remotes: {open, needsAuth}, tools, cachedModelAnswers, merged, sources: {<source>: {records, servers, only, lastCrawl: {runId, pages, notModified, details, detailsNotModified, requests, records, skipped}}}, grades, annotationCoverage, toxicFlows, classified, classifiedNow, modelReviewed, byCategoryRisk: [{category, risk, tools}], lastRun: {…, review, queued: {enqueued, alreadyQueued, jobs}, error, failures}} as JSON",
    },
    ...WAIT_OPTION,
  },
  async run(args, io) {
    const config = loadConfig(io.env, io.cwd);
    const stats = await withCatalog(io, config, (catalog) => statsReport(catalog.db), {
      wait: readerWait(args.values.wait, config, io, "stats"),
    });
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(stats)}\n`);
      return 0;
    }
    const s = stats.servers;
    const lines = [
      `servers     ${s.total} (active ${s.active}, deprecated ${s.deprecated}, deleted ${s.deleted}, gone ${s.gone})`,
      `remotes     open ${stats.remotes.open}, needs auth ${stats.remotes.needsAuth} (as listed live)`,
      `tools       ${stats.tools}`,
      `classified  ${stats.classified} (${stats.modelReviewed} reviewed by a model; ${stats.cachedModelAnswers} model answers cached)`,
      ...(stats.classifiedNow ? [`            ${classifiedNowText(stats.classifiedNow)}`] : []),
      `merged      ${plural(stats.merged, "server")} seen in more than one source`,
      ...Object.entries(stats.sources).map(
        ([name, c], i) => `${i === 0 ? "sources     " : "            "}${name.padEnd(9)} ${plural(c.records, "record")}, ${plural(c.servers, "server")}, ${c.only} found only there${c.lastCrawl ? `; ${lastCrawlText(c.lastCrawl)}` : ""}`,
      ),
      `grades      ${Object.entries(stats.grades).map(([grade, n]) => `${grade} ${n}`).join(", ")} (servers with tools)`,
      `annotations full ${stats.annotationCoverage.full}, partial ${stats.annotationCoverage.partial}, none ${stats.annotationCoverage.none} (servers declaring MCP's hints)`,
      `toxic flows ${plural(stats.toxicFlows, "server")}`,
    ];
    const run = stats.lastRun;
    if (run) {
      const counts = run.servers;
      lines.push(
        `last run    #${run.id} ${run.status}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ""}`,
        `            servers added ${counts.added ?? 0}, updated ${counts.updated ?? 0}, unchanged ${counts.unchanged ?? 0}, removed ${counts.removed ?? 0}`,
      );
      if (run.queued) lines.push(`            ${queuedListingsText(run.queued)}`);
      if (run.review) lines.push(`            ${reviewSummary(run.review)}`);
      // The run record's failures, typed: where, what kind, the status and URL when a request failed (redacted as
      // read, db/queries.ts catalogStats).
      for (const f of run.failures) {
        const detail = [f.kind, f.status, f.url].filter((x) => x !== undefined).join(" ");
        lines.push(`            failed: ${f.source ?? f.stage} (${safeText(detail)}): ${safeText(f.message)}`);
      }
      if (run.error && run.failures.length === 0) lines.push(`            error: ${safeText(run.error)}`);
    } else {
      lines.push("last run    none yet (run `mcp-catalog refresh`)");
    }
    io.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  },
};
