// What a regular expression cannot match without: sets of strings, one of each lying inside every match, read from
// the pattern's own source. A text that lacks every string of one set cannot match, so a prefilter built from these
// sets stays true to the rules by construction (no second, hand-kept word list to drift from them).
//
// The reading is conservative: anything it does not understand (a class of many characters, a back-reference, a
// repetition that may be empty, what a look-around asserts) it counts as "could be anything", and a pattern it cannot
// bound at all gets no clauses. It reads the syntax the classifier's patterns use; a pattern with the `i` flag is read
// with its ASCII letters lower-cased and any other cased letter counted as anything, and one with `i` and `u` together
// gets no clauses (Unicode case folding maps "ſ" to "s" and "K" to "k").

/**
 * What a piece of a pattern can match: `exact`, every string it matches (when few); else `all`, clauses every match
 * meets, each a set of strings one of which the match holds.
 */
interface Reading {
  exact?: Set<string>;
  all?: Set<string>[];
}

/** At most this many strings are kept while crossing the exact strings of adjacent pieces ("(?:a|b) (?:c|d)"). */
const CROSS_LIMIT = 64;
/** A class of at most this many characters is read as those characters. */
const CLASS_LIMIT = 8;

const ANYTHING: Reading = {};
class RequiredLiteralsError extends Error {}
const EMPTY: Reading = { exact: new Set([""]) };

class Parser {
  i = 0;
  constructor(
    readonly src: string,
    readonly ignoreCase: boolean,
    readonly unicode: boolean,
  ) {}

  fail(what: string): never {
    throw new RequiredLiteralsError(`${what} at ${this.i} in /${this.src}/`);
  }

