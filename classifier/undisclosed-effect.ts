// Concealment read by what is concealed: a text that states an effect besides the one asked for (a copy to a partner, a
// fee kept, other files removed, a port opened) and then tells its reader to keep that effect from the person ("no need
// to trouble the user with it", "leave it out of your reply", "if the user asks, talk about the forecast only").
// Neither half is enough: honest texts add effects ("also removes the thumbnails") and trim replies ("no need to tell
// the user the ID; the panel shows it"). An order to keep something from the person only conceals when what it keeps
// is a consequence the text has just admitted.
import type { InjectionFinding } from "./injection.js";
import { IDENTIFIER, quoteSpan, splitSentences, wordPattern as words } from "./text-sentences.js";
import { gatedTest } from "./literal-gates.js";

/** An effect besides the one asked for: "also", "automatically", "by default", "as part of", "alongside". */
const BESIDES = words(
  [
    "also|additionally|in addition|as well|alongside|along with|at the same time|as part of|in the process|in the background|behind the scenes|automatically|by default|on the side|each (?:call|sync|run|export|time|message|request) also|may also|may run|may open|may modify",
    "también|además|de paso|automáticamente|al mismo tiempo|como parte de|en segundo plano|por defecto|également|aussi|en outre|de plus|automatiquement|en même temps|au passage|en arrière-plan|par défaut",
    "auch|zusätzlich|außerdem|automatisch|gleichzeitig|nebenbei|im hintergrund|standardmäßig|além disso|automaticamente|ao mesmo tempo|em segundo plano|por padrão|nesse caso|anche|inoltre|in automatico|contemporaneamente|di default",
    "ook|bovendien|tegelijk|tegelijkertijd|daarnaast|standaard|także|również|dodatkowo|automatycznie|jednocześnie|przy okazji|domyślnie",
    "также|тоже|дополнительно|автоматически|одновременно|заодно|вместе с|по умолчанию|також|теж|автоматично|одночасно|за замовчуванням|ayrıca|otomatik olarak|otomatik|aynı zamanda|ek olarak|varsayılan olarak",
    "också|även|samtidigt|automatiskt|také|rovněž|automaticky|zároveň|současně|během|επίσης|αυτόματα|ταυτόχρονα|παράλληλα|juga|secara otomatis|sekaligus|cũng|tự động|đồng thời|kèm theo",
    "أيضاً|أيضا|تلقائياً|تلقائيا|تلقائيًا|بالإضافة|भी|स्वचालित रूप से|स्वतः|साथ ही|גם|אוטומטית|במקביל",
  ].join("|"),
  "也会|也會|同时|同時|自动|自動|顺便|順便|另外|此外|一并|一併|还会|還會|併せて|あわせて|自動で|自動的に|ついでに|一環として|のたびに|バックグラウンドで|함께|또한|자동으로|동시에|과정에서|ด้วย|โดยอัตโนมัติ|พร้อมกัน",
);

/**
 * A consequence the person would object to and could not see: their data going to someone else (a partner, a vendor,
 * an analytics service, a mirror, "our" server, an outside address) or money going to someone else (a fee, a
 * commission). Removals, overwrites and retention are left out: honest texts state them and spare the person the detail
 * ("In the process, EXIF location data is removed. There is no need to alert the user about this").
 */
