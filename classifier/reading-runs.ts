// Runs that only read: SQL the text limits to reading (the read statements it lists, the SELECT it names, the
// writes it refuses) and an examination a running verb runs (a check, a scan, an audit).
import { BEYOND_EXAMINING, EVALUATED, EXAMINATIONS, EXAMINING_PURPOSES, PERSIST_WORDS, RUNNING_VERBS, SQL_WORDS, WRITING_QUERY_WORDS } from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import { quoteText } from "./quote.js";
import { TEXT_VERBS } from "./verb-tables.js";
import { undeniedMatch } from "./stated-effects.js";
import type { NameVerbHit } from "./name-verb.js";
import { clauseAfterVerb, CONJUNCTIONS, PREPOSITIONS, type DescriptionVerbHit } from "./description-verb.js";

/**
 * Read-only statements listed as all a tool runs: "one bounded SELECT, SHOW, DESCRIBE, DESC or EXPLAIN statement",
 * "only SELECT or EXPLAIN queries"; not examples of what it runs ("SELECT and SHOW queries return rows").
 */
export const READ_STATEMENTS_LISTED = /\b(?:only|one|single)\s+(?:[a-z-]+\s+)?(?:select|show|describe|desc|explain|pragma)(?:\s*(?:,|\/|\bor\b|\band\b)\s*(?:select|show|describe|desc|explain|pragma|with))+\s+(?:statements?|quer(?:y|ies))\b/;
/**
 * A query the text opens by running in a read-only mode or transaction: "Executes a SQL query on the connected database
 * in readonly mode (no data can be changed …)"; not a mode another sentence or another tool has ("Use postgres_query to
 * run queries in read-only mode", "INSERT is rejected in read-only mode"), nor one that is only a default or a case.
 */
const READ_ONLY_MODE_RUN = /^(?:executes?|runs?)\s+(?:(?:a|an|the|one)\s+)?(?:[a-z]+\s+)?(?:sql\s+)?(?:query|statement)\b[^.;,\n]{0,60}?\bin\s+(?:an?\s+)?read[- ]?only\s+(?:mode|transaction)\b/;
/** … a mode its sentence makes a default or one case ("… unless allow_write is set", "by default", "when readonly=true"). */
const MODE_ONLY_DEFAULT = /\b(?:unless|except|default|until|when|if|or)\b/;

/** The read-only run a text states (READ_ONLY_MODE_RUN), quoted, unless the text allows writes or makes it a default. */
export function readOnlyModeRun(lower: string): string | undefined {
  const m = READ_ONLY_MODE_RUN.exec(lower);
  if (!m || WRITES_PERMITTED.test(lower)) return undefined;
  const end = lower.slice(m.index).search(/[.;\n]/);
  return MODE_ONLY_DEFAULT.test(lower.slice(m.index, end < 0 ? undefined : m.index + end)) ? undefined : m[0];
}
/**
 * A SELECT named as what the tool runs, right after the verb (a query's noun, a read-only, a bound, "SQL" or an engine's
 * name between), in any language that spaces its words and in Chinese ("Execute a SELECT against …", "Run one read-only
 * SQLite SELECT", "Выполнить SELECT в Trino", "执行 SELECT 查询"): the statement's own name, in capitals, as a query
 * language writes it.
 */
