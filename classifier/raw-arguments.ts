// Raw-language arguments: a tool that takes SQL, a shell command, code, GraphQL or a query DSL to run,
// and whether its text limits what may be sent ("read-only", "SELECT only"). Pure, schema and text only.
import { QUERY_LANGUAGES } from "./lexicon.js";
import { readOnlyLimit } from "./query-limit.js";
import { schemaProperties, type PropertyView } from "./schema-arguments.js";
import type { ToolInput } from "./tool.js";

export const RAW_LANGUAGES = ["sql", "shell", "code", "graphql", "query-dsl", "expression"] as const;
export type RawLanguage = (typeof RAW_LANGUAGES)[number];

export interface RawArgument {
  /** The argument's name as the schema spells it. */
  name: string;
  language: RawLanguage;
  /** Whether the tool's or the argument's description limits what may be sent. */
  limited: boolean;
  /** The words that limit it, quoted. */
  limit?: string;
}

const EXEC_LANGUAGE: Record<string, RawLanguage> = { sql: "sql", command: "shell", code: "code", expression: "expression" };

// "code" and "expression" are often data (a country code, a filter): they count when described as run.
const RUN_WORDS = /\b(?:run|runs|execute|executes|executed|evaluate|evaluated|eval|shell|sql|script)\b/;

function queryLanguage(text: string): RawLanguage | undefined {
  return QUERY_LANGUAGES.find(([, words]) => words.test(text))?.[0];
}

/** Every argument of the tool that carries a language to run, with whether the text limits it (`props`: its schemaProperties). */
export function findRawArguments(tool: ToolInput, props: readonly PropertyView[] = schemaProperties(tool.inputSchema)): RawArgument[] {
  const toolText = () => `${tool.title ?? ""} ${tool.description ?? ""}`;
  const out: RawArgument[] = [];
  for (const p of props) {
    if (p.enumValues.length > 0) continue; // a choice among fixed values is not a language
    const exec = p.exec;
    // Only arguments that may carry a language have their description lower-cased: most have none.
    let language: RawLanguage | undefined;
    if (exec === "sql" || exec === "command") language = EXEC_LANGUAGE[exec];
    else if (exec && RUN_WORDS.test(p.description.toLowerCase())) language = EXEC_LANGUAGE[exec];
    else if (p.key === "query" || p.key === "queries" || p.key === "statement") language = queryLanguage(p.description.toLowerCase()) ?? queryLanguage(toolText().toLowerCase().slice(0, 300));
    if (!language) continue;
    const limit = readOnlyLimit(p.description) ?? readOnlyLimit(toolText());
    out.push({ name: p.name, language, limited: limit !== undefined, ...(limit ? { limit } : {}) });
  }
  return out;
}
