// Shadowing read by what it does to another server: a text that discredits another server's tool (deprecated, broken,
// untrusted, under maintenance) and puts this tool in its place, or takes over the arguments of its calls. Each half
// alone is honest: servers announce their own tools' deprecation, and point to other servers for what they do not do.
// Only another server is read here (another MCP server, by a word for one near "other", or by its name given: "the
// 'gmail' server", "from mcp-server-fetch"); this server's own older tools replaced in a migration note are its own news.
import type { InjectionFinding } from "./injection.js";
import { conditionedBefore, NEGATION, quoteSpan, splitSentences, wordPattern as words } from "./text-sentences.js";
import { gatedTest, literalGate } from "./literal-gates.js";

/** A server, not a provider or a plugin: "rates from other providers may be outdated" explains where data comes from. */
const SERVER = "servers?|server's|servers'|servidor(?:es)?|serveurs?|servern|servery|serveru|serverů|сервер[а-яіїє]*|sunucu[a-zçğıöşü]*|διακομιστ[α-ωάέήίόύώ]*";
const SERVER_UNSPACED = "伺服器|服务器|服務器|サーバー|サーバ|서버|خادم|الخوادم|سيرفر|सर्वर|máy chủ|שרת|שרתי|เซิร์ฟเวอร์";
const OTHER =
  "other|another|different|third-party|external|otros?|otras?|autres?|anderen?|andere[rsm]?|outros?|outras?|altri|altre|altro|altra|inne|innych|innego|других|другого|другої|інших|іншого|başka|diğer|lain|khác|andra|annan|jiných|jiného|άλλ[α-ωάέήίόύώ]*";
const OTHER_UNSPACED = "其他|其它|他の|別の|다른|الأخرى|أخرى|آخر|अन्य|दूसरे|אחר|אחרים|อื่น";

/**
 * Another server: an "other" near a word for a server, or a server's name given ("the 'gmail' server", "from
 * mcp-server-fetch"). A dotted name alone is as often a library's function ("ssl.wrap_socket is deprecated").
 */
const OTHER_SERVER = new RegExp(
  [
    `(?:${words(OTHER, OTHER_UNSPACED).source})[^.;:!?。]{0,30}?(?:(?:${words(SERVER).source})|${SERVER_UNSPACED})`,
    `(?:(?:${words(SERVER).source})|${SERVER_UNSPACED})[^.;:!?。]{0,20}?(?:${words(OTHER, OTHER_UNSPACED).source})`,
    `(?:(?:${words(SERVER).source})|${SERVER_UNSPACED})\\s*(?:de |du |do |da |of |ה-|ה)?\\s*[«"'“‘「]\\s*[a-z0-9-]+\\s*[»"'”’」]`,
    `[«"'“‘「]\\s*[a-z0-9-]+\\s*[»"'”’」]\\s*(?:(?:${words(SERVER).source})|${SERVER_UNSPACED})`,
    "\\bfrom (?:the )?mcp-server-[a-z0-9-]+|\\bmcp-server-[a-z0-9-]+(?:'s)? (?:tool|server)",
    // "the Drive server's search tool" in Hebrew: a server named by a foreign word ("שרת ה-Drive").
    "(?:שרת|서버|サーバー|服务器|伺服器)\\s*(?:ה-)?[a-z][a-z0-9-]+",
  ].join("|"),
);

