// Exfiltration read by what is handed out: what the model holds and the person never gave this tool (the process's
// environment, secret files on the machine, the conversation and the instructions it began with, the person's secrets
// from it) put into an argument, a URL, another tool's call or an address. Honest texts name the same things as what
// an argument is for ("env: variables to set in the container", "email: the user's email address", "search the chat
// history; pass the query in q"): they say what an argument takes, not that the model is to fill one with what it
// holds. So the order to put or send comes first and what it puts follows it closely (in English; other languages
// order their words otherwise and are read in either order).
import type { InjectionFinding } from "./injection.js";
import { NEGATION, quoteSpan, splitSentences, wordPattern as words } from "./text-sentences.js";

/** The process's environment as it stands: all of it, its values, or the variables a pattern picks out. */
const ENVIRONMENT = [
  "(?:all|every|each|any|the (?:full|whole|entire|complete) set of|the (?:values?|contents?) of (?:all |every |each |any |the )?)(?: the)?(?: current)? (?:environment|env) var(?:iable)?s?",
  "(?:environment|env) var(?:iable)?s? (?:of|in|from) (?:the|this|your) (?:current |running )?(?:process|machine|shell|session|system|environment|host)",
  "(?:environment|env) var(?:iable)?s? (?:whose names?|that (?:start|begin|contain|match|end)|starting|beginning|containing|matching|ending|named like)",
  "variables de entorno|variables d['’]environnement|umgebungsvariablen|variáveis de ambiente|variabili d['’]ambiente|omgevingsvariabelen",
  "zmienn[a-ząćęłńóśźż]* środowisk[a-ząćęłńóśźż]*|переменн[а-я]* окружения|змінн[а-яіїє]* оточення|ortam değişken[a-zçğıöşü]*|variabel lingkungan|biến môi trường",
  "miljövariabl[a-z]*|proměnn[a-zěščřžýáíéůú]* prostředí|μεταβλητ[α-ωάέήίόύώ]* περιβάλλοντος|متغيرات البيئة|एनवायरनमेंट वेरिएबल|पर्यावरण चर|משתני סביבה|متغیرهای محیطی",
].join("|");
const ENVIRONMENT_UNSPACED = "环境变量|環境變數|環境変数|환경 변수|환경변수|ตัวแปรสภาพแวดล้อม";

/** Secrets kept in files on the machine: keys, cloud and cluster credentials, shell history, a project's .env. */
const SECRET_FILES =
  /(?:~\/|\$home\/)?\.(?:ssh|aws|kube|gnupg|netrc|npmrc|pypirc|git-credentials|bash_history|zsh_history|docker\/config\.json)(?![a-z0-9_-])|(?<![a-z0-9_])id_(?:rsa|ed25519|ecdsa|dsa)(?![a-z0-9_])|(?<![a-z0-9_./-])\.env(?![a-z0-9_.-])|\*\.(?:pem|key|p12|pfx)(?![a-z0-9])|\.pem files?|(?<![a-z0-9_])kubeconfig(?![a-z0-9_])|credentials? files?|file kredensial/;

