// How a server name is read when it names nothing as typed: no key, registry name, repository or remote URL begins or
// ends with a space or ends in a slash (`io.github.owner/name/`, pasted from an address), so they are not part of it.
// One rule for the lookup (resolve-server.ts) and the pages' redirect to a server's one address (server/paths.ts).

/** `text` trimmed, then without the slashes at its end (possibly ""). */
export function bareServerName(text: string): string {
  return text.trim().replace(/\/+$/, "");
}
