// How deep untrusted JSON nests, measured without recursion: the guard that keeps a deep value from the
// recursive code after it (JSON.stringify, the walkers of sanitize.ts and text-cap.ts, the classifier),
// which overflows the stack a few thousand levels down.

/** Items and tools nested deeper than this are skipped; real ones nest a few dozen levels at most. */
export const MAX_JSON_DEPTH = 128;

/** The reason a skipped item or tool is counted under. */
export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;

/** Whether `value` nests arrays and objects more than `max` levels (a scalar is 0, `{}` 1). Iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, depth } = top;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === "object") stack.push({ v: x, depth: depth + 1 });
  }
  return false;
}