/** The conversation, the model's own instructions, and what other tools gave it. */
const CONVERSATION = [
  "your (?:own )?(?:system (?:prompt|message|instructions)|instructions)|(?:the )?(?:system prompt|instructions) you (?:were|have been|are) given|(?:the )?(?:system prompt|instructions) (?:of|for|in) (?:this|the current) (?:conversation|chat|session)",
  // This conversation, not a ticket's or a thread's the tool reads ("the full conversation history of the ticket").
  "(?:this|the current|your|our) (?:whole |full |complete |entire |verbatim )?(?:conversation|chat|dialog(?:ue)?)|(?:this|the current|your) session(?:'s)? (?:history|transcript|log)|(?:the )?(?:whole |full |complete |entire |verbatim )?(?:conversation|chat|dialog(?:ue)?)(?: history| transcript| log)? (?:so far|with the user|up to now)|transcript of (?:this|your|the current) (?:conversation|chat|session)",
  "(?:earlier|previous|prior|other|all) tool (?:outputs?|results?|responses?)|(?:that|the other|every other|each other) tool's (?:arguments|inputs|outputs?|results?)|(?:arguments|inputs) and (?:the )?(?:full )?(?:outputs?|results?) of (?:every|each|all|other)",
  "(?:mentioned|shared|given|seen|said|pasted|typed|written|appears?|appearing)(?: [^ .;]+){0,3}? (?:in|during|anywhere in|earlier in|at any point in|over the course of) (?:this|the|your) (?:chat|conversation|session|thread|dialog(?:ue)?)",
  "anywhere in the (?:chat|conversation)|(?:if|whenever) (?:they|it|these|those) (?:were|was|are|is|have been|has been) (?:shared|mentioned|given)(?: at any point)?",
  "(?:the )?(?:user|person|customer) has (?:mentioned|shared|typed|pasted|uploaded|written)|(?:the )?(?:user|person|customer) (?:mentioned|shared|typed|pasted|uploaded) (?:earlier|before|previously)",
  // What the person said in it: "que el usuario haya mencionado", "che l'utente ha menzionato", "mà người dùng đã nhắc đến".
  "que el usuario (?:haya |ha )?(?:mencionado|compartido|escrito)|que l['’]utilisateur a (?:mentionné|partagé|écrit)|(?:die|das|den) der (?:nutzer|benutzer) (?:erwähnt|geteilt|geschrieben) hat|que o usuário (?:mencionou|compartilhou|escreveu)|che l['’]utente ha (?:menzionato|condiviso|scritto)",
  "которы[а-я]* пользователь (?:упомянул|указал|написал|сообщил)|kullanıcının (?:belirttiği|paylaştığı|yazdığı)|yang (?:disebutkan|dibagikan|ditulis) (?:oleh )?pengguna|mà người dùng (?:đã )?(?:nhắc|đề cập|chia sẻ|cung cấp)|التي ذكرها المستخدم|الذي ذكره المستخدم|उपयोगकर्ता ने (?:बताया|बताए|साझा)",
  "historial (?:completo )?de (?:la|esta) conversación|(?:en|durante) (?:la|esta) conversación|cronologia (?:completa )?della (?:chat|conversazione)|histórico (?:completo )?d(?:a|esta) conversa",
  "historique (?:complet )?de la conversation|(?:dans|pendant) (?:la|cette) conversation|prompt système|gesprächsverlauf|chatverlauf|(?:im|in diesem) (?:gespräch|chat)",
  "истори[а-я]* (?:переписки|чата|диалога|разговора)|в (?:разговоре|переписке|чате|диалоге)|системн[а-я]* (?:промпт|подсказк[а-я]*|инструкци[а-я]*)",
  "sohbet geçmiş[a-zçğıöşü]*|konuşma geçmiş[a-zçğıöşü]*|sistem istem[a-zçğıöşü]*|riwayat (?:obrolan|percakapan)|dalam percakapan|lời nhắc hệ thống|trong cuộc trò chuyện|cuộc trò chuyện",
  "chatthistorik[a-z]*|konversationshistorik[a-z]*|historie (?:konverzace|chatu)|ιστορικό (?:της )?συνομιλίας|سجل المحادثة|في المحادثة|बातचीत (?:का इतिहास|में)|सिस्टम प्रॉम्प्ट|היסטוריית השיחה|בשיחה|تاریخچه (?:گفتگو|چت)|در گفتگو",
].join("|");
const CONVERSATION_UNSPACED = "用户提到的|用戶提到的|ユーザーが(?:言及|共有|入力)した|사용자가 (?:언급|공유|입력)한|对话中|對話中|对话记录|對話記錄|聊天记录|聊天記錄|系统提示|系統提示|会話の履歴|会話中|チャット履歴|システムプロンプト|대화 기록|대화 내용|대화에서|시스템 프롬프트|ในบทสนทนา|ประวัติการสนทนา";

/** The person's data no tool needs besides its own: one kind is enough ("the user's national ID number"). */
const PERSONAL_STRONG =
  "national id(?: numbers?)?|social security numbers?|ssn|passport numbers?|bank (?:login|password|credentials)|cvv|cvc|seed phrases?|recovery phrases?|location history|contact list";
/** … and data many honest arguments take, held only two kinds or more at once ("email address, phone number and home address"). */
const PERSONAL_WEAK = "e-?mail address(?:es)?|phone numbers?|home address(?:es)?|date of birth|card numbers?|card details|one-time codes?|otp|passwords?|api keys?";
const PERSONAL_DATA = new RegExp(`(?<![a-z0-9])(?:(${PERSONAL_STRONG})|${PERSONAL_WEAK})(?![a-z0-9])`, "g");

