// A comma-separated flag's items (--sources, --servers, --introspect, --modes), read one way by every command.
import { CliError } from "./command.js";
import { safeText } from "./terminal.js";

/**
 * "a, b,c" → ["a", "b", "c"]. An empty item ("a,,b", "a,") is a usage error (exit 2), never skipped:
 * it is a typo more often than a choice. `what` names the flag, `items` what the list holds ("servers").
 */
export function commaList(value: string, what: string, items: string): string[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new CliError(`${what} takes a comma-separated list of ${items} with no empty item; got '${safeText(value)}'`, 2);
  return parts;
}
