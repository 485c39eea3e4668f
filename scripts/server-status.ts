// A server's status (deprecated, deleted, gone) as one line for whoever reads its policy: its rules are for the tools
// the catalog last listed, of a server its sources no longer offer as they did.

/**
 * A registry marks a server deleted when it takes it down (it may have been malicious), a registry or npm marks one
 * deprecated, and the catalog marks one gone when no source lists it any more.
 */
const MEANING: Record<string, string> = {
  deprecated: "marked deprecated by its source",
  deleted: "marked deleted by its source",
  gone: "gone: no source lists it any more",
};

/** What the status means for the server's policy, in one line; undefined for an active server. */
export function statusNotice(key: string, status: string): string | undefined {
  if (!Object.hasOwn(MEANING, status)) return undefined;
  return `${key}: ${MEANING[status]}; its tools are as the catalog last listed them`;
}