  disjunction(): Reading {
    const branches = [this.alternative()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.alternative());
    }
    return branches.length === 1 ? branches[0]! : either(branches);
  }

  alternative(): Reading {
    const pieces: Reading[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") pieces.push(this.term());
    return sequence(pieces);
  }

  term(): Reading {
    const c = this.src[this.i]!;
    if (c === "^" || c === "$") {
      this.i++;
      return EMPTY;
    }
    if (c === "\\" && (this.src[this.i + 1] === "b" || this.src[this.i + 1] === "B")) {
      this.i += 2;
      return EMPTY;
    }
    const atom = this.atom();
    return this.quantified(atom);
  }

  quantified(atom: Reading | "assertion"): Reading {
    if (atom === "assertion") return EMPTY;
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{" && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.i))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i))!;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    } else return atom;
    if (this.src[this.i] === "?") this.i++; // lazy: the same strings
    // An optional piece of few strings stays exact ("s?"); a repetition that may be empty tells nothing (an empty
    // reading here would join the pieces around it as if they were adjacent).
    if (min === 0) return max === 1 && atom.exact ? { exact: new Set([...atom.exact, ""]) } : ANYTHING;
    if (min === 1 && max === 1) return atom;
    // One repetition or more: every match holds the piece's match, whatever else it holds.
    return { all: clausesOf(atom) };
  }

  atom(): Reading | "assertion" {
    const c = this.src[this.i]!;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === ".") {
      this.i++;
      return ANYTHING;
    }
    if (c === "\\") return this.escape();
    if (c === ")" || c === "*" || c === "+" || c === "?") this.fail(`unexpected "${c}"`);
    // A literal character (a whole code point under `u`).
    const cp = this.unicode ? this.src.codePointAt(this.i)! : this.src.charCodeAt(this.i);
    this.i += cp > 0xffff ? 2 : 1;
    return this.literal(String.fromCodePoint(cp));
  }

  /** One character as the text must hold it, or anything when case folding makes that unsure. */
  literal(ch: string): Reading {
    if (!this.ignoreCase) return { exact: new Set([ch]) };
    const lower = ch.toLowerCase();
    if (lower === ch.toUpperCase()) return { exact: new Set([ch]) };
    return ch.charCodeAt(0) < 128 ? { exact: new Set([lower]) } : ANYTHING;
  }

  group(): Reading | "assertion" {
    this.i++;
    let lookaround = false;
    if (this.src[this.i] === "?") {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) {
        this.i += 2;
        lookaround = true;
      } else if (rest === "?<=" || rest === "?<!") {
        this.i += 3;
        lookaround = true;
      } else if (rest.startsWith("?<")) this.skipPast(">");
      else this.fail("unknown group");
    }
    const inner = this.disjunction();
    if (this.src[this.i] !== ")") this.fail("unterminated group");
    this.i++;
    // What a look-around asserts is no part of the match: it may fall outside the text a caller checks.
    return lookaround ? "assertion" : inner;
  }

  /** Moves past the next `ch` (the end of a name or a property), or fails: a pattern cut short is read as unknown. */
  skipPast(ch: string): void {
    const at = this.src.indexOf(ch, this.i);
    if (at < 0) this.fail(`no "${ch}"`);
    this.i = at + 1;
  }

  escape(): Reading {
    const c = this.src[this.i + 1];
    if (c === undefined) this.fail("trailing backslash");
    this.i += 2;
    if ("dDwWsS".includes(c)) return ANYTHING;
    if (c === "p" || c === "P") {
      if (this.src[this.i] === "{") this.skipPast("}");
      return ANYTHING;
    }
    if (/[1-9]/.test(c)) {
      while (/\d/.test(this.src[this.i] ?? "")) this.i++;
      return ANYTHING;
    }
    if (c === "k") {
      if (this.src[this.i] === "<") this.skipPast(">");
      return ANYTHING;
    }
    const ch = this.escapedChar(c);
    return ch === undefined ? ANYTHING : this.literal(ch);
  }

  /**
   * The character an escape stands for (the backslash and `c` read), or undefined for a class or an escape whose
   * meaning this reader does not settle (an octal one, a malformed \x, \u or \c): unknown is always safe.
   */
  escapedChar(c: string): string | undefined {
    const hex = (n: number) => {
      const digits = this.src.slice(this.i, this.i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) return undefined;
      this.i += n;
      return String.fromCharCode(parseInt(digits, 16));
    };
    switch (c) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "0":
        if (!/\d/.test(this.src[this.i] ?? "")) return "\0";
        // An octal escape (Annex B): its digits are read with it.
        while (/[0-7]/.test(this.src[this.i] ?? "")) this.i++;
        return undefined;
      case "x":
        return hex(2);
      case "u": {
        if (this.src[this.i] === "{" && this.unicode) {
          const start = this.i + 1;
          this.skipPast("}");
          const cp = parseInt(this.src.slice(start, this.i - 1), 16);
          return Number.isNaN(cp) ? undefined : String.fromCodePoint(cp);
        }
        return hex(4);
      }
      case "c": {
        const letter = this.src.charCodeAt(this.i);
        if (!((letter >= 65 && letter <= 90) || (letter >= 97 && letter <= 122))) return undefined;
        this.i++;
        return String.fromCharCode(letter % 32);
      }
      default:
        // An octal escape in a class (Annex B), its digits read with it.
        if (!/\d/.test(c)) return c;
        while (/[0-7]/.test(this.src[this.i] ?? "")) this.i++;
        return undefined;
    }
  }

  charClass(): Reading {
    this.i++;
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    const chars = new Set<string>();
    // "[]" matches nothing and "[^]" anything: either way, nothing to require.
    let many = negated || this.src[this.i] === "]";
    while (this.src[this.i] !== "]") {
      if (this.i >= this.src.length) this.fail("unterminated class");
      const from = this.classChar();
      if (from === undefined) {
        many = true;
        continue;
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]") {
        this.i++;
        const to = this.classChar();
        if (to === undefined) {
          many = true;
          continue;
        }
        const a = from.codePointAt(0)!;
        const b = to.codePointAt(0)!;
        if (b - a >= CLASS_LIMIT) many = true;
        else for (let cp = a; cp <= b; cp++) chars.add(String.fromCodePoint(cp));
      } else chars.add(from);
    }
    this.i++;
    if (many || chars.size > CLASS_LIMIT) return ANYTHING;
    const exact = new Set<string>();
    for (const ch of chars) {
      const r = this.literal(ch);
      if (!r.exact) return ANYTHING;
      for (const s of r.exact) exact.add(s);
    }
    return { exact };
  }

  /** One character of a class, or undefined for a class escape (\s, \w, \p{…}). */
  classChar(): string | undefined {
    const c = this.src[this.i]!;
    if (c !== "\\") {
      const cp = this.unicode ? this.src.codePointAt(this.i)! : this.src.charCodeAt(this.i);
      this.i += cp > 0xffff ? 2 : 1;
      return String.fromCodePoint(cp);
    }
    const e = this.src[this.i + 1]!;
    this.i += 2;
    if ("dDwWsS".includes(e)) return undefined;
    if (e === "p" || e === "P") {
      if (this.src[this.i] === "{") this.skipPast("}");
      return undefined;
    }
    if (e === "b") return "\b";
    return this.escapedChar(e);
  }
}

