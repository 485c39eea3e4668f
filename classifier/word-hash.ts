// The hash the injection readers give a word: cue words are hashed by it at start-up, and the scans compute the same
// value inline (h = h·31 + code, one character at a time) as they walk a text, so a word read finds its cue.

/** Slots of a "may be a cue" table: a hash's low 16 bits. A typed array that size reads faster than a Map. */
export const HASH_SLOTS = 0xffff;

/**
 * A "may be a cue" table: a bit per slot (8 KB, where a byte per slot is 64 KB: the scans read it at nearly every letter,
 * and the smaller table stays in cache beside the texts and the other tables).
 */
export function maybeTable(): Uint32Array {
  return new Uint32Array((HASH_SLOTS + 1) >>> 5);
}

/** Marks the slot of hash `h`. */
export function markMaybe(table: Uint32Array, h: number): void {
  table[(h & HASH_SLOTS) >>> 5]! |= 1 << (h & 31);
}

/** Whether the slot of hash `h` is marked (whether `h` may be in the table's set). */
export function isMaybe(table: Uint32Array, h: number): boolean {
  return ((table[(h & HASH_SLOTS) >>> 5]! >>> (h & 31)) & 1) !== 0;
}

export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}
