// `npm run eval`: the classifier on real servers it never saw. Leave-server-out cross-validation over the
// harvested corpus (vendor groups kept whole), the labelled fixtures as a second table, the rules-only baseline
// beside the final classifier on the same folds. `--json` prints the figures for scripts.
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { benchClassifier } from "../bench/classifier.js";
import { projectRoot } from "../../project-root.js";
import { runAsScript } from "../../run-as-script.js";
import { crossValidate, makeFolds, rowsOf, type Fit } from "./cross-validate.js";
import { labelledCount, loadDataset, type Dataset, type Table } from "./dataset.js";
import { injectionFigures, injectionMisses, injectionReport, injectionSection } from "./injection.js";
import { evaluate, missedTargets, type EvalReport, type EvalRow } from "./metrics.js";
import { confusionTable, disputedList, figureTable, measuredCause, oneLine, perClassTable, pct, worstServersList, type Column } from "./report.js";
import { contextOf, learned, rulesOnly } from "./systems.js";

const HELP = `npm run eval [-- options]

Leave-server-out cross-validation of the classifier on the harvested corpus (scripts/dev/corpus/data)
and on the labelled fixtures (tests/fixtures/labeled): servers of one vendor or monorepo stay in one
fold; the servers' own annotations are the labels and are hidden from the classifier. Then prompt injection:
the poisoned descriptions of scripts/dev/eval/injection/ flagged, and the corpus's real tools flagged.

  --folds N   at most N folds (default 10; never more than there are vendor groups with labels)
  --json      one JSON object on stdout: {corpus, leaveServerOut, baseline, injection}
  -h, --help  this text
`;

interface System {
  title: string;
  fit: Fit;
}

interface TableResult {
  table: Table;
  rows: Map<string, EvalRow[]>;
  reports: Column[];
}

/** Shares as the JSON carries them. */
function figures(r: EvalReport) {
  return { readAxis: r.readAxis.rate, threeWay: r.threeWayAgreement.rate, destructiveAsRead: r.destructiveAsRead.rate, calibration: r.calibration.rate };
}

function tableResult(data: Dataset, table: Table, predictions: ReadonlyMap<string, ReturnType<typeof crossValidate>>, systems: readonly System[]): TableResult {
  const rows = new Map<string, EvalRow[]>();
  const reports: Column[] = [];
  for (const s of systems) {
    const r = rowsOf(data, predictions.get(s.title)!, table);
    rows.set(s.title, r);
    reports.push({ title: s.title, report: evaluate(r) });
  }
  return { table, rows, reports };
}

function printTable(out: (...lines: string[]) => void, heading: string, t: TableResult): void {
  const final = t.reports[t.reports.length - 1]!;
  const finalRows = t.rows.get(final.title)!;
  const undisputed = t.reports.map((c) => ({ title: c.title, report: evaluate(t.rows.get(c.title)!.filter((r) => !r.disputed)) }));
  const disputedCount = finalRows.filter((r) => r.disputed).length;
  out(`## ${heading} (${final.report.tools} labelled tools, ${final.report.servers} servers)`, "");
  out(figureTable(t.reports), "");
  out(perClassTable(t.reports), "");
  out(`${confusionTable(final.report)} (${final.title})`, "");
  out(`### Without the ${disputedCount} disputed labels`, "");
  out(figureTable(undisputed), "");
  out(`### Worst servers (${final.title})`, "");
  out(worstServersList(final.report, 8, 6), "");
}

