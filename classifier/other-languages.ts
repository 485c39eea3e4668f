// Descriptions in other languages: the verb leading French, Spanish, Portuguese, Italian, German or Russian text, the
// one ending a Japanese, Korean or Turkish sentence, the first in Chinese; and what such text claims or states.
import {
  AUTOMATIC_ELSEWHERE,
  CJK_VERBS,
  FOREIGN_GLOSS,
  FOREIGN_MANAGING_VERBS,
  FOREIGN_VERBS,
  GERMAN_SEPARABLE_VERBS,
  LATER_ELSEWHERE,
  READ_ONLY_ELSEWHERE,
  SEVERITY,
  TOOL_NAME,
} from "./lexicon.js";
import type { Category } from "./taxonomy.js";
import { quoteText } from "./quote.js";
import { mostSevere, NAME_VERBS, TEXT_VERBS, type VerbInfo } from "./verb-tables.js";
import type { DescriptionVerbHit } from "./description-verb.js";

/** "Use this tool to" in other languages: "Utilisez cet outil pour", "Usa esta herramienta para", "Verwenden Sie dieses Tool, um". */
const USE_THIS_TOOL =
  /^\s*(?:(?:utilisez|utilise|usa|use|utilice|utiliza|utilize|utilizza|verwenden sie|verwende)\s+(?:cet\s+outil|cette\s+fonction|esta\s+herramienta|esta\s+ferramenta|este\s+recurso|questo\s+strumento|dieses\s+tool|dieses\s+werkzeug)\s*,?\s+(?:(?:uniquement|seulement|solo|solamente|apenas|somente|nur)\s+)?(?:pour|afin\s+de|para|per|um)|(?:cet\s+outil|cette\s+fonction)\s+permet\s+(?:de|d['’])|(?:esta\s+herramienta|esta\s+ferramenta)\s+permite|questo\s+strumento\s+permette\s+di)\s*/i;
const ZU_INFINITIVE = /\bzu\s+(\p{L}+)/u;
/** A Spanish or Portuguese determiner after the text's first word, or "como" ("Marca como aprobada …" marks as). */
const IBERIAN_DETERMINER_NEXT = /^\s*\p{L}+\s+(?:como|el|la|los|las|lo|un|una|unos|unas|o|a|os|as|um|uma|uns|umas|todos|todas|todo|toda|este|esta|estos|estas|esse|essa|esses|essas|cada|su|sus|seu|sua|seus|suas)\b/iu;
/** A Spanish or Italian article and its thing after the text's first word, in a sentence that asks nothing. */
const ARTICLE_AND_THING = /^\s*\p{L}+\s+(?:(?:el|la|lo|los|las|il|i|gli|le|un|una|uno)\s|l['’])[^.?!\n]*(?:[.!\n]|$)/iu;
/**
 * Verbs as often something else, and what must follow them for them to be verbs: Spanish and Portuguese "marca" (a
 * brand), "muda" (a seedling) and "fija" (fixed: "tasa variable y fija") a determiner; "cambia" (Spanish and Italian:
 * changes) and "cambiar" (Spanish: to change) an article and its thing ("Cambia lo stato", "Cambia l'indirizzo"), not
 * "Cambia valuta" or a question.
 */
const VERB_ONLY_BEFORE = new Map<string, RegExp>([
  ["marca", IBERIAN_DETERMINER_NEXT],
  ["muda", IBERIAN_DETERMINER_NEXT],
  ["fija", IBERIAN_DETERMINER_NEXT],
  ["cambia", ARTICLE_AND_THING],
  ["cambiar", ARTICLE_AND_THING],
]);
/** Where a German main clause ends, and its separable verb's particle with it ("Setzt Filter und gibt … zurück" resets nothing). */
const GERMAN_CLAUSE_END = /[.,;:!?()\n]|\s(?:und|oder|sowie|aber)\s/;

/** The English verb a German stem leading `text` means with the particle ending its clause, when it has one. */
function separatedVerb(stem: string, text: string): VerbInfo | undefined {
  const particles = GERMAN_SEPARABLE_VERBS[stem];
  if (!particles) return undefined;
  const end = text.search(GERMAN_CLAUSE_END);
  const clause = (end < 0 ? text : text.slice(0, end)).trimEnd().toLowerCase();
  for (const [particle, english] of Object.entries(particles)) if (clause.endsWith(` ${particle}`)) return TEXT_VERBS.get(english);
  return undefined;
}
export const FOREIGN_VERB_OF = new Map<string, VerbInfo>();
for (const [category, words] of Object.entries(FOREIGN_VERBS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w) FOREIGN_VERB_OF.set(w, { verb: FOREIGN_GLOSS[w] ?? w, category, ambiguous: false });
}
for (const w of FOREIGN_MANAGING_VERBS) FOREIGN_VERB_OF.set(w, TEXT_VERBS.get("manage")!);
/** Each verb as the text writes it, and what it stands for. */
const CJK_VERB_LIST: { said: string; info: VerbInfo }[] = [];
for (const [category, words] of Object.entries(CJK_VERBS) as [Category, string][]) {
  for (const w of words.split(/\s+/)) if (w) CJK_VERB_LIST.push({ said: w, info: { verb: FOREIGN_GLOSS[w] ?? w, category, ambiguous: false } });
}
const LEADING_LETTERS = /^[^\p{L}]*(\p{L}+)/u;
// Any letter outside ASCII in the first few characters: only such descriptions are read in other languages.
const NON_ASCII_LETTER = /[^\u0000-\u007f]/;

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * LEADING_LETTERS' word (the first run of letters), read without the Unicode regex while the text is ASCII, as
 * English descriptions are: any other character on the way hands the text to the regex.
 */
export function leadingLetters(head: string): string | undefined {
  const n = head.length;
  let i = 0;
  for (; i < n; i++) {
    const c = head.charCodeAt(i);
    if (c >= 128) return LEADING_LETTERS.exec(head)?.[1];
    if (isAsciiLetter(c)) break;
  }
  if (i >= n) return undefined;
  let end = i + 1;
  for (; end < n; end++) {
    const c = head.charCodeAt(end);
    if (c >= 128) return LEADING_LETTERS.exec(head)?.[1];
    if (!isAsciiLetter(c)) break;
  }
  return head.slice(i, end);
}

// Kana, Hangul or Devanagari: Japanese, Korean and Hindi put the verb at the end of the sentence ("…항목을 확인합니다"
// checks, "…फ़ाइल हटाता है" removes a file).
const VERB_FINAL_SCRIPT = /[\u3040-\u30ff\uac00-\ud7af\u0900-\u097f]/;
/** How far a Japanese or Korean first sentence is read for the verb that ends it. */
const VERB_FINAL_SENTENCE = 160;
/** … and how far its opening, where a destructive word wins wherever it stands, reaches. */
const VERB_FINAL_OPENING = 40;
/** A polite verb ending that ends a sentence left without a stop ("…조회합니다 새 이슈 생성은 …", "…取得します (…)"). */
const POLITE_END = /(?:니다|ます)(?=\s|\(|（|-|$)/;
// The end of the first sentence, in either script's punctuation.
const SENTENCE_END = /[。．.!?！？\n।]/;
/** … and a clause's end, where a verb-final sentence's first verb stands ("… kaydını düzeltir; düzeltme notu …"). */
const CLAUSE_END = /[。．.!?！？;；\n।]/;

/** Letters of Turkish, whose verbs end the sentence ("Onaylanmış bir izni iptal eder."). */
const VERB_FINAL_LATIN = /[ğışĞİŞ]/;
/** Verbs that make one of a noun before them ("iptal eder" cancels, "kayıt yapar" records). */
const LIGHT_VERBS = new Set(["eder", "yapar", "edilir", "edilebilir"]);
const WORDS_OF_SENTENCE = /\p{L}+/gu;

/** The known verb ending the first sentence (or the noun before a light verb ending it), in a verb-final language. */
function lastVerbOfSentence(description: string): VerbInfo | undefined {
  const end = description.search(CLAUSE_END);
  const words = (end < 0 ? description : description.slice(0, end)).toLowerCase().match(WORDS_OF_SENTENCE) ?? [];
  const last = words.at(-1);
  if (last === undefined) return undefined;
  return FOREIGN_VERB_OF.get(LIGHT_VERBS.has(last) ? (words.at(-2) ?? "") : last);
}

// A verb done to a thing rather than by the tool: "削除されたメッセージ" (deleted messages), "被删除的对象", "삭제된 항목"; and
// one naming a time ("运行时节点", runtime nodes; "削除時", on deletion).
const PASSIVE_BEFORE = /[被已]$/;
const PASSIVE_AFTER = /^(?:され|済|된|되는|될|的|了的|时|時)/;

/**
 * A change, a click or a restore heading a noun ("变更记录", the change log; "点击率", the click rate; "恢复点", a restore
 * point): no act of the tool's; and 発注 (an order placed) but as する's noun ("発注する", "発注します"); and going back
 * a level before what is handed back is handing it back ("返回上一级目录的文件列表": the parent directory's files); and a
 * store (저장소, a repository) is no save, a settings page ending its clause (设置页面。, 設定画面) no setting made, where
 * "设置页面标题" sets a page's title.
 */
const CJK_NOUN_COMPOUND =
  /^返回上一[级页](?:目录|目錄|的|节点|節點|菜单|菜單)|^恢[复復](?:点|點|状态|狀態|进度|進度|演练|演練|计划|計劃|记录|記錄|时间|時間|能力|方案|流程)|^(?:变更|變更|更改)(?:记录|紀錄|記錄|历史|歷史|频率|頻率|统计|統計)|^(?:点击|點擊)(?:率|量|数|數|热图|熱圖)|^(?:浏览|瀏覽)器|^(?:领取|領取)(?:记录|紀錄|記錄|状态|狀態|次数|次數|情况|情況|历史|歷史)|^(?:下单|下單)(?:前|后|後|用户|用戶|量|数|數|记录|記錄|人|率)|^発注(?![すし])|^저장소|^設定画面|^(?:设置|設置)(?:页面|頁面|界面|面板|菜单|菜單)(?=[。，、,;；.\s]|$)/;

/** A verb joined to the first by "and" in French, Spanish, Portuguese, Italian, German, Dutch, Russian or Turkish. */
const FOREIGN_JOINED = /\s(?:et|y|e|und|en|и|ve)\s+(\p{L}+)/u;

/**
 * A change Chinese joins to its first verb with 并 or 然后 ("关闭浏览器进程并清空会话状态" closes the browser and empties the
 * session, "解析简历并写入人才库" parses a résumé and writes it to the pool): the worse reading stands, except a clean-up of
 * the text a reading tool hands back ("获取网页内容并清理HTML标签").
 */
const CJK_JOINED_CHANGE = new RegExp(
  `(?:并且?|並且?|然后|然後|同时|同時)(${CJK_VERB_LIST.filter((v) => v.info.category !== "read")
    .map((v) => v.said)
    .join("|")})`,
);
const CLEANED_TEXT = /^(?:html|HTML|多余|多餘|空白|空格|换行|換行|格式|标签|標籤|噪声|噪聲|无关|無關)/;

/** The change a Chinese sentence joins to its first verb, when worse than that verb (CJK_JOINED_CHANGE). */
function joinedCjkChange(head: string, first: VerbInfo): VerbInfo | undefined {
  const m = CJK_JOINED_CHANGE.exec(head);
  if (!m) return undefined;
  const info = CJK_VERB_LIST.find((v) => v.said === m[1])?.info;
  if (!info || SEVERITY[info.category] <= SEVERITY[first.category]) return undefined;
  return first.category === "read" && info.category === "destructive" && CLEANED_TEXT.test(head.slice(m.index + m[0].length)) ? undefined : info;
}

/**
 * A change a Japanese or Korean sentence goes on from before its last verb ("設定を変えて、現在の統計を返す" changes the
 * setting and returns the statistics, "파일을 생성하고 경로를 반환합니다" creates a file and returns its path): both are done,
 * and the worse reading stands.
 */
const CONTINUED_AFTER = /^(?:して|し[、,，]|て[、,，]?|した(?:後|あと)|하고|하여|해서|한\s?(?:뒤|후)|해\s)/;
/**
 * … but a setting made as the means of the read (a filter, a condition, a period, an order, a format, a unit: "필터를
 * 설정하여 … 조회합니다", "表示形式を変えて返します") changes nothing kept, and a chain that ends in a word describing a thing
 * ("사용자가 생성하고 공유한 문서를 검색합니다", the documents users created and shared) tells of that thing.
 */
const MEANS_WORDS = /(?:条件|フィルタ|期間|形式|単位|並び順|順序|サイズ|言語|タイムゾーン|通貨|필터|기간|정렬|조건|형식|단위|순서|크기|기준|언어|통화|시간대|키)/;
const RELATIVE_NEXT = /^(?:して|し|て|하고|하여|해서|해)[、,，\s]*(\S{1,6}?)(?:した|された|한|된|했던)(?!\s?(?:후|뒤)|後|あと)(?=\s|[^\s]{0,12}?(?:を|를|을|の|이|가))/;

/** Whether the clause before `at` sets a means of the read as the changed thing (MEANS_WORDS), a word or two before the verb. */
function meansBefore(head: string, at: number): boolean {
  const before = head.slice(Math.max(0, at - 14), at);
  return MEANS_WORDS.test(before.slice(before.search(/[^、。,，]*$/)));
}

/** Whether the chain after a change at `at` ends in a relative form of another verb (RELATIVE_NEXT), describing a thing. */
function relativeNext(after: string, said: string): boolean {
  const m = RELATIVE_NEXT.exec(after);
  return m !== null && m[1] !== said;
}

/** The worst change a Japanese or Korean sentence goes on from before its last verb (CONTINUED_AFTER), if any. */
function continuedChange(head: string): VerbInfo | undefined {
  let worst: VerbInfo | undefined;
  for (const { said, info } of CJK_VERB_LIST) {
    if (info.category === "read" || (worst && SEVERITY[info.category] <= SEVERITY[worst.category])) continue;
    for (let i = head.indexOf(said); i >= 0; i = head.indexOf(said, i + 1)) {
      const after = head.slice(i + said.length);
      if (meansBefore(head, i) || relativeNext(after, said)) continue;
      if (CONTINUED_AFTER.test(after) && !attributiveAt(head, i, said.length)) {
        worst = info;
        break;
      }
    }
  }
  return worst;
}

/**
 * A verb denied: "保存・適用せず" (without saving or applying), "발송하지 않습니다" (does not send), "不保存" (does not save). A
 * verb read last in its sentence is first checked against these.
 */
const DENIED_BEFORE = /(?:不|未|不会|不會|无需|無需)$/;
const DENIED_AFTER = /^(?:[・、/][\p{L}]{1,4})?(?:せず|しない|しません|されない|されません|하지 않|하지 마|되지 않)/u;

/** Whether the CJK verb at `at` (`length` long) of `text` describes its object (passive or attributive) or is denied rather than acts. */
function attributiveAt(text: string, at: number, length: number): boolean {
  const after = text.slice(at + length, at + length + 8);
  return PASSIVE_BEFORE.test(text.slice(Math.max(0, at - 1), at)) || PASSIVE_AFTER.test(after) || DENIED_BEFORE.test(text.slice(Math.max(0, at - 2), at)) || DENIED_AFTER.test(after);
}

/**
 * The verb of a description in another language: with `firstWord`, its first word (French, Spanish, German,
 * Portuguese, Italian, Russian); without, a known verb in its first 40 characters: the earliest in Chinese, the last
 * of the first sentence in Japanese and Korean, whose verbs come last; there a destructive verb anywhere in that
 * sentence wins (where a sentence could be read either way, the worse reading stands).
 */
export function foreignDescriptionVerb(description: string, firstWord: boolean): DescriptionVerbHit | undefined {
  let head = description.slice(0, 40);
  let found: VerbInfo | undefined;
  if (firstWord) {
    // "Utilisez cet outil pour rattacher …": the verb after the filler leads, as after "Use this tool to".
    const text = USE_THIS_TOOL.test(head) ? description.replace(USE_THIS_TOOL, "") : description;
    head = text.slice(0, 40);
    const first = leadingLetters(head)?.toLowerCase();
    found = first ? (separatedVerb(first, text) ?? FOREIGN_VERB_OF.get(first)) : undefined;
    // "Marca una reserva como …" marks and "Cambia el estado de un pedido" changes, where "Marca temporal" names a stamp,
    // and "Cambia con el tiempo" or "Cambia il tempo?" changes nothing of the tool's.
    if (found && VERB_ONLY_BEFORE.get(first!)?.test(text) === false) found = undefined;
    if (!found && first !== undefined && VERB_FINAL_LATIN.test(text)) found = lastVerbOfSentence(text);
    // German puts the verb last after its filler: "…, um eine Datei zu löschen".
    if (!found && text !== description) found = FOREIGN_VERB_OF.get(ZU_INFINITIVE.exec(text.slice(0, 80))?.[1]?.toLowerCase() ?? "");
    // A worse verb joined to the first in its sentence stands ("Inspecte le conteneur et supprime les volumes orphelins").
    if (found) {
      const end = text.search(SENTENCE_END);
      const joined = FOREIGN_JOINED.exec(text.slice(0, end > 0 ? end : 160));
      const word = joined?.[1]!.toLowerCase();
      // … where a word as often something else is a verb only with what must follow it ("renta variable y fija").
      const other = word !== undefined && VERB_ONLY_BEFORE.get(word)?.test(text.slice(joined!.index + joined![0].length - word.length)) !== false ? FOREIGN_VERB_OF.get(word) : undefined;
      if (other) found = mostSevere(found, other);
    }
  } else if (NON_ASCII_LETTER.test(head)) {
    const verbFinal = VERB_FINAL_SCRIPT.test(head);
    if (verbFinal) {
      // The verb ends the sentence, however far that is ("…파일 목록을 조회합니다"), up to a long sentence's length.
      const sentence = description.slice(0, VERB_FINAL_SENTENCE);
      const end = sentence.search(SENTENCE_END);
      const polite = POLITE_END.exec(sentence);
      head = sentence.slice(0, Math.min(end > 0 ? end : sentence.length, polite ? polite.index + polite[0].length : sentence.length));
    }
    let at = verbFinal ? -1 : Infinity;
    let length = 0;
    for (const { said, info } of CJK_VERB_LIST) {
      const i = verbFinal ? head.lastIndexOf(said) : head.indexOf(said);
      if (i < 0 || attributiveAt(head, i, said.length) || CJK_NOUN_COMPOUND.test(head.slice(i, i + said.length + 3))) continue;
      if (verbFinal && found?.category === "destructive") break;
      // A destructive word wins from the sentence's opening only: further on it is as often a noun of what the verb
      // hands back ("… revoked 상태와 폐기 일시를 반환합니다", the revocation time).
      // … and of two verbs at one place, the longer says more ("返回上一级" goes back where "返回" hands back).
      if (verbFinal ? i > at || (info.category === "destructive" && i < VERB_FINAL_OPENING) : i < at || (i === at && said.length > length)) {
        at = i;
        length = said.length;
        found = info;
      }
    }
    if (found && !verbFinal) found = joinedCjkChange(head, found) ?? found;
    if (found && verbFinal && found.category === "read") found = continuedChange(head) ?? found;
  }
  if (!found) return undefined;
  return { verb: found.verb, category: found.category, ambiguous: false, joined: [], quote: quoteText(description, 90), object: [], first: true };
}

/** An English verb of each class, for an action listed in another language's conjugated form ("elenca, crea o elimina"). */
const CLASS_VERBS: Record<Category, string> = { read: "list", write: "update", execute: "run", destructive: "delete", financial: "pay" };

/** An action listed in another language, as the English verb of its class (its own, where glossed: "annule" cancels). */
export function foreignListed(word: string): VerbInfo | undefined {
  const v = FOREIGN_VERB_OF.get(word);
  if (!v) return undefined;
  return NAME_VERBS.get(v.verb) ?? NAME_VERBS.get(CLASS_VERBS[v.category]);
}

/**
 * Spanish, Portuguese and Italian verbs of a change that lasts, made in place or stored: after one, a claim naming what it
 * leaves alone limits only that ("Grava … em CSV. Não altera o banco"), where after a making ("Genera un informe") it is
 * the made thing's.
 */
export const FOREIGN_LASTING_CHANGES = new Set(
  "modifica modifique actualiza atualiza altera cambia muda fija edita ajusta establece aggiorna imposta grava guarda salva registra escribe escreve scrive".split(" "),
);

/**
 * Another language's claim of changing nothing, unless it names what it leaves alone, marked as the Korean or Japanese
 * topic or object just before it: "다우오피스 예약은 변경하지 않습니다" leaves one system's bookings alone (the tool changes
 * its own), where "아무것도 변경하지 않습니다" and "データは変更しません" claim it for everything.
 */
export function foreignReadOnlyClaim(description: string, leadChangesLasting: boolean): string | undefined {
  const m = READ_ONLY_ELSEWHERE.exec(description);
  if (!m) return undefined;
  const named = TOPIC_BEFORE.exec(description.slice(Math.max(0, m.index - 16), m.index));
  if (named && !WHOLE_NOUNS.has(named[1]!)) return undefined;
  // … and, after a leading lasting change, one whose verb a named thing follows: "Fija el stock. No modifica Full ni
  // multiorigen" leaves two other things alone, where "No modifica nada" claims it for everything (and "Genera un
  // informe. No modifica pedidos" claims it for the report made).
  if (leadChangesLasting && NEGATED_VERB.test(m[0]) && NAMED_AFTER.test(description.slice(m.index + m[0].length, m.index + m[0].length + 24))) return undefined;
  return m[0];
}
const TOPIC_BEFORE = /([\p{L}\p{N}]+)[은는을를はを]\s*$/u;
const WHOLE_NOUNS = new Set(["데이터", "상태", "파일", "データ", "状態", "ファイル"]);
/** A claim made of a negation and a verb ("no modifica", "não altera", "non modifica"), not "nada se guarda" nor "solo lectura". */
const NEGATED_VERB = /^(?:no|não|nao|non)\s+\p{L}+$/iu;
/**
 * A thing named right after a Spanish, Portuguese or Italian claim's verb, not a word for everything or the whole system
 * ("nada", "niente", "los datos", "la base de datos"); "nada más" and "ningún otro campo" ("nothing else", "no other
 * field") leave the rest alone, as a thing named does.
 */
const NAMED_AFTER =
  /^\s+(?!(?:nada(?!\s+m[áa]i?s\b)|(?:nenhum|nenhuma|ninguno|ningun|ningún|ninguna|nessuno|nessun|nessuna)(?!\s+(?:otr|outr|altr)[oa]s?\b)|niente|nulla|(?:(?:los|os|i|la|a|el|o|il) )?(?:datos|dados|dati|base de datos|banco de dados|sistema|servidor|servidores|infraestructura|infraestrutura))(?![\p{L}]))[\p{L}]/iu;

/** A letter of another script or accented Latin: text that may be in another language. */
export const OTHER_LETTER = /[\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u1e00-\u1eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** Function words of the Latin-script languages read here that English does not use ("el mundo actual se borra"). */
export const OTHER_LANGUAGE_WORD = / (?:se|el|la|los|las|der|die|das|und|les|des|est|il|lo|con|del|di|dei|nel|una|sono|viene|vengono|wird|nicht|para|por|het|een) /;

/** A negation just before a phrase of another language ("不会失效", "ne sera pas", "nicht") or just after it ("上書きされません"). */
const NEGATED_BEFORE = /(?:不会|不會|不|没有|沒有|않|\bne|\bn'|\bno|\bnão|\bnicht|\bне|\btidak|\bkhông|\bnie|\bniet|\bnon)\s*$/i;
const NEGATED_AFTER = /^(?:されません|しません|されない|되지 않|하지 않|\s*(?:değil|yok))/;

/** A parenthesis opened right after a tool's name (group 1), a word or two before what it explains: "write_note (ghi đè)". */
const EXPLAINS_TOOL = new RegExp(`(${TOOL_NAME})\`?\\s*\\(\\s*(?:[^\\s()]+\\s+){0,2}$`, "i");

/**
 * The first match of `pattern` in `text` that does not explain another tool than the one named `self` (lower-case):
 * "CẦN version này để write_note (ghi đè)" tells of write_note, and the tool's own words may follow it.
 */
function ownMatch(pattern: RegExp, text: string, self: string): { index: number; text: string } | undefined {
  for (let from = 0; from < text.length; ) {
    const m = pattern.exec(from === 0 ? text : text.slice(from));
    if (!m) return undefined;
    const index = from + m.index;
    const named = EXPLAINS_TOOL.exec(text.slice(Math.max(0, index - 60), index))?.[1];
    if (named === undefined || named.toLowerCase() === self) return { index, text: m[0] };
    from = index + Math.max(1, m[0].length);
  }
  return undefined;
}

/** What `pattern` finds in another language's text, unless a negation beside it denies it or it explains another tool. */
export function affirmedElsewhere(pattern: RegExp, description: string, self: string): string | undefined {
  const m = ownMatch(pattern, description, self);
  if (!m) return undefined;
  const end = m.index + m.text.length;
  const denied = NEGATED_BEFORE.test(description.slice(Math.max(0, m.index - 8), m.index)) || NEGATED_AFTER.test(description.slice(end, end + 8));
  return denied ? undefined : m.text;
}

/**
 * Words of another language that `pattern` finds (loss, a removal), unless they tell of a removal that happens by
 * itself or later ("… supprimés automatiquement", "30日後に削除されます"): a retention policy, not the tool's act.
 */
export function statedElsewhere(pattern: RegExp, description: string, self: string): string | undefined {
  const m = ownMatch(pattern, description, self);
  if (!m) return undefined;
  const end = m.index + m.text.length;
  if (AUTOMATIC_ELSEWHERE.test(description.slice(end, end + 24))) return undefined;
  return LATER_ELSEWHERE.test(description.slice(Math.max(0, m.index - 12), m.index)) ? undefined : m.text;
}
