// The data files shipped beside the classifier (its learned weights), found from source and from the build alike.
import { readFileSync } from "node:fs";

/**
 * The parsed JSON of `file` in classifier/, or undefined when the package has none. Source (classifier/) and build
 * (dist/classifier/) sit at different depths; the data files stay in classifier/.
 */
function readShippedJson(file: string): unknown {
  for (const rel of [`./${file}`, `../../classifier/${file}`]) {
    let text: string;
    try {
      text = readFileSync(new URL(rel, import.meta.url), "utf8");
    } catch {
      continue;
    }
    return JSON.parse(text);
  }
  return undefined;
}

/**
 * A reader of `file`'s contents, decoded by `decode` on the first call and kept: null when the package has none (the
 * classifier then goes without what it holds).
 */
export function shippedData<T>(file: string, decode: (raw: unknown) => T): () => T | null {
  let loaded: T | null | undefined;
  return () => {
    if (loaded === undefined) {
      const raw = readShippedJson(file);
      loaded = raw === undefined ? null : decode(raw);
    }
    return loaded;
  };
}
