// A count with its noun in the right number: the one place the classifier's texts, the CLI and the pages pluralize.

/** `plural(1, "server")` → "1 server", `plural(3, "server")` → "3 servers"; an irregular plural is given: `plural(2, "entry", "entries")`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** A template's "(s)" made right for `count`: "{n} critical tool(s)" reads "1 critical tool", "3 critical tools". */
export function pluralized(template: string, count: number): string {
  return template.replace(/\(s\)/g, count === 1 ? "" : "s");
}
