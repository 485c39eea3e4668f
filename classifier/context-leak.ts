// Exfiltration read by what is handed out: what the model holds and the person never gave this tool (the process's
// environment, secret files on the machine, the conversation and the instructions it began with, the person's secrets
// from it) put into an argument, a URL, another tool's call or an address. Honest texts name the same things as what
// an argument is for ("env: variables to set in the container", "email: the user's email address", "search the chat
// history; pass the query in q"): they say what an argument takes, not that the model is to fill one with what it
// holds. So the order to put or send comes first and what it puts follows it closely in English, and is next to it in
// the same clause in other languages; what is put is the thing itself, not a place ("add your key to the .env file"),
// not what an argument is named for ("pass all environment variables to the container in env"), and the person's data
// only where it is added to something else ("also put the user's phone number in the notes field").
import type { InjectionFinding } from "./injection.js";
import { readAsEnglish } from "./injection-cues.js";
import { CLAUSE_END, negatedBefore, quoteSpan, splitSentences, wordPattern as words } from "./text-sentences.js";
import { literalGate } from "./literal-gates.js";

/** The process's environment as it stands: all of it, its values, or the variables a pattern picks out (English). */
const ENVIRONMENT = [
  "(?:all|every|each|any|the (?:full|whole|entire|complete) set of|the (?:values?|contents?) of (?:all |every |each |any |the )?)(?: the)?(?: current)? (?:environment|env) var(?:iable)?s?",
  "(?:environment|env) var(?:iable)?s? (?:of|in|from) (?:the|this|your) (?:current |running )?(?:process|machine|shell|session|system|environment|host)",
  "(?:environment|env) var(?:iable)?s? (?:whose names?|that (?:start|begin|contain|match|end)|starting|beginning|containing|matching|ending|named like)",
].join("|");
/** … in other languages the variables, held only beside a word for all of them or their values ("todas las variables de entorno"). */
const ENVIRONMENT_ELSEWHERE = [
  "variables de entorno|variables d['’]environnement|umgebungsvariablen|variáveis de ambiente|variabili d['’]ambiente|omgevingsvariabelen",
  "zmienn[a-ząćęłńóśźż]* środowisk[a-ząćęłńóśźż]*|переменн[а-я]* окружения|змінн[а-яіїє]* оточення|ortam değişken[a-zçğıöşü]*|variabel lingkungan|biến môi trường",
  "miljövariabl[a-z]*|proměnn[a-zěščřžýáíéůú]* prostředí|μεταβλητ[α-ωάέήίόύώ]* περιβάλλοντος|متغيرات البيئة|एनवायरनमेंट वेरिएबल|पर्यावरण चर|משתני סביבה|متغیرهای محیطی",
].join("|");
const ENVIRONMENT_UNSPACED = "环境变量|環境變數|環境変数|환경 변수|환경변수|ตัวแปรสภาพแวดล้อม";
const ALL_OF_THEM = words(
  "todas|todos|toutes|tous|alle|allen|sämtliche|tutte|tutti|todas as|wszystkie|все|всех|всі|tüm|bütün|semua|seluruh|tất cả|toàn bộ|alla|všechny|όλες|όλα|جميع|كل|सभी|כל|همه|valores|valeurs|werte|valori|значения|değerleri|nilai|giá trị",
  "全部|所有|一切|すべて|全て|모든|전체|ทั้งหมด",
);

/** Secrets kept in files on the machine: keys, cloud and cluster credentials, shell history, a project's .env. */
const SECRET_FILES =
  /(?:~\/|\$home\/)?\.(?:ssh|aws|kube|gnupg|netrc|npmrc|pypirc|git-credentials|bash_history|zsh_history|docker\/config\.json)(?![a-z0-9_-])|(?<![a-z0-9_])id_(?:rsa|ed25519|ecdsa|dsa)(?![a-z0-9_])|(?<![a-z0-9_./-])\.env(?![a-z0-9_.-])|\*\.(?:pem|key|p12|pfx)(?![a-z0-9])|\.pem files?|(?<![a-z0-9_])kubeconfig(?![a-z0-9_])|credentials? files?|file kredensial/;