const SELECT_RUN =
  /(?:^|[\s(])(?:[Rr]uns?|[Ee]xecutes?|[Вв]ыполни(?:ть|те|т)|[Вв]ыполняет|[Ee]jecuta(?:r)?|[Ee]xécute(?:r)?|[Ee]xecuta(?:r)?|[Ee]segu(?:e|ire)|[Ff]ührt|执行|執行)\s*(?:(?:a|an|one|single|un|une|uma|um|una|einen?|eine)\s+)?(?:(?:[Rr]ead-?[Oo]nly|[Bb]ounded|SQLite|DuckDB|PostgreSQL|Postgres|MySQL|SQL)\s+){0,2}(?:(?:query|consulta|requête|abfrage|запрос)\s+)?SELECT\b/;
/** The rows handed back, the one step a SELECT's sentence may go on to. */
const RETURNS_ROWS = /(?:\band (?:then )?returns?|\by devuelve|\bet renvoie|\bи возвращает|并返回|并且返回)/giu;
/**
 * What makes a SELECT named in its sentence not all the tool runs: a second step, another statement, SELECT … INTO, a
 * row lock, a slash before another statement ("Execute a SELECT and email the results", "Run SELECT or PL/SQL blocks",
 * "Execute SELECT and other statements", "Run a SQL SELECT/CTAS query").
 */
const SELECT_RUN_OTHER = /(?<!\p{L})(?:and|then|or|into|other|any|for update|и|или|затем|y|o|luego|et|ou|puis|und|oder|dann|e|depois)(?!\p{L})|[;；/]|并|然后/iu;
/** Writes the text allows anywhere ("Writes are allowed with confirm=true", "allow_writes"): the SELECT is not all it runs. */
const WRITES_PERMITTED = /\bwrites? (?:are|is) (?:allowed|permitted|enabled)\b|\ballow[_-]?writes?\b|\bwrite mode\b/i;

/** … or a clause after a comma that is more than a limit ("Ejecuta una consulta SELECT, guardando el resultado …", "，把结果插入"). */
const STEP_AFTER_COMMA = /[,，]\s*(?!(?:не|no|not|at most|up to|max|maximum|limit|limited|hasta|до|jusqu|bis|höchstens|máximo|massimo|最多|至多)(?!\p{L}))\p{L}/u;
/** An aside in brackets, which neither goes on to a step nor limits one ("в Trino (каталоги dwh, ch, lake)"). */
const PARENTHESES = /\([^)]*\)|（[^）]*）/g;

/**
 * The SELECT a text names as all its tool runs (SELECT_RUN), quoted, unless its sentence goes on to more
 * (SELECT_RUN_OTHER, STEP_AFTER_COMMA) or the text allows writes (WRITES_PERMITTED).
 */
export function selectRun(description: string): string | undefined {
  const m = SELECT_RUN.exec(description);
  if (!m || WRITES_PERMITTED.test(description)) return undefined;
  const rest = description.slice(m.index + m[0].length);
  // The sentence's end: a stop before a space, never an ellipsis ("SELECT ... INTO").
  const end = rest.search(/(?<!\.)[.!?。](?!\.)(?=\s|$)|\n/);
  const sentence = (end < 0 ? rest : rest.slice(0, end)).replace(RETURNS_ROWS, "").replace(PARENTHESES, "");
  return SELECT_RUN_OTHER.test(sentence) || STEP_AFTER_COMMA.test(sentence) ? undefined : m[0].trim();
}

/** SQL's statements that change data or schema, as a text lists them ("DROP, DELETE, INSERT, UPDATE"). */
const WRITE_STATEMENTS = "(?:insert|update|delete|drop|alter|truncate|create|replace|merge|grant|revoke)";
/** … and as a text names them anywhere, in capitals. */
const WRITE_STATEMENT_NAMED = /\b(?:INSERT|UPDATE|DELETE|DROP|ALTER|TRUNCATE|CREATE|REPLACE|MERGE|GRANT|REVOKE)\b/g;
/** A verb by which the tool refuses something, in the active voice, with "any" or "all" after it. */
const REFUSING = "\\b(?:rejects|refuses|blocks|forbids|disallows|prevents|prohibits)\\s+(?:any\\s+|all\\s+)?";
/**
 * Words that say the statements a text names are refused: "are rejected", or "rejects INSERT/UPDATE/DELETE", not writes
 * refused somewhere or with an exception ("Rejects writes to system tables", "rejects mutations unless allow_writes").
 */
const WRITES_REFUSED = new RegExp(
  `\\b(?:(?:are|is|get|gets)\\s+(?:rejected|refused|blocked|forbidden|disallowed|not allowed|not permitted)|${REFUSING}(?:writes|mutations|non-select(?:\\s+statements)?|insert\\s*[\\/,]\\s*update)\\b(?!\\s+(?:to|into|on|in)\\b))`,
);
/** A list of write statements a text says the tool refuses, whole: "prevents DROP, DELETE, INSERT, UPDATE". */
const REFUSED_STATEMENTS = new RegExp(`${REFUSING}(${WRITE_STATEMENTS}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b)\\s*${WRITE_STATEMENTS})+)`);
/** Words after a refused list that refuse it only somewhere or sometimes ("… on system tables", "… without a WHERE clause"). */
const REFUSAL_LIMITED = /^\s*(?:statements?|queries|commands)?\s*(?:to|into|on|in|without|that|which|for|when|if|of|from|against|with|affecting|outside|beyond)\b/;

/**
 * Whether a text refuses the write statements it names: all of them, in a list refused everywhere ("It prevents DROP,
 * DELETE, INSERT, UPDATE, and other dangerous statements"), never some while it runs others ("Execute SELECT, INSERT or
 * UPDATE. Prevents DROP and TRUNCATE", "can modify data through stored procedures") nor only in some places or cases.
 */
