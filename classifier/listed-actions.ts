// The actions a consolidated tool's description lists for an argument that names none itself: "Actions: list, get,
// create, close, delete", "Operations are read | write | rm", "Dataset ops: list/get/delete", "all provider operations
// (CREATE, UPDATE, REMOVE, GET)". Pure.

const ACTIONS_LISTED =
  /\b(?:actions?|operations?|ops|methods?|modes?)\s*(?:[:=(]|\bare\b|\binclude\b)\s*((?:[A-Za-z][A-Za-z0-9_-]*(?:,\s*|\s+or\s+|\s+and\s+|\s*[|/]\s*)){1,}[A-Za-z][A-Za-z0-9_-]*)/i;
const SEPARATOR = /,\s*|\s+or\s+|\s+and\s+|\s*[|/]\s*/;

/** The words listed after "Actions:" (or operations, methods, modes) in a description, in order, without duplicates. */
export function listedActions(description: string): string[] {
  const listed = ACTIONS_LISTED.exec(description);
  if (!listed) return [];
  return [...new Set(listed[1]!.split(SEPARATOR).map((v) => v.trim()).filter((v) => v.length > 0))];
}
