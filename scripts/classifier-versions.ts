// Which of two classifier versions is the newer: a version is a family and a number (learned-48), bumped by one per release that changes a verdict.

const VERSION = /^(.+)-(\d+)$/;

/**
 * Whether `version` is a later version than `than` of the same family (learned-49 after learned-48; learned-100 after
 * learned-99, which text order puts first). A version of another family, or of no family (rules-2, a test's "v1"), is
 * not later: the family only ever changed forward (rules-N before learned-N), and one this release cannot read it takes
 * for older, as it always did.
 */
export function laterClassifierVersion(version: string, than: string): boolean {
  const a = VERSION.exec(version);
  const b = VERSION.exec(than);
  return a !== null && b !== null && a[1] === b[1] && BigInt(a[2]!) > BigInt(b[2]!);
}
