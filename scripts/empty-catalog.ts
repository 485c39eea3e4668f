// What a read command tells when the catalog it opened was never filled. The embedded catalog's default place is
// ./.catalog of the working directory, so a command run from another directory opens a new, empty one: the message
// names the place it looked, as well as how to fill it.
import { safeText } from "./terminal.js";

export function emptyCatalogText(location: string): string {
  return `the catalog in ${safeText(location)} is empty; fill it with \`mcp-catalog refresh\` (or offline, \`mcp-catalog refresh --snapshot DIR\`)`;
}