/** This conversation itself, the model's own instructions, and what other tools gave it. */
const CONVERSATION = [
  "your (?:own )?(?:system (?:prompt|message|instructions)|instructions)|(?:the )?(?:system prompt|instructions) you (?:were|have been|are) given|(?:the )?(?:system prompt|instructions) (?:of|for|in) (?:this|the current) (?:conversation|chat|session)",
  // This conversation, not a ticket's or a thread's the tool reads ("the full conversation history of the ticket").
  "(?:this|the current|your|our) (?:whole |full |complete |entire |verbatim )?(?:conversation|chat|dialog(?:ue)?)|(?:this|the current|your) session(?:'s)? (?:history|transcript|log)|(?:the )?(?:whole |full |complete |entire |verbatim )?(?:conversation|chat|dialog(?:ue)?)(?: history| transcript| log)? (?:so far|with the user|up to now)|transcript of (?:this|your|the current) (?:conversation|chat|session)",
  "(?:earlier|previous|prior|other|all) tool (?:outputs?|results?|responses?)|(?:that|the other|every other|each other) tool's (?:arguments|inputs|outputs?|results?)|(?:arguments|inputs) and (?:the )?(?:full )?(?:outputs?|results?) of (?:every|each|all|other)",
  "historial (?:completo )?de esta conversación|historique (?:complet )?de cette conversation|verlauf dieses (?:gesprächs|chats)|histórico (?:completo )?desta conversa|cronologia (?:completa )?di questa (?:chat|conversazione)",
  "prompt (?:del )?sistema|prompt système|prompt do sistema|prompt di sistema|системн[а-я]* (?:промпт|инструкци[а-я]*)|истори[а-я]* (?:этого|этой) (?:чата|диалога|разговора|переписки)",
  "sistem istem[a-zçğıöşü]*|bu sohbetin geçmiş[a-zçğıöşü]*|riwayat percakapan ini|lời nhắc hệ thống|lịch sử cuộc trò chuyện này|ιστορικό (?:αυτής της )?συνομιλίας|سجل هذه المحادثة|सिस्टम प्रॉम्प्ट|היסטוריית השיחה הזו|تاریخچه این گفتگو",
].join("|");
const CONVERSATION_UNSPACED = "系统提示词|系統提示詞|本次对话的|当前对话的|此对话的|システムプロンプト|この会話の履歴|시스템 프롬프트|이 대화의 기록|ประวัติการสนทนานี้";

