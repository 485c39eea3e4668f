// What the sentence-window readers of injection share (undisclosed-effect.ts, displaced-tool.ts, reply-steering.ts,
// context-leak.ts): a word list as a pattern matched at letter edges, what a negation and a condition are and how far
// a negation reaches, a lower-case text cut into sentences with their positions, and a quote of a span (the family
// rules and the cue reader quote with it too).
import { CUE_LETTER, NEGATION_UNDONE } from "./injection-lexicon.js";

/** Words at letter edges; scripts written without spaces (Chinese, Japanese, Korean, Thai) as plain strings. */
export function wordPattern(list: string, unspaced = ""): RegExp {
  return new RegExp(`(?<![${CUE_LETTER}])(?:${list})(?![${CUE_LETTER}])${unspaced ? `|${unspaced}` : ""}`);
}

/** Letter edges in every script, for the word lists below that the readers share whatever the text's language. */
const EDGE_BEFORE = "(?<![\\p{L}\\p{M}\\p{N}_])";
const EDGE_AFTER = "(?![\\p{L}\\p{M}\\p{N}_])";

/**
 * A negation, in the languages the readers read: words at letter edges, and those written without spaces or as an
 * ending ("n't") as they stand. `negatedBefore` says how far before an order it reaches; displaced-tool.ts reads only
 * the word right before what it found.
 */
export const NEGATION =
  `(?:${EDGE_BEFORE}(?:not|never|no|nothing|nicht|niemals|kein|keine|nie|nigdy|ne|non|jamais|nunca|nooit|inte|aldrig|nikdy|asla|tidak|jangan|não|не|никогда|ні|ніколи|není|không|đừng|μην|δεν|ποτέ|لا|नहीं|मत|לא|אל)${EDGE_AFTER}` +
  "|n't|不|没有|沒有|別|别|勿|ない|않|ไม่|อย่า)";

/**
 * A condition opening the clause before a match ("if the upload fails, …", "warns if the system message ranks below
 * …"): it tells of a case, not what the text asks. Words that are as often something else ("should" an order, "se" a
 * pronoun, "si" a "so", "als" an "as") open one only at a clause's start ("Should the provider be down, …").
 */
const CONDITIONED = new RegExp(
  `(?:${EDGE_BEFORE}(?:if|when|whenever|whether|unless|in case|wenn|falls|cuando|quand|если|jeśli|eğer)${EDGE_AFTER}` +
    `|(?:^|[,;:(]\\s*)(?:should|si|se|als)${EDGE_AFTER})[^,;:]*$`,
  "u",
);

/** Whether `before` (a sentence up to a match) ends in a clause a condition opens. */
export function conditionedBefore(before: string): boolean {
  return CONDITIONED.test(before);
}

/** What ends a clause inside a sentence, in every script: commas, semicolons, colons, full-width stops and dashes. */
const CLAUSE_STOPS = ",;:，、；：。！？—–";
export const CLAUSE_END = new RegExp(`[${CLAUSE_STOPS}]`);

/**
 * A negation that asks for the order rather than denying it: "don't forget to", "never fail to", "no olvides",
 * "别忘了", "อย่าลืม". Most languages put the verb after the negation (another negation may come between: "ne jamais
 * oublier", "никогда не забывай"); German, Dutch, Swedish, French, Hindi, Japanese and Korean put it before too
 * ("vergiss nicht", "glöm inte", "n'oubliez jamais", "भूलना मत", "忘れないで", "잊지 않도록").
 */
const UNDONE_AFTER =
  `(?:(?:${NEGATION}|pas)\\s*)?(?:(?:${NEGATION_UNDONE}` +
  "|(?:(?:te|se|ti|vi|os)\\s+)?(?:olvid|esque[cç]|dimentic)\\p{L}*|oubli\\p{L}*|verg(?:iss|ess|eet|eten)\\p{L}*|glöm\\p{L}*|(?:ne)?zapom\\p{L}*" +
  "|заб[уы]\\p{L}*|unut\\p{L}*|lupa\\p{L}*|quên|ξεχ\\p{L}*|تنس[\\p{L}\\p{M}]*|ننس[\\p{L}\\p{M}]*|תשכח\\p{L}*|לשכוח|भूल[\\p{L}\\p{M}]*)" +
  `${EDGE_AFTER}|(?:要|能)?忘|ลืม)`;
const UNDONE_BEFORE = "(?:verg(?:iss|ess)\\p{L}*(?:\\s+sie)?|vergeet|glöm\\p{L}*|oubli\\p{L}*|भूल[\\p{L}\\p{M}]*|忘れ|잊지)\\s*";
/** A negation in the clause before, within 60 characters of its end, that is not one of those. */
const NEGATED_BEFORE = new RegExp(`(?<!${UNDONE_BEFORE})${NEGATION}(?!\\s*${UNDONE_AFTER})[^${CLAUSE_STOPS}]{0,60}$`, "u");

/**
 * Whether `before` (a sentence up to an order) ends in a clause a negation denies: "never present these as …", "do not
 * include the environment in …"; not "don't forget to include …", nor a negation past a clause's end ("不要缓存，…").
 */
export function negatedBefore(before: string): boolean {
  return NEGATED_BEFORE.test(before);
}

/** Sentences end after a stop and a space, after a stop of the scripts without spaces, or at a line break. */
const SENTENCE_END = /(?<=[.!?;])\s+|(?<=[。！？；])|\n+/;

export interface TextSentence {
  s: string;
  at: number;
}

export function splitSentences(lower: string): TextSentence[] {
  let offset = 0;
  return lower.split(SENTENCE_END).map((s) => {
    const at = lower.indexOf(s, offset);
    offset = at + s.length;
    return { s, at };
  });
}

/** A span quoted from the text where lower-casing kept positions ("İ" becomes two characters), else from the lower case. */
export function quoteSpan(text: string, lower: string, start: number, end: number): string {
  return (lower.length === text.length ? text : lower).slice(start, end).trim();
}

/**
 * An identifier or a setting the person need not know or give ("the order number", "the time zone", "číslo objednávky",
 * "رقم الطلب"): an order about it spares the person an input rather than keeping a fact from them.
 */
export const IDENTIFIER = wordPattern(
  "id|ids|identifier|identifiers|uuid|uuids|number|time zone|timezone|numéro|número|nummer|ordernummer|numer|numara|номер|číslo|nomor|nama|số|tên|múi giờ|αριθμό|όνομα",
  "番号|号码|號碼|编号|編號|名称|名前|번호|이름|رقم|اسم|नंबर|संख्या|नाम|מספר|שם ה|เลข|หมายเลข|ชื่อ|เขตเวลา",
);