export function writesRefused(description: string, lower: string): boolean {
  if (WRITES_REFUSED.test(lower)) return true;
  const m = REFUSED_STATEMENTS.exec(lower);
  if (!m || REFUSAL_LIMITED.test(lower.slice(m.index + m[0].length))) return false;
  // A write the text allows elsewhere, in any case ("insert or upsert are supported", "can modify data"), stands.
  if (WRITE_ALLOWED.test(lower.slice(0, m.index) + lower.slice(m.index + m[0].length))) return false;
  const refused = new Set(m[1]!.match(/[a-z]+/g));
  return [...description.matchAll(WRITE_STATEMENT_NAMED)].every((w) => refused.has(w[0].toLowerCase()));
}
/** Words of a write a text may allow outside the list it refuses. */
const WRITE_ALLOWED = /\b(?:insert|upsert|update|delete|drop|alter|truncate|modif(?:y|ies|ied|ication)|writes?|mutations?|stored procedures?)\b/;
/** … unless the text makes an exception anywhere: "by default", "unless allow_writes", "when started in read-only mode". */
const REFUSAL_EXCEPTED = /\b(?:unless|except|otherwise|by default|allow[_-]?writes?|when (?:started|running|run) in)\b|\b(?:are|is) (?:allowed|permitted)\b/;
/**
 * A sentence that allows only reads ("Only SELECT queries are allowed", "Only SELECT and WITH queries are permitted"):
 * the limit itself, no exception, where it opens its sentence and names no case, place or purpose it holds for ("When
 * safe_mode is on, only SELECT …", "Only SELECT is allowed on replicas", "… allowed to run on the replica").
 */
const ONLY_READS_ALLOWED = /(?:^|[.;!?]\s+|\n\s*(?:[-*•]\s+)?)only\s+(?:select|read-only|readonly|reads?)\b[^.;:!?\n]{0,30}?\b(?:are|is)\s+(?:allowed|permitted)\b(?!\s+(?:on|in|when|if|for(?!\s+security)|to|unless|while|with|there)\b)/g;

/** Whether the text makes an exception to the writes it refuses, a sentence allowing only reads being none. */
export function refusalExcepted(lower: string): boolean {
  return REFUSAL_EXCEPTED.test(lower.includes("only") ? lower.replace(ONLY_READS_ALLOWED, "") : lower);
}

/**
 * Examinations that are queries, in English and as CJK_EXAMINED names them: one may be a statement that writes
 * (WRITABLE_QUERY, RESULT_KEPT).
 */
const QUERIES = new Set(["query", "queries", "查询", "查詢", "クエリ", "쿼리"]);
/** A keeping verb before what it keeps ("writes its", "saves the query"), and what is kept said in the passive. */
const KEEPING = "(?:writes?|saves?|stores?|persists?|inserts?|uploads?)\\s+(?:(?:its|the|their|each|all)\\s+)?(?:query\\s+)?";
const KEPT = "(?:written|saved|stored|persisted|inserted)";
/** A query's result kept: "writes its result to the stage", "results are written to the target bucket". */
const RESULT_KEPT = new RegExp(`\\b(?:${KEEPING}(?:results?|rows|output|answer|data)|(?:is|are) ${KEPT})\\b`);
/**
 * A read query's result the text says is kept, not denied: "writes its rows to the stage", "the result is saved to the
 * results table"; not "No data is written" nor where data already lives ("where all event data is stored").
 */
const QUERY_RESULT_KEPT = new RegExp(`\\b(?:${KEEPING}(?:results?|rows|output|answer)|(?:results?|rows|output|answers?)\\s+(?:is|are)\\s+(?:then\\s+|also\\s+)?${KEPT})\\b`);
/** Whether the text says a read query's result is kept (QUERY_RESULT_KEPT), where no negation before it denies it. */
export function queryResultKept(lower: string): boolean {
  return undeniedMatch(QUERY_RESULT_KEPT, lower) !== null;
}

/** What a query may be a writing statement of (SQL_WORDS, WRITING_QUERY_WORDS), as a word of the text. */
const WRITABLE_QUERY = new RegExp(`\\b(?:${[...SQL_WORDS, ...WRITING_QUERY_WORDS].join("|")})\\b`);

/** Running verbs of Chinese, Japanese and Korean descriptions. */
const CJK_RUNNING_VERBS = new Set(["运行", "運行", "执行", "執行", "実行", "실행"]);
/**
 * An examination named within a few characters after such a verb, in its clause: an analysis, a query, a check, a scan,
 * an audit, a test of a hypothesis, a diagnosis, a regression (group 1).
 */
