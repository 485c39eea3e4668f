// The package version, read once from package.json beside the build.
import { readFileSync } from "node:fs";

function findPackageJson(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      return readFileSync(new URL(rel, import.meta.url), "utf8");
    } catch {
      // Source (scripts/) and build (dist/scripts/) sit at different depths.
    }
  }
  return "{}";
}

export const VERSION: string = (JSON.parse(findPackageJson()) as { version?: string }).version ?? "0.0.0";
