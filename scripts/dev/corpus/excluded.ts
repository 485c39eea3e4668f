// The evaluation packages the classifier is measured on: the corpus refuses them by name, before any request about them, and refuses any other package from their repositories.
import { readFileSync } from "node:fs";
import { normalizeRepository } from "../../../crawler/normalize.js";

/** The list beside the repository (../shared), as CI lays it out. */
export const DEFAULT_EXCLUDED_FILE = "../shared/eval/excluded-packages.txt";

/** Raised when anything asks the corpus to touch an evaluation package. */
export class ExcludedPackageError extends Error {
  override name = "ExcludedPackageError";
  constructor(readonly packageName: string) {
    super(`${packageName} is an evaluation package (excluded-packages.txt): the corpus never collects it`);
  }
}

/** Raised for a package that is not on the list but comes from the repository of one that is (the same vendor's code and texts). */
export class ExcludedRepositoryError extends ExcludedPackageError {
  override name = "ExcludedRepositoryError";
  constructor(
    packageName: string,
    readonly repository: string,
  ) {
    super(packageName);
    this.message = `${packageName} comes from ${repository}, the repository of an evaluation package: the corpus never collects it`;
  }
}

/** A repository as compared here: host/owner/repo in lower case (a monorepo's folders are one repository). */
export function repositoryKey(url: string): string | undefined {
  return normalizeRepository(url)?.key;
}

/** npm names compare case-insensitively for this purpose: a differently cased spelling is still the same package to a reader. */
function key(name: string): string {
  return name.trim().toLowerCase();
}

export class ExcludedPackages {
  private readonly names: ReadonlySet<string>;
  private readonly repositories: ReadonlySet<string>;

  /** `repositories`: the evaluation packages' repositories (URLs in any form normalizeRepository reads). */
  constructor(names: Iterable<string>, repositories: Iterable<string> = []) {
    this.names = new Set([...names].map(key));
    this.repositories = new Set([...repositories].map(repositoryKey).filter((k): k is string => k !== undefined));
  }

  /** The same names, refusing also the packages of these repositories. */
  withRepositories(repositories: Iterable<string>): ExcludedPackages {
    return new ExcludedPackages(this.names, [...[...this.repositories].map((k) => `https://${k}`), ...repositories]);
  }

  /** The evaluation packages' names (in lower case, as npm compares them). */
  get packageNames(): string[] {
    return [...this.names].sort();
  }

  /** How many evaluation repositories are known. */
  get repositoryCount(): number {
    return this.repositories.size;
  }

  /** One package name a line; `#` starts a comment; blank lines ignored. */
  static parse(text: string): ExcludedPackages {
    return new ExcludedPackages(
      text
        .split("\n")
        .map((l) => l.replace(/#.*/, "").trim())
        .filter(Boolean),
    );
  }

  static read(file: string): ExcludedPackages {
    return ExcludedPackages.parse(readFileSync(file, "utf8"));
  }

  get size(): number {
    return this.names.size;
  }

  /**
   * An evaluation package, or one named `<evaluation package>-…`: its platform builds
   * (`@azure/mcp-linux-x64`) and plug-ins (`@salesforce/mcp-provider-…`) carry the same server's tools.
   */
  has(name: string): boolean {
    const k = key(name);
    if (this.names.has(k)) return true;
    for (let dash = k.indexOf("-"); dash !== -1; dash = k.indexOf("-", dash + 1)) {
      if (this.names.has(k.slice(0, dash))) return true;
    }
    return false;
  }

  /** Throws ExcludedPackageError for an evaluation package; call before any request that names the package. */
  refuse(name: string): void {
    if (this.has(name)) throw new ExcludedPackageError(name);
  }

  /** Whether a repository URL is the repository of an evaluation package. */
  hasRepository(url: string | undefined): boolean {
    const k = url === undefined ? undefined : repositoryKey(url);
    return k !== undefined && this.repositories.has(k);
  }

  /** The first of a package's repositories that is an evaluation package's, if any. */
  evaluationRepository(repositories: readonly string[]): string | undefined {
    return repositories.find((r) => this.hasRepository(r));
  }

  /** Throws ExcludedRepositoryError when one of the package's repositories is an evaluation package's; call before installing it. */
  refuseRepository(name: string, repositories: readonly string[]): void {
    const hit = this.evaluationRepository(repositories);
    if (hit !== undefined) throw new ExcludedRepositoryError(name, hit);
  }
}