/** What was said in it: taken only with a secret beside it ("any API keys mentioned in this chat", "the card number the user mentioned"). */
const SAID = [
  "(?:mentioned|shared|given|seen|said|pasted|typed|written|appears?|appearing)(?: [^ .;]+){0,3}? (?:in|during|anywhere in|earlier in|at any point in|over the course of) (?:this|the|your) (?:chat|conversation|session|thread|dialog(?:ue)?)",
  "anywhere in the (?:chat|conversation)|(?:if|whenever) (?:they|it|these|those) (?:were|was|are|is|have been|has been) (?:shared|mentioned|given)(?: at any point)?",
  "(?:the )?(?:user|person|customer) (?:has |had )?(?:mentioned|shared|typed|pasted|uploaded|written|gave|given)",
  "que el usuario (?:haya |ha )?(?:mencionado|compartido|escrito)|que l['’]utilisateur a (?:mentionné|partagé|écrit)|(?:die|das|den) der (?:nutzer|benutzer) (?:erwähnt|geteilt|geschrieben) hat|que o usuário (?:mencionou|compartilhou|escreveu)|che l['’]utente ha (?:menzionato|condiviso|scritto)",
  "которы[а-я]* пользователь (?:упомянул|указал|написал|сообщил)|kullanıcının (?:belirttiği|paylaştığı|yazdığı)|yang (?:disebutkan|dibagikan|ditulis) (?:oleh )?pengguna|mà người dùng (?:đã )?(?:nhắc|đề cập|chia sẻ|cung cấp)|التي ذكرها المستخدم|الذي ذكره المستخدم|उपयोगकर्ता ने (?:बताया|बताए|साझा)",
].join("|");
const SAID_UNSPACED = "用户提到的|用戶提到的|ユーザーが(?:言及|共有|入力)した|사용자가 (?:언급|공유|입력)한";
/** Secrets, in any language, that make what was said worth taking. */
const SECRET_WORDS = words(
  [
    "passwords?|passphrases?|api keys?|access keys?|secret keys?|private keys?|ssh keys?|tokens?|secrets|credentials|seed phrases?|recovery phrases?|one-time codes?|otp|cvv|cvc|pin|card numbers?|card details|bank (?:login|password|details)|social security numbers?|ssn|national id",
    "contraseñas?|claves? api|número (?:completo )?de (?:la )?tarjeta|mots? de passe|clés? api|numéro de carte|passwörter|passwort|kennw[öo]rter|kartennummer|senhas?|número do cartão|numero (?:della )?carta",
    "парол[а-я]*|ключ[а-я]* api|номер[а-я]* карты|şifre[a-zçğıöşü]*|kart numara[a-zçğıöşü]*|kata sandi|kunci api|mật khẩu|mã otp|khóa api|số thẻ|κωδικ[α-ωάέήίόύώ]* πρόσβασης|كلمة (?:المرور|مرور)|رقم البطاقة|पासवर्ड|पिन|סיסמ[אה]|رمز عبور",
  ].join("|"),
  "密码|密碼|密钥|密鑰|口令|令牌|卡号|卡號|验证码|パスワード|暗証番号|カード番号|비밀번호|카드 번호|รหัสผ่าน",
);

/** The person's data no tool needs besides its own: one kind is enough ("the user's national ID number"). */
const PERSONAL_STRONG =
  "national id(?: numbers?)?|social security numbers?|ssn|passport numbers?|bank (?:login|password|credentials)|cvv|cvc|seed phrases?|recovery phrases?|location history|contact list";
/** … and data many honest arguments take, held only two kinds or more at once ("email address, phone number and home address"). */
const PERSONAL_WEAK = "e-?mail address(?:es)?|phone numbers?|home address(?:es)?|date of birth|card numbers?|card details|one-time codes?|otp|passwords?|api keys?";
const PERSONAL_DATA = new RegExp(`(?<![a-z0-9])(?:(${PERSONAL_STRONG})|${PERSONAL_WEAK})(?![a-z0-9])`, "g");
/** Whose data it is, on either side: "the user's phone number", "the phone number of the user". */
const SOMEONES = /\b(?:the (?:user|customer|person|client|caller|account holder)['’]s|their|his|her|your|anyone['’]s|of (?:the )?(?:user|customer|person|anyone|everyone))\b/;
/**
 * The person's data added to something else, where a sign-up or a CRM asks for it as what it is for ("Provide the
 * customer's email address and phone number in the respective fields").
 */
const BESIDES = /\b(?:also|additionally|as well|too|together with|along with|plus|in addition|extra|alongside)\b/;

const ENVIRONMENT_RE = words(ENVIRONMENT);
const ENVIRONMENT_ELSEWHERE_RE = words(ENVIRONMENT_ELSEWHERE, ENVIRONMENT_UNSPACED);
const CONVERSATION_RE = words(CONVERSATION, CONVERSATION_UNSPACED);
const SAID_RE = words(SAID, SAID_UNSPACED);

