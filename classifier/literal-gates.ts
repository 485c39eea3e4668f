// Gates before costly patterns: a gate says whether a text can match a pattern at all, from the strings every match
// must contain (required-literals.ts, read from the pattern itself). All gates share one pass over a text: an
// Aho–Corasick automaton of every gate's strings, run once per text and kept for the next gate asked about the same
// text. A closed gate proves the pattern cannot match; an open one proves nothing, and the pattern runs as before.
//
// The automaton reads characters by class: ASCII letters without case, every other ASCII character a gate's strings
// hold as itself, and the rest of Unicode folded into a few buckets. Folding only ever opens a gate that an exact
// reading would keep closed, never the other way, so a gate stays a proof.
import { requiredLiterals, simplest } from "./required-literals.js";

/** Characters past ASCII share this many classes: enough to keep accented Latin text from opening gates of other scripts. */
const BUCKETS = 8;

/** The strings of a clause are cut to this many characters. */
const LONGEST = 8;

/** One gate: clauses, every one of which a text must meet to match one of its patterns. */
export interface LiteralGate {
  /** Whether `text` may match: false only when some clause's strings are all absent from it. */
  allows(text: string): boolean;
  /** The patterns it stands before. */
  readonly patterns: readonly RegExp[];
  /** The clauses, as strings: each a list one of which lies inside every match. */
  readonly clauses: readonly (readonly string[])[];
}

const clauseStrings: string[][] = [];
const gates: Gate[] = [];
let automaton: Automaton | undefined;

class Gate implements LiteralGate {
  constructor(
    readonly patterns: readonly RegExp[],
    readonly clauses: readonly (readonly string[])[],
    readonly ids: readonly number[],
  ) {}

  allows(text: string): boolean {
    if (this.ids.length === 0) return true;
    const seen = met(text);
    for (const id of this.ids) if (seen[id] !== epoch) return false;
    return true;
  }
}

/**
 * A gate for text that may match any of `patterns`, asked about any text (the pass reads ASCII without case, as a
 * pattern with the `i` flag reads it). Made once, at module load: the automaton is built when a gate is first asked.
 */
export function literalGate(...patterns: RegExp[]): LiteralGate {
  // A clause with a string of one or two characters ("a", "to", ":") is met by almost every text: it would cost a mark
  // at most characters and close almost nothing. It is kept only when the gate has no other.
  const all = requiredLiterals(...patterns);
  const long = all.filter((c) => c.every((s) => s.length > 2));
  // A string's head is in the text wherever the string is: longer strings would only add states to the automaton.
  const clauses = (long.length > 0 ? long : all).map((c) => simplest(c.map((s) => s.slice(0, LONGEST))));
  const ids = clauses.map((c) => {
    clauseStrings.push([...c]);
    return clauseStrings.length - 1;
  });
  const gate = new Gate(patterns, clauses, ids);
  gates.push(gate);
  automaton = undefined;
  return gate;
}

/**
 * `re.test(text)`, skipped where the gate proves it false: for patterns run over a whole text, whose gate then shares the
 * pass made for the other gates asked about that text (a pattern run sentence by sentence would start a pass per
 * sentence). Not for global or sticky patterns, whose failed test also resets `lastIndex`.
 */
export function gatedTest(re: RegExp): (text: string) => boolean {
  if (re.global || re.sticky) throw new Error(`gatedTest: /${re.source.slice(0, 40)}…/ keeps state between tests`);
  const gate = literalGate(re);
  return (text) => gate.allows(text) && re.test(text);
}

// ---- the shared pass ------------------------------------------------------------------------------------------------

interface Automaton {
  /** A UTF-16 code unit's class (one table for all 2^16: a lookup a character, no branch). */
  classOf: Uint8Array;
  width: number;
  /** Next state by state × class. */
  next: Uint16Array;
  /** The clauses a state completes (a string of theirs ends there), as ranges into `clauses` (`from` -1: none). */
  from: Int32Array;
  to: Int32Array;
  clauses: Int32Array;
}

/** The text last read, the epoch its clauses were marked with, and the mark per clause. */
let lastText: string | undefined;
let epoch = 0;
let seenClause = new Int32Array(0);
let seenState = new Int32Array(0);