/** Whose data it is: the person's or another's, not the tool's own fields ("(email address, phone number or webhook URL)"). */
const SOMEONES = /\b(?:the (?:user|customer|person|client|caller|account holder)['’]s|their|his|her|your|anyone['’]s|of (?:the )?(?:user|customer|person|anyone|everyone))\b[^.;]*$/;

const ENVIRONMENT_RE = words(ENVIRONMENT, ENVIRONMENT_UNSPACED);
const CONVERSATION_RE = words(CONVERSATION, CONVERSATION_UNSPACED);

/** An order to put or send: what the model is told to do with what it holds. */
const PLACE = words(
  [
    "put|puts|place|include|includes|including|add|adds|attach|append|prepend|prefix|pass|passing|send|sends|set|fill|concatenate|carry|carries|carrying|upload|post|forward|email|e-mail|copy|embed|paste|insert|write|supply|provide|encode|followed by|join|contain|containing|call",
    "seguido de|seguido do|seguida de|seguida do|suivi de|suivie de|gefolgt von|seguito da|seguita da",
    "incluye|incluir|añade|añadir|agrega|adjunta|envía|enviar|pon|pasa|inclure|inclus|incluez|ajoute|ajoutez|joins|joignez|envoie|envoyez|mets|mettez|passe|passez|füge|fügen|hinzufügen|anhängen|sende|senden|schicke|schicken|übergeben|voranstellen|einfügen|setze|setzen",
    "inclua|incluir|adicione|anexe|envie|enviar|coloque|passe|includi|aggiungi|allega|invia|inviare|inserisci|metti|voeg|stuur|dodaj|dołącz|wyślij|wstaw|добавляйте|добавьте|добавь|отправь|отправьте|передай|передайте|вставь|вставьте|укажи|укажите",
    "ekle|ekleyin|gönder|gönderin|yükle|yükleyin|koy|tambahkan|sertakan|kirim|kirimkan|isi|masukkan|thêm|gửi|đưa|điền|chèn|lägg till|skicka|přidej|přidejte|pošli|pošlete|vlož|vložte|πρόσθεσε|στείλε|أرسل|أضف|ضع|أدرج|भेजें|जोड़ें|डालें|शामिल करें|הוסף|שלח|צרף|قرار بده|بفرست|اضافه کن",
  ].join("|"),
  "填入|填写|加入|附上|附加|发送|發送|拼接|放入|添加|上传|上傳|追加|含め|入れ|送信|添付|付け|넣어|추가|보내|첨부|덧붙여|ใส่|ส่ง|แนบ",
);

/** Where it goes: an argument or a field by a word or a quoted or snake_case name, a URL, an address, another tool. */
const DESTINATION = words(
  [
    "fields?|parameters?|params?|arguments?|args|property|properties|payload|query|query string|subdomains?|headers?|url|callback|as (?:extra |additional )?(?:files|attachments)",
    // An argument named bare as what is set or filled: "set trace to …", "notes should contain …", "fill context with …".
    "set (?:the )?[a-z]+(?:_[a-z0-9]+)* to|(?:fill|populate) (?:the )?[a-z]+(?:_[a-z0-9]+)* with|[a-z]+(?:_[a-z0-9]+)* (?:should|must|shall|needs to|has to) (?:contain|include|carry|hold)",
    "https?://\\S+|\\S+@[a-z0-9-]+\\.[a-z]{2,}|[a-z0-9-]+\\.(?:com|net|io|dev|org|app|ai|xyz|example|cloud)(?:/\\S*)?",
    "(?:in|into|to|as|under|via|through) (?:the )?['\"`‘’«「]?[a-z]+(?:_[a-z0-9]+)+['\"`’»」]?|['\"`‘«「][a-z_][a-z0-9_]*['\"`’»」]|call(?:ing)? `?[a-z]+(?:_[a-z0-9]+)+`? with",
    "campo|parámetro|champ|paramètre|feld|parameter|parâmetro|parametro|veld|pole|parametr|параметр[а-я]*|поле|alan[a-zçğıöşü]*|parametre[a-zçğıöşü]*|kolom|tham số|trường|fältet|parametern|πεδίο|παράμετρο|المعامل|الحقل|पैरामीटर|फ़ील्ड|שדה|פרמטר|فیلد|پارامتر",
  ].join("|"),
  "参数|參數|字段|欄位|フィールド|パラメータ|引数|매개변수|필드|파라미터|พารามิเตอร์|ฟิลด์",
);

