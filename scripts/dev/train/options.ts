// The command line every training command takes: where to write its weights, or its help.
import { parseArgs } from "node:util";

/** `--out FILE` (the weights' path, default the shipped file), or `--help`: printed, and undefined returned. */
export function trainOptions(argv: readonly string[], help: string, out: (s: string) => void): { out?: string } | undefined {
  const { values } = parseArgs({ args: [...argv], options: { out: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    out(help);
    return undefined;
  }
  return { out: values.out };
}
