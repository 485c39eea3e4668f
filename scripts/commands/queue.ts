// `mcp-catalog queue`: what the listing queue holds, by mode, with the oldest wait and the last failures.
import { deadLetterQueue, LISTING_QUEUES, openListingQueue } from "../../crawler/listing-queue.js";
import type { IntrospectMode } from "../../crawler/listing.js";
import { lastListingFailures, listingJobStates, QUEUE_SCHEMA } from "../../db/listing-jobs.js";
import type { Command } from "../command.js";
import { loadConfig, requireQueueDatabase } from "../config.js";
import { withCatalog } from "../open-catalog.js";
import { nameText, safeText } from "../terminal.js";

const STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
/** The counts by mode as --json names them, each with its column's heading in the text (ModeCounts: one the text lacks fails the typecheck). */
const COLUMNS = [
  ["queued", "queued"],
  ["retry", "retry"],
  ["active", "active"],
  ["completed", "completed"],
  ["cancelled", "cancelled"],
  ["failed", "failed"],
  ["deadLettered", "dead-lettered"],
] as const;
const LAST_FAILURES = 10;

export const command: Command = {
  name: "queue",
  summary: "The live-listing queue: queued, active, completed, failed and dead-lettered jobs by mode, the oldest wait, the last failures",
  usage: "[--json]",
  details: "Needs Postgres (DATABASE_URL). Exit codes: 0 shown; 1 the catalog cannot be opened (Postgres unreachable, no such database); 2 bad arguments or no Postgres.",
  options: {
    json: { type: "boolean", description: "Print {modes: {<mode>: {queued, retry, active, completed, cancelled, failed, deadLettered, oldestWaitingSeconds}}, lastFailures: [{server, at, error}]} as JSON" },
  },
  async run(args, io) {
    const config = loadConfig(io.env, io.cwd);
    const databaseUrl = requireQueueDatabase(config, "queue");
    const report = await withCatalog(io, config, async (catalog) => {
      // Starting pg-boss creates its schema and our queues when this is the first command to use them.
      const boss = await openListingQueue(databaseUrl, config.queue, { supervise: false });
      await boss.stop({ graceful: false, wait: true });
      const names = Object.values(LISTING_QUEUES).flatMap((q) => [q, deadLetterQueue(q)]);
      const states = await listingJobStates(catalog.db, QUEUE_SCHEMA, names);
      const modes = Object.fromEntries(
        (Object.keys(LISTING_QUEUES) as IntrospectMode[]).map((mode) => {
          const queue = LISTING_QUEUES[mode];
          const of = (state: string, q = queue) => states.find((s) => s.queue === q && s.state === state);
          const count = (state: string) => of(state)?.count ?? 0;
          const waits = [of("created")?.oldestWaitingSeconds, of("retry")?.oldestWaitingSeconds].filter((w): w is number => typeof w === "number");
          const deadLettered = STATES.reduce((n, s) => n + (of(s, deadLetterQueue(queue))?.count ?? 0), 0);
          return [mode, { queued: count("created"), retry: count("retry"), active: count("active"), completed: count("completed"), cancelled: count("cancelled"), failed: count("failed"), deadLettered, oldestWaitingSeconds: waits.length ? Math.max(...waits) : null }];
        }),
      );
      const lastFailures = (await lastListingFailures(catalog.db, LAST_FAILURES)).map((f) => ({ server: f.key, at: f.at, error: f.error }));
      return { modes, lastFailures };
    });
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    io.stdout.write(queueText(report));
    return 0;
  },
};

type ModeCounts = Record<(typeof COLUMNS)[number][0], number> & { oldestWaitingSeconds: number | null };

/** The text table (pure): a column per count `--json` gives, in its order, then the oldest wait and the last failures. */
export function queueText(report: { modes: Record<string, ModeCounts>; lastFailures: { server: string; at: string; error: string }[] }): string {
  const cells = (first: string, values: readonly string[], last: string) => [first.padEnd(8), ...values.map((v, i) => v.padStart(COLUMNS[i]![1].length)), last].join("  ");
  const lines = [cells("mode", COLUMNS.map(([, label]) => label), "oldest wait")];
  for (const [mode, m] of Object.entries(report.modes)) {
    lines.push(cells(mode, COLUMNS.map(([key]) => String(m[key])), m.oldestWaitingSeconds === null ? "-" : `${m.oldestWaitingSeconds} s`));
  }
  lines.push("", report.lastFailures.length ? "last failures:" : "last failures: none");
  for (const f of report.lastFailures) lines.push(`  ${f.at}  ${nameText(f.server)}: ${safeText(f.error).slice(0, 300)}`);
  return `${lines.join("\n")}\n`;
}