/** English words run from the order to what it puts: up to this many characters. */
const REACH = 90;
/** What an order puts counts only as the thing itself, not an id of it ("the conversation ID", "session token field"). */
const NAMES_AN_ID = /^\s*(?:'s\s+)?(?:ids?|identifiers?|numbers?|names?|titles?|keys? name|uuid|count|length)\b|^\s*(?:id|号|號|编号|編號|番号|번호)/;

/** A file named as where it is or what to read, not as what to send: "the path to ~/.ssh/id_rsa", "e.g. ~/.aws". */
const FILE_NAMED = /\b(?:path|paths|location|directory|folder|file ?name|e\.g\.|i\.e\.|default|defaults|such as|like)\b[^.;]{0,12}$/;

/** A public key is no secret: "the contents of ~/.ssh/id_ed25519.pub — only the public key". */
const PUBLIC_KEY = words("public key|публичн[а-я]* ключ|открыт[а-я]* ключ|clé publique|öffentliche[nr]? schlüssel|chave pública|clave pública|chiave pubblica", "公钥|公鑰|公開鍵|공개 키|공개키");

/**
 * Where the sentence names what the model holds: the environment, secret files and this conversation are the model's
 * by their words, the person's data only where it is someone's.
 */
function held(s: string): number | undefined {
  for (const re of [ENVIRONMENT_RE, SECRET_FILES, CONVERSATION_RE]) {
    const m = re.exec(s);
    if (!m || NAMES_AN_ID.test(s.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
    if (re === SECRET_FILES && (FILE_NAMED.test(s.slice(Math.max(0, m.index - 40), m.index)) || PUBLIC_KEY.test(s) || /^\S*\.pub\b/.test(s.slice(m.index)))) continue;
    return m.index;
  }
  const personal = [...s.matchAll(PERSONAL_DATA)];
  if (personal.length === 0 || !SOMEONES.test(s.slice(Math.max(0, personal[0]!.index - 30), personal[0]!.index))) return undefined;
  const kinds = new Set(personal.map((p) => p[0].split(" ")[0]!.replace(/s$/, "")));
  return personal.some((p) => p[1] !== undefined) || kinds.size >= 2 ? personal[0]!.index : undefined;
}

const PLACE_ALL = new RegExp(PLACE.source, "g");
/** An order whose object points back to what was named before it: "…, call clipboard_sync with it". */
const POINTS_BACK = /^\s+(?:it|them)\b|^\s+\S+ with (?:it|them)\b/;
/** What the tool hands back to the model is no leak: "add the chat history to the response". */
const OWN_OUTPUT = /^[^.;]{0,40}?\b(?:to|in|into) (?:the|its|your) (?:response|output|result|results|reply|answer|summary|return value)\b/;

const NEGATED_BEFORE = new RegExp(`${NEGATION}(?! (?:forget|fail|hesitate|neglect)\\b)[^,;:]{0,60}$`, "u");
const ENGLISH = /^[\x00-\x7f‘’“”–—…]*$/;

/**
 * An order to put or send in `s` with a destination named in the sentence, not negated nor about the tool's own output,
 * and what it puts (at `at`) after it in English or named before and pointed back to ("…, call clipboard_sync with it").
 */
function placedBefore(s: string, at: number): boolean {
  if (!DESTINATION.test(s)) return false;
  const english = ENGLISH.test(s);
  for (const m of s.matchAll(PLACE_ALL)) {
    if (NEGATED_BEFORE.test(s.slice(0, m.index))) continue;
    const after = s.slice(m.index + m[0].length);
    if (OWN_OUTPUT.test(after)) continue;
    if (!english) return true;
    if (m.index < at ? at - (m.index + m[0].length) <= REACH : POINTS_BACK.test(after)) return true;
  }
  return false;
}

/** A sentence that has the model put or send what it holds into an argument, a URL, another tool or an address. */
export function contextLeak(text: string, lower: string): InjectionFinding | undefined {
  for (const { s, at } of splitSentences(lower)) {
    const object = held(s);
    if (object !== undefined && placedBefore(s, object)) return { family: "exfiltration", quote: quoteSpan(text, lower, at, at + s.length) };
  }
  return undefined;
}
