// The evaluation packages the classifier is measured on: the corpus refuses them by name, before any request about them.
import { readFileSync } from "node:fs";

/** The list beside the repository (../shared), as CI lays it out. */
export const DEFAULT_EXCLUDED_FILE = "../shared/eval/excluded-packages.txt";

/** Raised when anything asks the corpus to touch an evaluation package. */
export class ExcludedPackageError extends Error {
  override name = "ExcludedPackageError";
  constructor(readonly packageName: string) {
    super(`${packageName} is an evaluation package (excluded-packages.txt): the corpus never collects it`);
  }
}

/** npm names compare case-insensitively for this purpose: a differently cased spelling is still the same package to a reader. */
function key(name: string): string {
  return name.trim().toLowerCase();
}

export class ExcludedPackages {
  private readonly names: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.names = new Set([...names].map(key));
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
}
