// `npm run eval`: the classifier on real servers it never saw. Leave-server-out cross-validation over the
// harvested corpus (vendor groups kept whole), the labelled fixtures as a second table, the rules-only baseline
// beside the final classifier on the same folds. `--json` prints the figures for scripts.
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { benchClassifier } from "../bench/classifier.js";
import { projectRoot } from "../../project-root.js";
import { printError, printLine, runAsScript } from "../../run-as-script.js";
import { crossValidate, makeFolds, rowsOf, type Fit, type Prediction } from "./cross-validate.js";
import { labelledCount, loadDataset, type Dataset, type ServerData, type Table } from "./dataset.js";
import { injectionFigures, injectionMisses, injectionReport, injectionSection } from "./injection.js";
import { evaluate, missedTargets, TARGETS, type EvalReport, type EvalRow } from "./metrics.js";
import { calibrationSection, confusionTable, disputedList, figureTable, measuredCause, oneLine, perClassTable, pct, worstServersList, type Column } from "./report.js";
import { contextOf } from "./server-readings.js";
import { learned, learnedClassifications, rulesOnly } from "./systems.js";
import type { ModelReviewStats } from "../../../crawler/model-review.js";
import { CliError } from "../../command.js";
import { wholeNumber } from "../../whole-number.js";
import { DEFAULT_LLM_THRESHOLD, loadConfig } from "../../config.js";
import { modelReviewConfig, reviewClient, reviewSettings, reviewSummary } from "../../model-review-setup.js";
import { calibrationCurve, chooseThreshold } from "./calibration.js";
import { reviewedPredictions } from "./model-pass.js";
import { fromGithubReport, type FromGithubReport } from "./from-github.js";
import { fromSourceReport, type FromSourceReport } from "./from-source.js";
import { ourLabelsReport, type OurLabelsReport } from "./our-labels.js";
import { probeReports, type ProbeSetReport } from "./probes.js";
import { shippedModel } from "../../../classifier/model.js";

const HELP = `npm run eval [-- options]

Leave-server-out cross-validation of the classifier on the harvested corpus (scripts/dev/corpus/data)
and on the labelled fixtures (tests/fixtures/labeled): servers of one vendor or monorepo stay in one
fold; the servers' own annotations are the labels and are hidden from the classifier. Then prompt injection:
the poisoned descriptions of scripts/dev/eval/injection/ flagged, the benign ones there flagged, and the corpus's real tools flagged.
Last, the probe sets of scripts/dev/eval/probes/: tools of our own wording and labels, written without reading the
classifier, never trained on; real corpus tools of servers that declare no hints, labelled by us blind
(scripts/dev/eval/our-labels.jsonl); and real tools of servers that could not be listed here, read from their published
files (scripts/dev/eval/from-source.jsonl.gz): by the hints some of them declare, and by our blind labels.

  --folds N         at most N folds (default 10; never more than there are vendor groups with labels)
  --llm             also the model review, against the endpoint the environment names (OPENAI_API_KEY or
                    OPENAI_BASE_URL, CATALOG_LLM_MODEL, CATALOG_LLM_THRESHOLD …, as for refresh): a column
                    "with model" beside the others, and the review's calls, tokens and cost
  --llm-threshold X review the labelled tools with confidence below X (default CATALOG_LLM_THRESHOLD)
  --llm-budget N    at most N model calls
  --corpus-only     only the corpus's and the fixtures' leave-server-out tables, the model review and the
                    calibration curve: none of the held-out sets, the injection figures or the throughput
  --json            one JSON object on stdout: {corpus, leaveServerOut, baseline, withModel?, modelReview?,
                    calibration, injection, probes, ourLabels, fromSource, fromGithub} (the last five left
                    out with --corpus-only)
  -h, --help        this text
`;

/** The shipped classifier's column: the targets and the calibration curve are read from it. */
const FINAL = "rules + learned";
const WITH_MODEL = "rules + learned + model";

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