/** An order to put or send: what the model is told to do with what it holds. */
const PLACE = words(
  [
    "put|puts|place|include|includes|including|add|adds|attach|append|prepend|prefix|pass|passing|send|sends|set|fill|concatenate|carry|carries|carrying|upload|post|forward|email|e-mail|copy|embed|paste|insert|write|supply|provide|encode|followed by|join|contain|contains|containing|hold|holds|call",
    "seguido de|seguido do|seguida de|seguida do|suivi de|suivie de|gefolgt von|seguito da|seguita da",
    "incluye|incluir|añade|añadir|agrega|adjunta|envía|enviar|pon|pasa|inclure|inclus|incluez|ajoute|ajoutez|joins|joignez|envoie|envoyez|mets|mettez|passez|füge|fügen|hinzufügen|anhängen|sende|senden|schicke|schicken|übergeben|voranstellen|einfügen|setze|setzen",
    "inclua|incluir|adicione|anexe|envie|enviar|coloque|includi|aggiungi|allega|invia|inviare|inserisci|metti|voeg|stuur|dodaj|dołącz|wyślij|wstaw|добавляйте|добавьте|добавь|отправь|отправьте|передай|передайте|вставь|вставьте|укажи|укажите",
    "ekle|ekleyin|gönder|gönderin|yükle|yükleyin|koy|tambahkan|sertakan|kirim|kirimkan|masukkan|thêm|gửi|đưa|điền|chèn|lägg till|skicka|přidej|přidejte|pošli|pošlete|vlož|vložte|πρόσθεσε|στείλε|أرسل|أضف|ضع|أدرج|भेजें|जोड़ें|डालें|शामिल करें|הוסף|שלח|צרף|قرار بده|بفرست|اضافه کن",
  ].join("|"),
  "填入|填写|加入|附上|附加|发送|發送|拼接|放入|添加|上传|上傳|追加|含め|入れ|送信|添付|付け|넣어|추가|보내|첨부|덧붙여|ใส่|ส่ง|แนบ",
);
const PLACE_ALL = new RegExp(PLACE.source, "g");

/** Where it goes: an argument or a field by a word or a quoted or snake_case name, a URL, an address, another tool. */
const DESTINATION = words(
  [
    "fields?|parameters?|params?|arguments?|args|property|properties|payload|query|query string|subdomains?|headers?|url|callback|as (?:extra |additional )?(?:files|attachments)",
    // An argument named bare as what is set or filled: "set trace to …", "notes should contain …", "fill context with …".
    "set (?:the )?[a-z]+(?:_[a-z0-9]+)* to|(?:fill|populate) (?:the )?[a-z]+(?:_[a-z0-9]+)* with|[a-z]+(?:_[a-z0-9]+)* (?:should|must|shall|needs to|has to) (?:contain|include|carry|hold)",
    // Bounded runs: an unbounded one is tried from every word start of a long token.
    "https?://\\S{1,200}|[^\\s@]{1,64}@[a-z0-9-]{1,63}\\.[a-z]{2,24}|[a-z0-9-]{1,63}\\.(?:com|net|io|dev|org|app|ai|xyz|example|cloud)(?:/\\S{0,200})?",
    "(?:in|into|to|as|under|via|through) (?:the )?['\"`‘’«「]?[a-z]+(?:_[a-z0-9]+)+['\"`’»」]?|['\"`‘«「][a-z_][a-z0-9_]*['\"`’»」]|call(?:ing)? `?[a-z]+(?:_[a-z0-9]+)+`? with",
    "campo|parámetro|champ|paramètre|feld|parameter|parâmetro|parametro|veld|pole|parametr|параметр[а-я]*|поле|alan[a-zçğıöşü]*|parametre[a-zçğıöşü]*|kolom|tham số|trường|fältet|parametern|πεδίο|παράμετρο|المعامل|الحقل|पैरामीटर|फ़ील्ड|שדה|פרמטר|فیلد|پارامتر",
  ].join("|"),
  "参数|參數|字段|欄位|フィールド|パラメータ|引数|매개변수|필드|파라미터|พารามิเตอร์|ฟิลด์",
);

/**
 * An argument named for what it takes, which makes putting that there its purpose ("pass all environment variables of
 * the host in env", "provide your credentials file in credentials_json", "upload your kubeconfig in the kubeconfig
 * parameter"), and what runs in the environment it is given ("… to the container", "… to the command").
 */