export function runEval(argv: readonly string[], out: (...lines: string[]) => void, log: (s: string) => void): number {
  const { values } = parseArgs({ args: [...argv], options: { folds: { type: "string", default: "10" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    out(HELP);
    return 0;
  }
  const maxFolds = Number(values.folds);
  if (!Number.isInteger(maxFolds) || maxFolds < 2) {
    log(`eval: --folds must be a whole number of at least 2 (got '${values.folds}')`);
    return 2;
  }
  const started = Date.now();
  const data = loadDataset(projectRoot());
  const folds = makeFolds(data, maxFolds);
  const systems: System[] = [
    { title: "rules only", fit: rulesOnly },
    { title: "rules + learned", fit: learned },
  ];
  const predictions = new Map<string, ReturnType<typeof crossValidate>>();
  for (const s of systems) {
    log(`eval: ${s.title} on ${folds.k} folds…`);
    predictions.set(s.title, crossValidate(data, folds, s.fit));
  }
  const corpus = tableResult(data, "corpus", predictions, systems);
  const fixtures = tableResult(data, "fixtures", predictions, systems);
  const corpusServers = data.servers.filter((s) => s.table === "corpus");
  const final = corpus.reports[corpus.reports.length - 1]!;
  const baseline = corpus.reports[0]!;
  const missed = missedTargets(final.report);
  const injection = injectionReport(projectRoot(), data);
  const injectionMissed = injectionMisses(injection);

  if (values.json) {
    out(
      JSON.stringify({
        corpus: {
          servers: corpusServers.length,
          tools: corpusServers.reduce((n, s) => n + s.tools.length, 0),
          labelled: corpusServers.reduce((n, s) => n + labelledCount(s), 0),
          packages: corpusServers.map((s) => (s.version ? `${s.server}@${s.version}` : s.server)),
        },
        leaveServerOut: figures(final.report),
        baseline: figures(baseline.report),
        injection: injectionFigures(injection),
      }),
    );
    return missed.length || injectionMissed.length ? 1 : 0;
  }

  const labelledServers = corpusServers.filter((s) => labelledCount(s) > 0);
  out(
    "# Classifier evaluation: leave-server-out",
    "",
    `Corpus: ${corpusServers.length} servers listed, ${corpusServers.reduce((n, s) => n + s.tools.length, 0)} tools; ` +
      `${labelledServers.reduce((n, s) => n + labelledCount(s), 0)} tools labelled by their servers' own hints, from ${labelledServers.length} servers ` +
      `in ${new Set(labelledServers.map((s) => s.group)).size} vendor groups. ${folds.k} folds; every server of a vendor or monorepo (npm scope, repository owner) in one fold; ` +
      `annotations hidden from the classifier.`,
    "",
  );
  printTable(out, "Corpus, leave-server-out", corpus);
  printTable(out, "Labelled fixtures, leave-server-out", fixtures);
  out("## Disputed labels (counted in every figure above; also shown without them)", "", disputedList([...corpus.rows.get(final.title)!, ...fixtures.rows.get(final.title)!]), "");
  if (missed.length) {
    out("## Targets missed (corpus, leave-server-out), with their measured cause", "");
    for (const m of missed) out(`- ${measuredCause(m, final.report, corpus.rows.get(final.title)!)}`);
  } else out(`All targets met on the corpus (read vs not-read ${pct(final.report.readAxis.rate)}, three-way ${pct(final.report.threeWayAgreement.rate)}).`);
  out("", ...injectionSection(injection, pct, oneLine));
  if (injectionMissed.length) out("", "Injection targets missed:", ...injectionMissed.map((m) => `- ${m}`));
  // Inference speed with the learned model: the whole classifyServer call, on one core, over the corpus's real tools.
  const speed = benchClassifier(corpusServers.map(contextOf), 2);
  out(
    "",
    "## Throughput",
    "",
    `classifyServer with the shipped learned model: ${speed.toolsPerSecond.toLocaleString("en-US")} tools/s on one core ` +
      `(${speed.tools.toLocaleString("en-US")} corpus tools classified in ${speed.seconds.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; target >= 100,000).`,
  );
  log(`eval: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return missed.length || injectionMissed.length ? 1 : 0;
}

runAsScript(import.meta.url, "eval", (argv) =>
  runEval(
    argv,
    (...lines) => process.stdout.write(`${lines.join("\n")}\n`),
    (s) => process.stderr.write(`${s}\n`),
  ),
);