/** The clause marks of `text`: a clause met by it carries the current epoch. */
function met(text: string): Int32Array {
  if (text === lastText && automaton) return seenClause;
  const a = (automaton ??= build());
  lastText = text;
  epoch++;
  const { classOf, width, next, from, to, clauses } = a;
  const mark = epoch;
  const states = seenState;
  const marks = seenClause;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = next[state * width + classOf[text.charCodeAt(i)]!]!;
    // Most states complete nothing (-1), and one that does is marked once per text.
    const k0 = from[state]!;
    if (k0 >= 0 && states[state] !== mark) {
      states[state] = mark;
      for (let k = k0; k < to[state]!; k++) marks[clauses[k]!] = mark;
    }
  }
  return marks;
}

function build(): Automaton {
  // Classes: 0 for ASCII no string holds, then each ASCII character some string holds (letters without case).
  const ascii = new Uint8Array(128);
  let classes = 1;
  const fold = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  for (const clause of clauseStrings) {
    for (const s of clause) {
      for (let i = 0; i < s.length; i++) {
        const c = fold(s.charCodeAt(i));
        if (c < 128 && ascii[c] === 0) {
          ascii[c] = classes++;
          if (c >= 97 && c <= 122) ascii[c - 32] = ascii[c]!;
        }
      }
    }
  }
  const width = classes + BUCKETS;
  const classOf = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) classOf[c] = c < 128 ? ascii[c]! : classes + (c % BUCKETS);
  // The trie of every string, each string's end state naming the clauses it meets.
  const edges: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  clauseStrings.forEach((clause, id) => {
    for (const s of clause) {
      let state = 0;
      for (let i = 0; i < s.length; i++) {
        const k = classOf[s.charCodeAt(i)]!;
        let to = edges[state]!.get(k);
        if (to === undefined) {
          to = edges.length;
          edges.push(new Map());
          ends.push([]);
          edges[state]!.set(k, to);
        }
        state = to;
      }
      ends[state]!.push(id);
    }
  });
  // States numbered breadth first, so the shallow states every text keeps returning to share the first rows of the
  // table (they stay in cache). Breadth first too: each state's failure (its longest proper suffix in the trie), its
  // full row of transitions, and what it completes, with what its failure completes.
  const order = [0];
  for (let q = 0; q < order.length; q++) for (const to of edges[order[q]!]!.values()) order.push(to);
  const id = new Int32Array(order.length);
  order.forEach((old, i) => (id[old] = i));
  const states = order.length;
  if (states > 0xffff) throw new Error(`literal gates: ${states} states do not fit the table`);
  const next = new Uint16Array(states * width);
  const fail = new Int32Array(states);
  const completes: Set<number>[] = order.map((old) => new Set(ends[old]));
  for (let s = 0; s < states; s++) {
    if (s > 0) for (const c of completes[fail[s]!]!) completes[s]!.add(c);
    const own = edges[order[s]!]!;
    for (let k = 0; k < width; k++) {
      const child = own.get(k);
      if (child === undefined) next[s * width + k] = s === 0 ? 0 : next[fail[s]! * width + k]!;
      else {
        fail[id[child]!] = s === 0 ? 0 : next[fail[s]! * width + k]!;
        next[s * width + k] = id[child]!;
      }
    }
  }
  const from = new Int32Array(states).fill(-1);
  const to = new Int32Array(states);
  const flat: number[] = [];
  for (let s = 0; s < states; s++) {
    if (completes[s]!.size === 0) continue;
    from[s] = flat.length;
    flat.push(...completes[s]!);
    to[s] = flat.length;
  }
  seenClause = new Int32Array(clauseStrings.length);
  seenState = new Int32Array(states);
  epoch = 0;
  lastText = undefined;
  return { classOf, width, next, from, to, clauses: Int32Array.from(flat) };
}

/** Every gate made so far (for tests that hold each to its patterns). */
export function registeredGates(): readonly LiteralGate[] {
  return gates;
}

/** How large the shared automaton is (for the README's figures and a test that keeps it small). */
export function gateSize(): { gates: number; clauses: number; states: number; classes: number } {
  const a = (automaton ??= build());
  return { gates: gates.length, clauses: clauseStrings.length, states: a.from.length, classes: a.width };
}