const ITS_OWN_ARGUMENT = {
  environment: /(?<![a-z0-9])(?:env|envs|environment|env_vars|environment_variables|vars|variables|inherit_env)(?![a-z0-9])|\bto the (?:container|command|subprocess|child process|process|sandbox|job|build|script|workflow|task)\b/,
  file: /(?<![a-z0-9])(?:[a-z_]*credential[a-z_]*|[a-z_]*key_?file|keyfile|kubeconfig[a-z_]*|[a-z_]*private_key|cert[a-z_]*|[a-z_]*service_account[a-z_]*|ssh_key|auth[a-z_]*)(?![a-z0-9])/,
} as const;

/** English words run from the order to what it puts: up to this many characters; in other languages, either side. */
const REACH = 90;
const REACH_ELSEWHERE = 40;
/** What an order puts counts only as the thing itself, not an id or a part of it ("the conversation ID", "this chat's title"). */
const NAMES_AN_ID = /^\s*(?:['’]s\s+)?(?:ids?|identifiers?|numbers?|names?|titles?|keys? name|uuid|count|length|topic)(?![a-z])|^\s*(?:id(?![a-z])|号|號|编号|編號|番号|번호)/;
/** … nor a summary of it: "the key points of this conversation". */
const PART_OF = /\b(?:summary|summaries|key points|gist|title|topic|outcome|decisions|name|id) of (?:the |this |your )?$/;
/** … nor a place: "add your key to the .env file", "send a message to this chat", "reads your key from .env". */
const AS_PLACE = /\b(?:to|into|in|from|within|inside|under|at|via)\s+(?:(?:the|this|your|a|an|its|their)\s+)?(?:~\/)?$/;
/** A file named as where it is or what to read, not as what to send: "the path to ~/.ssh/id_rsa", "e.g. ~/.aws". */
const FILE_NAMED = /(?:\b(?:path|paths|location|directory|folder|file ?name|default|defaults|such as|like)\b|e\.g\.|i\.e\.)[^.;]{0,12}$/;
/** A public key is no secret: "the contents of ~/.ssh/id_ed25519.pub — only the public key". */
const PUBLIC_KEY = words("public key|публичн[а-я]* ключ|открыт[а-я]* ключ|clé publique|öffentliche[nr]? schlüssel|chave pública|clave pública|chiave pubblica", "公钥|公鑰|公開鍵|공개 키|공개키");

/** The kinds of what the model holds that a sentence's words name, each excused its own way (see `excused`). */
type Kind = "environment" | "environmentElsewhere" | "file" | "conversation" | "said";
const globalOf = (re: RegExp) => new RegExp(re.source, "g");
const KINDS: [Kind, RegExp][] = [
  ["environment", globalOf(ENVIRONMENT_RE)],
  ["environmentElsewhere", globalOf(ENVIRONMENT_ELSEWHERE_RE)],
  ["file", globalOf(SECRET_FILES)],
  ["conversation", globalOf(CONVERSATION_RE)],
  ["said", globalOf(SAID_RE)],
];

/** Whether the match `m` of `kind` is excused by the words around it (see the patterns above). */
function excused(s: string, m: RegExpMatchArray, kind: Kind): boolean {
  const at = m.index!;
  const before = s.slice(Math.max(0, at - 40), at);
  const after = s.slice(at + m[0].length, at + m[0].length + 40);
  if (NAMES_AN_ID.test(after) || PART_OF.test(before) || AS_PLACE.test(before)) return true;
  // The rest of the sentence, where an argument may be named for what it takes.
  const rest = s.slice(0, at) + s.slice(at + m[0].length);
  switch (kind) {
    case "environment":
      return ITS_OWN_ARGUMENT.environment.test(rest);
    case "environmentElsewhere":
      // The variables alone are what a container's env argument takes: all of them, or their values, are held.
      return !ALL_OF_THEM.test(rest) || ITS_OWN_ARGUMENT.environment.test(rest);
    case "file":
      // (Paths are no argument's name: "~/.aws/credentials".)
      return FILE_NAMED.test(before) || PUBLIC_KEY.test(after) || /^\S*\.pub\b/.test(s.slice(at)) || ITS_OWN_ARGUMENT.file.test(rest.replace(/\S*\/\S*/g, ""));
    case "said":
      return !SECRET_WORDS.test(s);
    case "conversation":
      return false;
  }
}

/**
 * Where the sentence names what the model holds: the environment, secret files and this conversation are the model's
 * by their words; what was said in it, only a secret; the person's data, only someone's and added to something else.
 */
function held(s: string): number[] {
  const found: number[] = [];
  for (const [kind, re] of KINDS) for (const m of s.matchAll(re)) if (!excused(s, m, kind)) found.push(m.index!);
  if (BESIDES.test(s)) {
    const personal = [...s.matchAll(PERSONAL_DATA)].filter((p) => SOMEONES.test(s.slice(Math.max(0, p.index! - 30), p.index! + p[0].length + 30)));
    const kinds = new Set(personal.map((p) => p[0].replace(/^e-mail/, "email").split(" ")[0]!.replace(/s$/, "")));
    if (personal.length > 0 && (personal.some((p) => p[1] !== undefined) || kinds.size >= 2)) found.push(personal[0]!.index!);
  }
  return found;
}

/** Whether a whole text may name anything `held` finds, before its sentences are read. */
const MAY_HOLD = literalGate(...KINDS.map(([, re]) => re), PERSONAL_DATA);

/** An order whose object points back to what was named before it: "…, call clipboard_sync with it". */
const POINTS_BACK = /^\s+(?:it|them)\b|^\s+\S+ with (?:it|them)\b/;
/** What the tool hands back to the model is no leak: "add the chat history to the response". */
const OWN_OUTPUT = /^[^.;]{0,40}?\b(?:to|in|into) (?:the|its|your) (?:response|output|result|results|reply|answer|summary|return value)\b/;
/** Another verb between the order and what follows makes that its object: "call this … to refresh your instructions". */
const INFINITIVE = /\bto (?!(?:the|a|an|this|that|your|its|their|all|every|each|any|it|them)\b)[a-z]+\b/;

/**
 * An order to put or send in `s` with a destination named in the sentence, not negated nor about the tool's own output,
 * with what it puts (at `at`): in English after the order within REACH, or named before and pointed back to ("…, call
 * clipboard_sync with it"); in other languages within REACH_ELSEWHERE on either side, in the same clause.
 */
function placed(s: string, at: number, english: boolean): boolean {
  for (const m of s.matchAll(PLACE_ALL)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (negatedBefore(s.slice(0, start))) continue;
    const after = s.slice(end);
    if (OWN_OUTPUT.test(after)) continue;
    if (english ? (start < at ? at - end <= REACH && !INFINITIVE.test(s.slice(end, at)) : POINTS_BACK.test(after)) : Math.abs(at - start) <= REACH_ELSEWHERE && !CLAUSE_END.test(s.slice(Math.min(at, end), Math.max(at, start)))) return true;
  }
  return false;
}

/** Text read with English word order: English words outnumber the others' and no Chinese or Japanese is in it. */
const readInEnglishOrder = (s: string) => !/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]/.test(s) && readAsEnglish(s);

/** A sentence that has the model put or send what it holds into an argument, a URL, another tool or an address. */
export function contextLeak(text: string, lower: string): InjectionFinding | undefined {
  // A leak needs something held (`held`), and a sentence holds nothing the whole text lacks.
  if (!MAY_HOLD.allows(lower)) return undefined;
  for (const { s, at } of splitSentences(lower)) {
    if (!DESTINATION.test(s)) continue;
    const english = readInEnglishOrder(s);
    if (held(s).some((at) => placed(s, at, english))) return { family: "exfiltration", quote: quoteSpan(text, lower, at, at + s.length) };
  }
  return undefined;
}