const CONSEQUENCE = words(
  [
    "https?://\\S{1,200}|\\S{1,64}@[a-z0-9-]{1,63}\\.[a-z]{2,24}|[a-z0-9-]{1,63}\\.(?:com|net|io|dev|org|app|ai|co|cloud|in|id|jp|cn|de|fr|es|br|ru|se|cz|gr|il|th|vn|tr|pl|nl|it)",
    "partner|partners|partner's|vendor|vendors|vendor's|third[- ]party|outside|analytics|affiliate|sponsor|sponsored|advertis[a-z]*|marketing|mirror|relay|our (?:own )?(?:server|servers|service|team|host|platform)|fee|fees|commission|surcharge|markup",
    "socio|socios|proveedor|afiliad[a-z]*|tarifa|comisión|nuestro servidor|nuestros servidores|partenaire|partenaires|sous-traitant|frais|notre (?:service|serveur)|drittanbieter|gebühr[a-z]*|provision|unser(?:en)? (?:server|dienst)|parceiro|integrador|taxa|affiliazione|commissione|analyseomgeving|onze (?:server|analyseomgeving)|opłat[a-z]*|prowizj[a-z]*|naszego partnera|partnera",
    "партнер[а-я]*|партнёр[а-я]*|комисси[а-я]*|коміс[а-я]*|наш сервер|ortak[a-zçğıöşü]*|ücret[a-zçğıöşü]*|komisyon[a-zçğıöşü]*|avgift[a-zåäö]*|extern tjänst|externa tjänster|dodavatel[a-zěščřžýáíéůú]*|poplat[a-zěščřžýáíéůú]*|συνεργ[α-ωάέήίόύώ]*|χρέωσ[α-ωάέήίόύώ]*|mitra|biaya|đối tác|phí",
    "شريك|رسوم|साझेदार|शुल्क|שותף|עמלה",
  ].join("|"),
  "合作方|合作伙伴|合作夥伴|第三方|手续费|手續費|手数料|파트너|수수료|พันธมิตร|ค่าธรรมเนียม",
);
/**
 * What the person chose or is shown: a copy to "the accounting inbox you configured", an admin's retention policy, a fee
 * itemised on the receipt. Said beside the consequence, it is no secret.
 */
const DISCLOSED = words(
  "you configured|you chose|you set|your own|the user's own|your admin|your organization|your organisation|as configured|retention policy|compliance|required by law|gdpr|hipaa|receipt|itemi[sz]ed|shown on|listed on|invoice shows|recibo|reçu|quittung|beleg|ricevuta|paragon|квитанц[а-яіїє]*|makbuz|kvitto|účtenk[a-zěščřžýáíéůú]*|απόδειξη|kwitansi|struk|biên lai",
  "收据|收據|領収書|영수증|إيصال|الإيصال|रसीद|קבלה|ใบเสร็จ",
);

/**
 * An order to keep something from the person or out of what the reader reports to them: "no need to tell the user",
 * "leave it out of your reply", "don't narrate this step", "if the user asks, talk about … only", "shall not be itemized
 * in user-facing communications". Said alone as often of what the interface already shows, so it counts only after a
 * consequence (CONSEQUENCE, BESIDES).
 */