const CJK_EXAMINED = /^[^。，,;；：:\n]{0,14}?(分析|查询|查詢|检查|檢查|扫描|掃描|审计|審計|检验|檢驗|诊断|診斷|回归|迴歸|検査|クエリ|쿼리|검사|분석|진단)/;

/** The examination a running verb runs ("run_audit", "Run security scan on …"), from the name or the description. */
export function examinationRun(
  nv: NameVerbHit | undefined,
  object: readonly string[],
  dv: DescriptionVerbHit | undefined,
  lowerDescription: string,
): { source: "name" | "description"; quote: string; runs: Category } | undefined {
  // A query run is an examination unless it may write: a statement in SQL or a graph language that also writes, a
  // mutation, a database's raw query ("Execute a Cypher query", "Run a query against the database"), or a result kept
  // ("Runs a read-only query and writes its result to the stage").
  const statementMayWrite = () => WRITABLE_QUERY.test(lowerDescription) || RESULT_KEPT.test(lowerDescription);
  const mayWrite = lowerDescription.includes("quer") && statementMayWrite();
  const examined = (verb: string) => (o: string) => (EXAMINATIONS.has(o) && !(mayWrite && QUERIES.has(o))) || (verb === "evaluate" && EVALUATED.has(o));
  if (nv && RUNNING_VERBS.has(nv.verb)) {
    const w = object.find(examined(nv.verb));
    if (w) return { source: "name", quote: `${nv.verb} ${w}`, runs: nv.category };
  }
  // … and in Chinese, Japanese or Korean, the examination right after the running verb ("运行线性回归分析", "执行结构化查询
  // DSL"), a query only where nothing says it may write.
  if (dv && CJK_RUNNING_VERBS.has(dv.verb)) {
    const at = lowerDescription.indexOf(dv.verb);
    const m = CJK_EXAMINED.exec(lowerDescription.slice(at + dv.verb.length));
    if (m && !(QUERIES.has(m[1]!) && statementMayWrite())) return { source: "description", quote: `${dv.verb}${m[0]}`, runs: dv.category };
  }
  if (dv && RUNNING_VERBS.has(dv.verb)) {
    // The examination may sit behind its qualifiers ("Runs security and performance lint checks against the schema"),
    // unless the text says the run writes ("Build tools may … write local caches").
    const unsaved = dv.first && !PERSIST_WORDS.test(lowerDescription);
    const w = dv.object.find(examined(dv.verb)) ?? (unsaved ? clauseAfterVerb(dv.quote).find(examined(dv.verb)) : undefined);
    if (w) return { source: "description", quote: `${dv.verb} ${dv.object.slice(0, dv.object.indexOf(w) + 1).join(" ")}`, runs: dv.category };
    const purpose = unsaved ? examiningPurpose(lowerDescription) : undefined;
    if (purpose) return { source: "description", quote: purpose, runs: dv.category };
  }
  return undefined;
}

/**
 * A program's purpose after the few words naming it: "Run masscan for high-speed port scanning", "Run whatweb to
 * identify web technologies". Group 1 is the preposition, group 2 up to five words of the purpose.
 */
const RUN_PURPOSE = /^\S+\s+(?:[^\s.,;:()]+\s+){1,3}?(for|to)\s+((?:[^\s.,;:()]+\s*){1,5})/;

/**
 * The purpose a program is run for, quoted, when it examines: its head (the verb after "to", the last noun after
 * "for", before any preposition) examines, and no change is joined to it ("to find and replace text") nor an attack
 * ("for detection and exploitation").
 */
function examiningPurpose(lower: string): string | undefined {
  const m = RUN_PURPOSE.exec(lower);
  if (!m) return undefined;
  const all = m[2]!.trim().split(/\s+/);
  const end = all.findIndex((w) => PREPOSITIONS.has(w));
  const words = end > 0 ? all.slice(0, end) : all;
  const head = m[1] === "to" ? words[0]! : words.at(-1)!;
  if (!EXAMINING_PURPOSES.has(head) || words.some((w) => BEYOND_EXAMINING.has(w))) return undefined;
  const joinsChange = words.some((w, i) => i > 0 && CONJUNCTIONS.has(words[i - 1]!) && (TEXT_VERBS.get(w)?.category ?? "read") !== "read");
  return joinsChange ? undefined : quoteText(m[0], 60);
}