/** A table row: its own cells, then the figures every set of labels shows (read vs not-read, three-way, destructive classified read). */
function figuresRow(cells: readonly (string | number)[], e: EvalReport): string {
  return `| ${[...cells, pct(e.readAxis.rate), pct(e.threeWayAgreement.rate), `${e.destructiveAsRead.right}/${e.destructiveAsRead.total}`].join(" | ")} |`;
}

/** The probe sets' figures, one row per set and classifier, beside the corpus's targets. */
function probeSection(probes: readonly ProbeSetReport[]): string[] {
  const row = (p: ProbeSetReport, title: string, r: EvalReport) => figuresRow([`${p.name} (${p.tools} tools, ${p.servers} servers)`, title], r);
  return [
    "## Probe sets of our own wording (labels ours, written without reading the classifier; never trained on)",
    "",
    "| set | classifier | read vs not-read | three-way | labelled destructive, classified read |",
    "| --- | --- | --- | --- | --- |",
    ...probes.flatMap((p) => [row(p, "rules only", p.rulesOnly), row(p, FINAL, p.learned)]),
  ];
}

/** The real tools we labelled: the rules alone, the shipped design, and the shipped design on the sure labels. */
function ourLabelsSection(r: OurLabelsReport): string[] {
  const row = (title: string, e: EvalReport) => figuresRow([title, e.tools], e);
  return [
    `## Real corpus tools labelled by us, blind (${r.tools} tools of ${r.servers} servers that declare no hints; ${r.unsure} labels marked unsure)`,
    "",
    "| classifier | tools | read vs not-read | three-way | labelled destructive, classified read |",
    "| --- | --- | --- | --- | --- |",
    row("rules only", r.rulesOnly),
    row(FINAL, r.learned),
    row(`${FINAL}, sure labels only`, r.learnedSure),
  ];
}

/** The tools read from their servers' published files: by the hints some declare, and by our labels. */
function fromSourceSection(r: FromSourceReport): string[] {
  const row = (labels: string, title: string, e: EvalReport) => figuresRow([labels, title, e.tools], e);
  const declared = `the hints ${r.declared.servers} servers declare`;
  const ours = `ours, blind (${r.ours.servers} servers)`;
  return [
    `## Real tools read from the files of servers that could not be listed here (${r.tools} tools of ${r.servers} servers; never trained on)`,
    "",
    "| labels | classifier | tools | read vs not-read | three-way | labelled destructive, classified read |",
    "| --- | --- | --- | --- | --- | --- |",
    row(declared, "rules only", r.declared.rulesOnly),
    row(declared, FINAL, r.declared.learned),
    row(ours, "rules only", r.ours.rulesOnly),
    row(ours, FINAL, r.ours.learned),
    row(`ours, the sure ones (${r.ours.unsure} unsure left out)`, FINAL, r.ours.learnedSure),
  ];
}

/** The tools of servers published only as source, read from the public-code index: by the hints they declare. */
function fromGithubSection(r: FromGithubReport): string[] {
  const row = (title: string, e: EvalReport) => figuresRow([title, e.tools], e);
  return [
    `## Real tools read from servers' public source on GitHub (${r.tools} tools of ${r.servers} servers, labelled by the hints they declare; never trained on)`,
    "",
    "| classifier | tools | read vs not-read | three-way | labelled destructive, classified read |",
    "| --- | --- | --- | --- | --- |",
    row("rules only", r.rulesOnly),
    row(FINAL, r.learned),
    ...r.batches.map((b) => row(`${FINAL}, batch ${b.batch}`, b.learned)),
    "",
    `Prompt injection flagged on these real tools: ${r.injectionFlagged}/${r.tools} (${pct(r.injectionFlagged / r.tools)}; target at most 1%).`,
  ];
}