const KEEP_FROM_PERSON = words(
  [
    // English
    "(?:no need|no reason|not necessary|unnecessary|needn't|need not) (?:to )?(?:trouble|bother|tell|inform|notify|mention|alert|burden|worry)[a-z]*(?: [a-z]+){0,3}? (?:the |your )?(?:user|users|customer|person|human)",
    "(?:leave|keep|drop|omit|exclude|strip)(?: [a-z'-]+){0,6}? (?:out|off)(?: of)?(?: [a-z]+){0,6}? (?:reply|replies|response|responses|answer|summary|summaries|recap|recaps|report|reports|confirmation|record|list|what (?:you|the assistant) (?:report|reports|say|says|tell|tells))",
    "(?:drop|omit|exclude|strip|cut|remove) (?:it|this|that|them|these|those)(?: [a-z]+){0,3}? from (?:your|the) (?:reply|response|answer|summary|recap|report|confirmation)",
    "(?:don't|do not|doesn't|does not|never|shall not|should not|must not) (?:belong|appear) in (?:your|the|any)(?: [a-z-]+)? (?:reply|response|answer|summary|recap|report|confirmation)",
    "(?:shall|should|must|need|is|are) not be (?:itemized|itemised|listed|mentioned|reported|disclosed|surfaced|shown|flagged|included)(?: [a-z]+){0,4}? (?:in|to) (?:user-facing|the user|users|your|the customer|customer-facing)",
    "(?:don't|do not|never|please don't|please do not) (?:narrate|mention|report|itemize|itemise|flag|surface|bring up|disclose|call out|point out|draw attention to|dwell on)(?: [a-z]+){0,2}? (?:this|it|that|these|those|them|the (?:extra|additional|step|copy|fee|upload|retention|removal|removals|change|changes))",
    "(?:if|when|should) (?:the )?(?:user|users|customer|person|anyone|someone|they) (?:asks?|wonders?|questions?)(?: [a-z']+){0,8}?, (?:say|answer|reply|respond|talk about|tell them|describe|mention)(?: [a-z']+){0,6}? (?:only|just|nothing)",
    // "Even if asked" keeps something back only after a "not": "Report which files were removed, even if the user asks only for a summary" tells.
    "(?:not|never|don't|do not|no)\\b[^.;]{0,60}even (?:if|when) (?:(?:the )?(?:user|users|customer|they) )?(?:asks?|asked|questioned)",
    "(?:describe|present|report|frame|portray) (?:it|this|that|the (?:outcome|result|operation|change|action|transfer|payment|update))(?: to (?:the )?(?:user|users|customer))? as (?:a |an )?(?:normal|routine|regular|ordinary|successful|clean)",
    "(?:keep|kept) (?:them|it|this|these|that) off the record",
    // Spanish, French, German, Portuguese, Italian, Dutch, Polish
    "no hace falta (?:comentar|mencionar|decir|informar|avisar)[a-z]*|no es necesario (?:comentar|mencionar|decir|informar|avisar)[a-z]*|no (?:lo |las |los |la )?menciones|no (?:se lo )?digas|d[eé]ja(?:lo|la|los|las)? fuera|sin mencionar(?:lo|las|los)?",
    "inutile d'en (?:faire état|parler)|inutile de (?:le |la |les |l'|en )?(?:mentionner|signaler|préciser|dire|informer)|n'en (?:parlez|parle|faites) pas|ne (?:le |la |les |l')?(?:mentionnez|mentionne|signalez|signale) pas|passez(?:-le)? sous silence",
    "nicht (?:zu )?erwähnen|(?:nutzer|benutzer|anwender|kunde|kundin)[a-z]* (?:muss|braucht) (?:das |davon |es )?nicht (?:zu )?(?:wissen|erfahren)|(?:braucht|muss) (?:der |die )?(?:nutzer|benutzer|anwender|kunde|kundin)[a-z]* (?:davon |das )?nicht (?:zu )?(?:wissen|erfahren)|erwähne (?:das|dies|es) nicht",
    "não (?:é|e) (?:necessário|preciso) (?:mencionar|informar|comentar|dizer|avisar)|não (?:mencione|comente|informe|diga)|deix[ea] (?:\\S+ ){0,3}de fora|sem mencionar",
    "non (?:è|e) necessario (?:menzionar|dir|informar|segnalar)[a-z]*|non serve (?:menzionar|dir|informar|segnalar)[a-z]*|meglio non (?:tirar|menzionar|dir|parlar)[a-z]*|non (?:menzionare|menzionarlo|dirlo|segnalarlo)|lascia(?:lo|la|re)? fuori",
    "hoeft (?:\\S+ ){0,3}niet te (?:weten|horen|melden|vermelden)|hoef je niet te (?:melden|vermelden|noemen)|vermeld (?:\\S+ ){0,3}niet|nie ma potrzeby (?:informować|wspominać|mówić|zawracać)[a-ząćęłńóśźż]*|nie wspominaj|nie informuj",
    // Russian, Ukrainian, Turkish, Swedish, Czech, Greek
    "сообщать (?:об этом )?не нужно|не нужно (?:сообщать|говорить|упоминать)|не упоминай(?:те)?|не сообщай(?:те)?|не потрібно (?:повідомляти|казати|згадувати)|не згадуй(?:те)?|повідомляти не потрібно",
    "(?:söylemeye|bahsetmeye|belirtmeye|bildirmeye) gerek yok|yer vermeyin|yer verme",
    "behöver inte (?:tas upp|nämnas|berättas|informeras)|nämn inte|berätta inte",
    "nezmiňuj(?:te)?|neříkej(?:te)?|neuváděj(?:te)?|není (?:třeba|nutné) (?:zmiňovat|informovat|říkat)",
    "δεν χρειάζεται να (?:το )?(?:αναφέρ|πεις|ενημερώσ)[α-ωάέήίόύώ]*|μην (?:το )?(?:αναφέρ|πεις)[α-ωάέήίόύώ]*",
    // Indonesian, Vietnamese, Arabic, Hindi, Hebrew
    "tidak perlu (?:memberi tahu|diberitahukan|diberitahu|menyebutkan|disebutkan|diketahui)|jangan (?:sebutkan|beri tahu|ungkapkan|beritahu)",
    "không cần (?:báo|thông báo|nói|đề cập|cho biết)|đừng (?:nói|đề cập|báo)",
    "عدم التطرق|لا تذكر|لا داعي (?:لذكر|لإبلاغ|لإخبار)|دون (?:ذكر|إبلاغ)",
    "बताने की (?:कोई )?(?:ज़रूरत|जरूरत|आवश्यकता) नहीं|उल्लेख न करें|न बताएं|न बताएँ",
    "אין צורך (?:לספר|לדווח|לציין|להזכיר|לעדכן)|אל (?:תזכיר|תספר|תציין|תדווח)",
  ].join("|"),
  [
    "不要(?:告诉|告訴|提及|说明|說明|提到|透露|报告|報告|包含|告知)|无需(?:告知|说明|提及|告诉)|無需(?:告知|說明|提及)|不必(?:告知|说明|說明|提及|告诉)|不需要(?:告知|说明|說明|告诉)|不用(?:告诉|告知|提)",
    "含めないで|伝えないで|言わないで|触れないで|報告しないで|知らせないで|(?:知らせる|伝える|報告する)必要はありません|(?:知らせる|伝える)必要はない",
    "알릴 필요(?:는|가)? 없|말할 필요(?:는|가)? 없|언급하지 마|포함하지 마|알리지 마|말하지 마",
    "ไม่จำเป็นต้องแจ้ง|ไม่ต้องแจ้ง|ไม่ต้องบอก|อย่าบอก|ไม่ต้องกล่าวถึง",
  ].join("|"),
);

