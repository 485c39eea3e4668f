// The data files shipped beside the classifier (its learned weights), found from source and from the build alike.
import { readFileSync } from "node:fs";

/**
 * The parsed JSON of `file` in classifier/, or undefined when the package has none. Source (classifier/) and build
 * (dist/classifier/) sit at different depths; the data files stay in classifier/.
 */
export function readShippedJson(file: string): unknown {
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
