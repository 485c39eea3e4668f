// The evaluation packages' repositories, kept in a committed list: the only registry request that names an evaluation package reads its repository, so that its siblings are refused too.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { HttpError, type HttpClient } from "../../../crawler/http.js";
import { manifestRepository, npmManifestSchema } from "../../../crawler/sources/npm-manifest.js";
import { npmManifestUrl } from "../../../crawler/sources/npm-registry.js";
import { repositoryKey } from "./excluded.js";

export const DEFAULT_EXCLUDED_REPOSITORIES_FILE = "scripts/dev/corpus/excluded-repositories.txt";

const HEADER = `# Repositories of the evaluation packages (../shared/eval/excluded-packages.txt), as their npm manifests declare them.
# A candidate whose repository is one of these is refused like an evaluation package. Written by \`npm run corpus -- --refresh-excluded-repositories\`.
`;

/** Pure: one repository a line (\`#\` comments, blank lines ignored), each as its normal key. */
export function parseRepositoryList(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean)
    .map((l) => repositoryKey(l) ?? l.toLowerCase());
}

/** Pure: the file's text, repositories sorted and once each. */
export function formatRepositoryList(repositories: Iterable<string>): string {
  const keys = [...new Set([...repositories].map((r) => repositoryKey(r)).filter((k): k is string => k !== undefined))].sort();
  return HEADER + keys.map((k) => `https://${k}\n`).join("");
}

export function readRepositoryList(file: string): string[] | undefined {
  return existsSync(file) ? parseRepositoryList(readFileSync(file, "utf8")) : undefined;
}

export function writeRepositoryList(file: string, repositories: Iterable<string>): void {
  writeFileSync(file, formatRepositoryList(repositories));
}

export interface RepositoryLookup {
  repositories: string[];
  /** Evaluation packages whose manifest names no readable repository, or could not be read (counted, never named). */
  unresolved: number;
}

/**
 * The repositories the evaluation packages' latest manifests declare. Reads nothing else of them (no
 * install, no tools, no text): the repository field is all the exclusion needs.
 */
export async function lookUpRepositories(names: readonly string[], o: { http: HttpClient; registryUrl: string; signal?: AbortSignal }): Promise<RepositoryLookup> {
  const repositories = new Set<string>();
  let unresolved = 0;
  for (const name of names) {
    let url: string | undefined;
    try {
      const r = await o.http.getJson(npmManifestUrl(o.registryUrl, name), o.signal ? { signal: o.signal } : {});
      const m = r.status === 200 ? npmManifestSchema.safeParse(r.body) : undefined;
      url = m?.success ? manifestRepository(m.data)?.url : undefined;
    } catch (e) {
      if (!(e instanceof HttpError) || o.signal?.aborted) throw e;
    }
    if (url) repositories.add(url);
    else unresolved += 1;
  }
  return { repositories: [...repositories].sort(), unresolved };
}
