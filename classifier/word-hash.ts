// The hash the injection readers give a word: cue words are hashed by it at start-up, and the scans compute the same
// value inline (h = h·31 + code, one character at a time) as they walk a text, so a word read finds its cue.

/** Slots of a "may be a cue" table: a hash's low 16 bits. A typed array that size reads faster than a Map. */
export const HASH_SLOTS = 0xffff;

export function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}
