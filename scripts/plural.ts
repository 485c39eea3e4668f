// A count with its noun in the right number: the one place the CLI and the pages pluralize.

/** `plural(1, "server")` → "1 server", `plural(3, "server")` → "3 servers"; an irregular plural is given: `plural(2, "entry", "entries")`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