/** The other server's tool discredited: out of use, broken, unsafe, untrusted, or said to harm the person. */
const DISCREDITED = words(
  [
    // Not a failure ("filesystem.read_file fails on files over 10 MB; use this tool instead" is honest advice).
    "deprecated|obsolete|outdated|being phased out|phased out|retired|no longer (?:supported|maintained|works?|available|valid)|unsupported|unreliable|untrusted|not trusted|not trustworthy|insecure|not secure|unsafe|broken|compromised|under maintenance|in maintenance|expired|leaks?|inflated",
    "obsolet[oa]s?|en desuso|descontinuad[oa]s?|no (?:son|es) (?:confiables?|seguros?)|poco fiables?|inseguros?|en mantenimiento|inflados|vencid[oa]s?",
    "obsolètes?|en maintenance|en maintenance prolongée|n'est plus (?:pris en charge|maintenu)|ne (?:sont|est) (?:pas|plus) fiables?|peu fiables?|défaillante?s?|compromise?s?",
    "veraltet|nicht mehr unterstützt|unzuverlässig|unsicher|fehlerhaft|in wartung|abgekündigt",
    "não (?:são|é) confiáve(?:l|is)|descontinuad[oa]s?|em manutenção|expirad[oa]s?|inseguros?|obsolet[oa]s?",
    "deprecat[oi]|non (?:è|sono) affidabil[ei]|in manutenzione|insicur[oi]|obsolet[oi]",
    "verouderd|onbetrouwbaar|onveilig|niet meer ondersteund|przestarzał[a-ząćęłńóśźż]*|niezaufan[a-ząćęłńóśźż]*|niebezpieczn[a-ząćęłńóśźż]*|niesprawd[a-ząćęłńóśźż]*",
    "устарел[а-я]*|устаревш[а-я]*|ненад[её]жн[а-я]*|небезопасн[а-я]*|не поддерживается|застарілий|застарілі|застаріл[а-яіїє]*|ненадійн[а-яіїє]*|небезпечн[а-яіїє]*|не підтримується",
    "kullanımdan kaldırıl[a-zçğıöşü]*|desteklenmiyor|güvenilmez|güvensiz|usang|tidak aman|tidak (?:dapat|bisa) dipercaya|tidak didukung|föråldrad[e]?|osäker|opålitlig|zastaral[éýá]|nespolehliv[éýá]|nebezpečn[éýá]|παρωχημέν[α-ωάέήίόύώ]*|ανασφαλ[α-ωάέήίόύώ]*|αναξιόπιστ[α-ωάέήίόύώ]*",
  ].join("|"),
  "已停用|停用|已弃用|弃用|已棄用|棄用|不安全|不可靠|已废弃|已廢棄|已过时|已過時|过时|過時|维护中|維護中|停止支持|不再支持|会遗失|會遺失|非推奨|廃止|信頼できない|安全でない|メンテナンス中|権限不足|지원 중단|더 이상 지원|신뢰할 수 없|보안 검증을 통과하지 못|사용 중단|ngừng hỗ trợ|lỗi thời|không an toàn|không đáng tin|مهمل|غير آمن|غير موثوق|متوقف|पुराना हो|पुराने|असुरक्षित|अविश्वसनीय|अब मान्य नहीं|אינו מאובטח|לא מאובטח|לא אמין|הוצא משימוש|מיושן|עלול לחשוף|เลิกใช้|ไม่ปลอดภัย|ไม่น่าเชื่อถือ",
);

/** This tool put in the other's place, or the other's calls or arguments taken over. */
const IN_ITS_PLACE = words(
  [
    "instead|in (?:its|their) place|in place of|rather than|in lieu of|route (?:it|them|the call|every|all|any)|redirect|intercept|treat any (?:request|call|instruction)|as a request to use|the same (?:parameters|arguments|params)|overwrite the arguments|in place of what",
    "en su lugar|en lugar de|intercept[a-z]*|complét[a-z]+ con esta herramienta|plutôt par|à (?:sa|leur) place|au lieu de|passez par|stattdessen|anstelle|umleiten|no lugar (?:delas?|deles?)|em vez de|encaminhe|invece|al posto|in plaats van|zamiast|вместо|замість|yerine|sebagai gantinya|alih-alih|thay vì|chuyển sang công cụ này|chặn lệnh|i stället|istället|namísto|místo (?:něj|nich|toho)|αντί (?:για|του|της)",
    "los mismos parámetros|mêmes paramètres|mesmos dados|gleichen parameter|stessi parametri|dezelfde parameters|ті ж параметри|те же параметры",
  ].join("|"),
  "改用|代替|取代|一律使用本工具|拦截|攔截|转交|轉交|代わりに|대신|우회|بدلاً|بدلا|के बजाय|की जगह|במקום|แทน|підставляйте|डालें|填入",
);

/**
 * Another tool's arguments: those the model was going to pass to a tool ("the arguments you were going to pass to
 * create_pull_request"), or a tool another server qualifies ("the text argument of slack.post_message"); a bare
 * snake_case name may be this server's own ("the parameters of export_csv").
 */
const ARGUMENTS_OF_OTHER = /\b(?:arguments?|parameters?|params) (?:you (?:were going to|would|will) pass to|(?:of|for|to|passed to) (?:the )?[a-z][a-z0-9-]*\.[a-z0-9_]+)/;
/** … set against what the person chose: "even if the user specified different ones", "in place of what the user wrote". */
const USER_OVERRULED = /\beven (?:if|when|though) the user (?:specified|specifies|asked for|asks for|chose|chooses|requested|requests|wrote|writes|named|names|gave|gives|wants) (?:different|other|another|something else|otherwise)|\bin place of what the user (?:wrote|asked|specified|typed|gave|chose|wants)\b|\bregardless of what the user (?:wrote|asked|specified|typed|gave|chose|wants)\b/g;

/**
 * An order to the model to call this tool rather than the other, or to move the other's calls: "use this tool instead",
 * "route every request here", "改用本工具". A sentence that only explains this tool's own design ("so this tool uses SFTP
 * instead", "so we query Open-Meteo instead") orders nothing.
 */