/** The clauses every match of `r` meets; an exact reading is one clause (none when it may match the empty string). */
function clausesOf(r: Reading): Set<string>[] {
  if (r.exact) return r.exact.has("") ? [] : [r.exact];
  return r.all ?? [];
}

/** How much a clause narrows, to choose one: longer shortest strings first (up to 6 characters), then fewer strings. */
function narrowness(clause: Set<string>): number {
  let shortest = 6;
  for (const s of clause) shortest = Math.min(shortest, s.length);
  return shortest * 1000 - clause.size;
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > CROSS_LIMIT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/**
 * Pieces one after another: the exact strings of adjacent pieces crossed while they are few (a contiguous part of every
 * match), and every piece's clauses kept, since a match meets them all.
 */
function sequence(pieces: readonly Reading[]): Reading {
  let run = new Set([""]);
  let exactWhole = true;
  const all: Set<string>[] = [];
  for (const p of pieces) {
    const crossed = p.exact ? cross(run, p.exact) : undefined;
    if (crossed) {
      run = crossed;
      continue;
    }
    exactWhole = false;
    all.push(...clausesOf({ exact: run }));
    if (p.exact) run = p.exact;
    else {
      all.push(...clausesOf(p));
      run = new Set([""]);
    }
  }
  if (exactWhole) return { exact: run };
  all.push(...clausesOf({ exact: run }));
  return all.length > 0 ? { all } : ANYTHING;
}

/** Alternatives: every match is one of them, so it meets the most narrowing clause of one of them (their union). */
function either(branches: readonly Reading[]): Reading {
  if (branches.every((b) => b.exact)) {
    const all = new Set<string>();
    for (const b of branches) for (const s of b.exact!) all.add(s);
    if (all.size <= CROSS_LIMIT * 4) return { exact: all };
  }
  const union = new Set<string>();
  for (const b of branches) {
    const clauses = clausesOf(b);
    if (clauses.length === 0) return ANYTHING;
    const best = clauses.reduce((a, c) => (narrowness(c) > narrowness(a) ? c : a));
    for (const s of best) union.add(s);
  }
  return { all: [union] };
}

/**
 * A clause's strings without repeats and without those that hold another of its strings: the shorter is found wherever
 * the longer is, so the clause means the same.
 */
export function simplest(clause: Iterable<string>): string[] {
  const sorted = [...new Set(clause)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return sorted.filter((s, i) => !sorted.slice(0, i).some((t) => s.includes(t)));
}

/** A pattern's reading, or undefined for syntax this reader does not know. */
function readPattern(re: RegExp): Reading | undefined {
  const ignoreCase = re.flags.includes("i");
  const unicode = re.flags.includes("u");
  // The `v` flag's classes nest and subtract: not read. Nor Unicode case folding ("ſ" matches "s", "K" matches "k").
  if (re.flags.includes("v") || (ignoreCase && unicode)) return undefined;
  const parser = new Parser(re.source, ignoreCase, unicode);
  try {
    const reading = parser.disjunction();
    if (parser.i !== re.source.length) parser.fail("unbalanced parenthesis");
    return reading;
  } catch (e) {
    if (e instanceof RequiredLiteralsError) return undefined;
    throw e;
  }
}

/**
 * What every match of any of `patterns` contains, as clauses: each a list of strings one of which lies inside every
 * match, and every clause met. A pattern with the `i` flag gives its ASCII letters lower-cased: its text is to be read
 * without ASCII case. No clauses when a pattern could match without any string this reading can name, or uses syntax it
 * does not know (always safe: a gate without clauses lets every text through; tests hold the patterns that need them).
 */
export function requiredLiterals(...patterns: RegExp[]): string[][] {
  const readings: Reading[] = [];
  for (const re of patterns) {
    const r = readPattern(re);
    if (!r) return [];
    readings.push(r);
  }
  if (readings.length === 0) return [];
  const seen = new Set<string>();
  return clausesOf(readings.length === 1 ? readings[0]! : either(readings))
    .map(simplest)
    .filter((c) => {
      const key = c.join("\0");
      return !seen.has(key) && seen.add(key) !== undefined;
    });
}