function tableResult(data: Dataset, table: Table, predictions: ReadonlyMap<string, ReadonlyMap<ServerData, Prediction[]>>, systems: readonly System[]): TableResult {
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
  const final = t.reports.find((c) => c.title === FINAL)!;
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

/** The model review as --llm and the environment ask for it, or the one-line reason it cannot run. */
async function modelSettings(values: { llm?: boolean; "llm-threshold"?: string; "llm-budget"?: string }, env: NodeJS.ProcessEnv) {
  if (!values.llm) return undefined;
  try {
    const config = loadConfig(env, process.cwd());
    const settings = reviewSettings(config, { llm: true, ...(values["llm-threshold"] !== undefined ? { threshold: values["llm-threshold"] } : {}), ...(values["llm-budget"] !== undefined ? { budget: values["llm-budget"] } : {}) })!;
    return { client: await reviewClient(config), config: modelReviewConfig(config, settings) };
  } catch (e) {
    if (e instanceof CliError) return { error: e.message };
    throw e;
  }
}

/** The sets the classifier was never fitted on, each classified by the shipped design: what `--corpus-only` leaves out. */
function heldOutReports(data: Dataset) {
  return {
    injection: injectionReport(projectRoot(), data),
    probes: probeReports(projectRoot(), shippedModel()),
    ourLabels: ourLabelsReport(projectRoot(), data, shippedModel()),
    fromSource: fromSourceReport(projectRoot(), shippedModel()),
    fromGithub: fromGithubReport(projectRoot(), shippedModel()),
  };
}

/** The held-out sets' figures in `--json`'s shape. */
function heldOutFigures({ injection, probes, ourLabels, fromSource, fromGithub }: ReturnType<typeof heldOutReports>) {
  return {
    injection: injectionFigures(injection),
    probes: probes.map((p) => ({ set: p.name, tools: p.tools, servers: p.servers, rulesOnly: figures(p.rulesOnly), learned: figures(p.learned) })),
    ourLabels: { tools: ourLabels.tools, servers: ourLabels.servers, unsure: ourLabels.unsure, rulesOnly: figures(ourLabels.rulesOnly), learned: figures(ourLabels.learned), learnedSure: figures(ourLabels.learnedSure) },
    fromSource: {
      servers: fromSource.servers,
      tools: fromSource.tools,
      declared: { servers: fromSource.declared.servers, tools: fromSource.declared.learned.tools, rulesOnly: figures(fromSource.declared.rulesOnly), learned: figures(fromSource.declared.learned) },
      ours: {
        servers: fromSource.ours.servers,
        tools: fromSource.ours.learned.tools,
        unsure: fromSource.ours.unsure,
        rulesOnly: figures(fromSource.ours.rulesOnly),
        learned: figures(fromSource.ours.learned),
        learnedSure: figures(fromSource.ours.learnedSure),
      },
    },
    fromGithub: { servers: fromGithub.servers, tools: fromGithub.tools, rulesOnly: figures(fromGithub.rulesOnly), learned: figures(fromGithub.learned), batches: fromGithub.batches.map((b) => ({ batch: b.batch, tools: b.learned.tools, learned: figures(b.learned) })), injectionFlagged: fromGithub.injectionFlagged },
  };
}

export async function runEval(argv: readonly string[], out: (...lines: string[]) => void, log: (s: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      folds: { type: "string", default: "10" },
      llm: { type: "boolean", default: false },
      "corpus-only": { type: "boolean", default: false },
      "llm-threshold": { type: "string" },
      "llm-budget": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    out(HELP);
    return 0;
  }
  const maxFolds = wholeNumber(String(values.folds), { min: 2 });
  if (maxFolds === undefined) {
    log(`eval: --folds must be a whole number of at least 2 (got '${values.folds}')`);
    return 2;
  }
  const review = await modelSettings(values, env);
  if (review && "error" in review) {
    log(`eval: ${review.error}`);
    return 2;
  }
  const started = Date.now();
  const data = loadDataset(projectRoot());
  const folds = makeFolds(data, maxFolds);
  const systems: System[] = [
    { title: "rules only", fit: rulesOnly },
    { title: "rules + learned", fit: learned },
  ];
  const predictions = new Map<string, Map<ServerData, Prediction[]>>();
  for (const s of systems) {
    log(`eval: ${s.title} on ${folds.k} folds…`);
    predictions.set(s.title, crossValidate(data, folds, s.fit));
  }
  let modelReview: ModelReviewStats | undefined;
  if (review) {
    log(`eval: ${WITH_MODEL} (${review.config.model}, threshold ${review.config.threshold}) on ${folds.k} folds…`);
    const reviewed = await reviewedPredictions(crossValidate(data, folds, learnedClassifications), review.client, review.config);
    predictions.set(WITH_MODEL, reviewed.predictions);
    systems.push({ title: WITH_MODEL, fit: learned });
    modelReview = reviewed.stats;
  }
  const corpus = tableResult(data, "corpus", predictions, systems);
  const fixtures = tableResult(data, "fixtures", predictions, systems);
  const corpusServers = data.servers.filter((s) => s.table === "corpus");
  const final = corpus.reports.find((c) => c.title === FINAL)!;
  const baseline = corpus.reports[0]!;
  const withModel = corpus.reports.find((c) => c.title === WITH_MODEL);
  const curve = calibrationCurve(corpus.rows.get(FINAL)!);
  const missed = missedTargets(final.report);
  const heldOut = values["corpus-only"] ? undefined : heldOutReports(data);
  const injectionMissed = heldOut ? injectionMisses(heldOut.injection) : [];

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
        ...(withModel ? { withModel: figures(withModel.report) } : {}),
        ...(modelReview ? { modelReview } : {}),
        calibration: { ...curve, chosenThreshold: chooseThreshold(curve, TARGETS.calibration) ?? null, defaultThreshold: DEFAULT_LLM_THRESHOLD },
        ...(heldOut ? heldOutFigures(heldOut) : {}),
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
  if (modelReview) out(`Model review (${WITH_MODEL} column): ${reviewSummary(modelReview)}.`, "");
  out(...calibrationSection(curve, TARGETS.calibration, DEFAULT_LLM_THRESHOLD), "");
  printTable(out, "Labelled fixtures, leave-server-out", fixtures);
  out("## Disputed labels (counted in every figure above; also shown without them)", "", disputedList([...corpus.rows.get(final.title)!, ...fixtures.rows.get(final.title)!]), "");
  if (missed.length) {
    out("## Targets missed (corpus, leave-server-out), with their measured cause", "");
    for (const m of missed) out(`- ${measuredCause(m, final.report, corpus.rows.get(final.title)!)}`);
  } else out(`All targets met on the corpus (read vs not-read ${pct(final.report.readAxis.rate)}, three-way ${pct(final.report.threeWayAgreement.rate)}).`);
  if (heldOut) {
    out("", ...injectionSection(heldOut.injection, pct, oneLine));
    if (injectionMissed.length) out("", "Injection targets missed:", ...injectionMissed.map((m) => `- ${m}`));
    out("", ...probeSection(heldOut.probes));
    out("", ...ourLabelsSection(heldOut.ourLabels));
    out("", ...fromSourceSection(heldOut.fromSource));
    out("", ...fromGithubSection(heldOut.fromGithub));
    // Inference speed with the learned model: the whole classifyServer call, on one core, over the corpus's real tools.
    const speed = benchClassifier(corpusServers.map(contextOf), 2);
    out(
      "",
      "## Throughput",
      "",
      `classifyServer with the shipped learned model: ${speed.toolsPerSecond.toLocaleString("en-US")} tools/s on one core ` +
        `(${speed.tools.toLocaleString("en-US")} corpus tools classified in ${speed.seconds.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; target >= 100,000).`,
    );
  }
  log(`eval: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return missed.length || injectionMissed.length ? 1 : 0;
}

runAsScript(import.meta.url, "eval", (argv) => runEval(argv, (...lines) => printLine(lines.join("\n")), printError));