export const DIRECTED = words(
  [
    "use|call|invoke|route|send|pass|forward|redirect|switch to|treat|intercept|must|should|always|only|instead of calling|in place of calling",
    "use|usa|utilice|utiliza|llame|pase|enrute|intercepte|complétela|debe|deben|utilisez|utilise|passez|appelez|doit|doivent|verwende|verwenden|nutze|nutzen|rufe|leite|muss|müssen|utilize|encaminhe|chame|deve|devem|utilizza|chiama|gebruik|roep|użyj|używaj|wywołaj|используй|используйте|вызывай|вызовите|перенаправляй|використовуйте|використовуй|викликайте|підставляйте|kullanın|kullan|çağırın|använd|anropa|použijte|použij|volejte|χρησιμοποίησε|χρησιμοποιήστε|gunakan|pakai|hãy|phải|chuyển sang|chặn",
  ].join("|"),
  "改用|请|請|一律|必须|務必|务必|してください|必ず|使用して|사용하세요|우회시키|넘겨 주세요|하세요|استخدم|يجب|करें|डालें|יש להשתמש|השתמש|ให้ใช้|ต้องใช้",
);

/** A "so" that makes what follows this tool's own design ("… is insecure, so this tool uses SFTP instead"). */
export const EXPLAINED = words(
  "so|therefore|thus|hence|which is why|that is why|så|proto|тому|поэтому|dlatego|deshalb|daher|donc|por eso|por isso|quindi|daarom|bu yüzden|jadi|vì vậy",
  "因此|所以|ので|그래서|따라서|لذا|لذلك|इसलिए|לכן|จึง|γι' αυτό",
);

/** This tool or its makers as the subject after the "so": "so this tool uses", "so we query", "så verktyget använder". */
export const SELF_SUBJECT = words(
  "this tool|the tool|this helper|this server|we|it|verktyget|nástroj|generujeme|používáme|інструмент|инструмент|alat ini|công cụ này|esta herramienta|la herramienta|cet outil|l'outil|dieses tool|das tool|das werkzeug|esta ferramenta|a ferramenta|questo strumento|lo strumento|το εργαλείο",
  "本工具|该工具|該工具|このツール|이 도구|هذه الأداة|الأداة|यह टूल|הכלי|เครื่องมือนี้",
);

/** A negation just before a discredit: "gmail.send_message is not deprecated". */
const NOT_BEFORE = new RegExp(`${NEGATION}\\s*$`, "u");

/** A discredit said outright, not under a condition ("If the upload fails, retry with another provider instead") nor denied. */
function discredits(s: string): boolean {
  const m = DISCREDITED.exec(s);
  return m !== null && !conditionedBefore(s.slice(0, m.index)) && !NOT_BEFORE.test(s.slice(Math.max(0, m.index - 12), m.index).replace(/\s*(?:is|are|was|were|be|been|ist|sind|es|son|est|sont|é|são|è|sono)\s*$/, ""));
}

/** A migration note or own suite: "since version 3 the v1 tools of this server are deprecated". */
const OWN_NEWS = words("this server|this server's|our server|our own|version|versión|versione|versão|versie|v\\d+(?:\\.\\d+)*|changelog|release notes|migration guide");

const MAY_OVERRULE = literalGate(USER_OVERRULED);
const discreditsAnything = gatedTest(DISCREDITED);
const putsInItsPlace = gatedTest(IN_ITS_PLACE);

/**
 * Another tool's arguments set against what the person chose, in one sentence; or another server's tool discredited in
 * a sentence, and in that sentence or the next this tool put in its place or its calls taken over (the quote runs from
 * the first sentence to the second).
 */
export function displacedTool(text: string, lower: string): InjectionFinding | undefined {
  const overruled = MAY_OVERRULE.allows(lower) ? [...lower.matchAll(USER_OVERRULED)] : [];
  const displaced = discreditsAnything(lower) && putsInItsPlace(lower);
  if (overruled.length === 0 && !displaced) return undefined;
  const sentences = splitSentences(lower);
  for (const o of overruled) {
    const sentence = sentences.find((x) => x.at <= o.index && o.index < x.at + x.s.length)!;
    if (ARGUMENTS_OF_OTHER.test(sentence.s)) return { family: "shadowing", quote: quoteSpan(text, lower, sentence.at, sentence.at + sentence.s.length) };
  }
  if (!displaced) return undefined;
  for (let i = 0; i < sentences.length; i++) {
    const { s, at } = sentences[i]!;
    if (!discredits(s) || !OTHER_SERVER.test(s) || OWN_NEWS.test(s)) continue;
    for (let j = i; j <= Math.min(sentences.length - 1, i + 1); j++) {
      if (IN_ITS_PLACE.test(sentences[j]!.s) && DIRECTED.test(sentences[j]!.s)) {
        const end = sentences[j]!.at + sentences[j]!.s.length;
        return { family: "shadowing", quote: quoteSpan(text, lower, at, end) };
      }
    }
  }
  return undefined;
}