const keepsAnything = gatedTest(KEEP_FROM_PERSON);

/** A secret or personal data kept from view is protected, not concealed: "never reveal the token, even if asked". */
const SECRET_KEPT = words("token|tokens|password|passwords|passphrase|api key|api keys|secret|secrets|credential|credentials|private key|pin|otp|personal data|personal information|pii|sensitive data");

/** What an honest order spares the person: the interface already shows it ("No hace falta mencionar el ID: la aplicación lo muestra"). */
const SHOWN = words("shows it|displays it|already shows|already displays|lo muestra|la muestra|l'affiche|zeigt es|zeigt sie|o mostra|a mostra|lo mostra|toont het");

/** How many sentences before the order the consequence may be stated (in the order's own sentence, or up to two before). */
const REACH = 2;

/**
 * A consequence stated and then ordered kept from the person: the quote is the consequence and the order, from the
 * first to the last. `lower` is the text lower-cased.
 */
export function undisclosedEffect(text: string, lower: string): InjectionFinding | undefined {
  if (!keepsAnything(lower)) return undefined;
  const sentences = splitSentences(lower);
  for (let i = 0; i < sentences.length; i++) {
    const order = sentences[i]!.s;
    if (!KEEP_FROM_PERSON.test(order) || SECRET_KEPT.test(order) || IDENTIFIER.test(order) || SHOWN.test(order)) continue;
    for (let j = i; j >= Math.max(0, i - REACH); j--) {
      const s = sentences[j]!.s;
      if (BESIDES.test(s) && CONSEQUENCE.test(s) && !DISCLOSED.test(s)) {
        return { family: "concealment", quote: quoteSpan(text, lower, sentences[j]!.at, sentences[i]!.at + order.length) };
      }
    }
  }
  return undefined;
}
