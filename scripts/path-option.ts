// A FILE or DIR option's value, read the one way every command reads it.
import { CliError } from "./command.js";

/**
 * The path an option names, or undefined when it is not given. A blank value (`--snapshot "$DIR"` with DIR unset)
 * names no path: read as the option left out it would quietly change what the command does (a live crawl of the
 * internet instead of the replay asked for, a crawl that records nothing, stdin instead of a file), so it is refused.
 */
export function pathOption(value: string | boolean | string[] | undefined, flag: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.trim()) throw new CliError(`${flag} needs ${what}`, 2);
  return value;
}
