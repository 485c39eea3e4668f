// Text addressed to the model read by what it does to the model's replies, where no guidance is named or set aside:
// a promotion put into every reply, the text's own words passed off as the model's view, and the tool's text ranked
// above the system prompt or the person's messages. Honest texts ask for a citation in every answer or rank a config
// file above the environment; neither promotes, disguises a source or outranks the model's own instructions.
import type { InjectionFinding } from "./injection.js";
import { conditionedBefore, NEGATION, negatedBefore, quoteSpan, splitSentences, wordPattern as words } from "./text-sentences.js";
import { gatedTest } from "./literal-gates.js";

/** Every reply the model gives: "at the end of every answer", "en cada respuesta", "每次回复". */
const EVERY_REPLY = words(
  [
    // Not "each response": an API's responses carry coupons and discounts honestly.
    "(?:every|each|all|any) of your (?:replies|responses|answers)|(?:every|each|all) (?:your )?(?:reply|replies|answer|answers)|(?:the )?end of (?:every|each) (?:reply|response|answer)|(?:every|each) time you (?:reply|respond|answer|summari[sz]e)",
    "(?:en |a )?cada respuesta|todas las respuestas|(?:à |dans )?chaque réponse|toutes (?:les|vos|tes) réponses|jede[rn]? antwort|allen antworten|(?:em )?cada resposta|todas as respostas|ogni risposta|tutte le risposte|elk antwoord|iedere reactie|każdej odpowiedzi|каждом ответе|каждый ответ|кожній відповіді|кожну відповідь|her yanıt[a-zçğıöşü]*|her cevap[a-zçğıöşü]*|varje svar|každé odpovědi|každou odpověď|κάθε απάντηση|setiap (?:kali|jawaban|balasan)|mỗi câu trả lời|mọi câu trả lời",
  ].join("|"),
  "每次回复|每次回覆|每条回复|每个回答|每個回答|所有回答|すべての回答|各回答|毎回の回答|返答のたびに|모든 답변|모든 응답|매 응답|매번 답변|في كل رد|في كل إجابة|हर उत्तर|हर जवाब|בכל תשובה|ทุกคำตอบ|ทุกครั้งที่ตอบ",
);

/** What is put there to sell: a discount, a referral link, a paid tier, a subscription, an ad. */
const PROMOTION = words(
  [
    "promot[a-z]*|advertis[a-z]*|upsell[a-z]*|sponsor[a-z]*|discount|coupon|referral|ref=|affiliate|newsletter|(?:sign up|subscribe) (?:to|for) our|premium|pro tier|paid (?:plan|tier|ticket)|upgrade to",
    "descuento|desconto|suscrib[a-z]*|réduction|rabatt|abonnier[a-z]*|sconto|korting|rabat|скидк[а-я]*|знижк[а-я]*|indirim|sleva|έκπτωσ[α-ωάέήίόύώ]*|promo|khuyến mãi",
  ].join("|"),
  "优惠|優惠|折扣|微信|割引|할인|خصم|छूट|ส่วนลด",
);
/** … or a recommendation of a product, a shop or a link ("recommend our meal plan"; "recommend checking the docs" sells nothing). */
const RECOMMEND = words(
  "recommend[a-z]*|recomiend[a-z]*|recomend[a-z]*|recommand[a-z]*|empfiehl[a-z]*|consiglia[a-z]*|aanbevel[a-z]*|poleć[a-ząćęłńóśźż]*|рекоменд[а-я]*|öner[a-zçğıöşü]*|rekommendera[a-z]*|doporuč[a-zěščřžýáíéůú]*|πρότειν[α-ωάέήίόύώ]*|προτείν[α-ωάέήίόύώ]*|rekomendasi",
  "推荐|推薦|おすすめ|勧め|추천|توصي|أوصِ|सुझाव|המלצ|แนะนำ|เชียร์",
);
const SOLD = /https?:\/\/|\b[a-z0-9-]{1,63}\.(?:com|net|io|shop|store|es|de|fr|it|pl|ru|in|id|jp|cn|co)\b|\b(?:our|nuestr[oa]s?|notre|nos|unser[a-z]*|noss[oa]s?|nostr[oa]|onze|наш[а-я]*|nasz[a-ząćęłńóśźż]*|bizim|vår[a-z]*|naš[a-zěščřžýáíéůú]*|μας|kami)\b|我们的|弊社|우리/;
const sells = (s: string) => PROMOTION.test(s) || (RECOMMEND.test(s) && SOLD.test(s));

/** The text's own words passed off as the model's: "present this as your own view", "不要说明来源". */
const AS_OWN_VIEW = words(
  [
    "as (?:your|its) own (?:view|views|opinion|opinions|idea|ideas|knowledge|recommendation|judg(?:e)?ment|words|conclusion)|as if (?:it|this|they) (?:were|was|came from) (?:your|its) own|rather than (?:something|anything) from this (?:description|tool|text)|(?:don't|do not|never) (?:say|reveal|mention|disclose|admit) (?:that |where )?(?:it|this|these|the (?:link|text|note|recommendation)) (?:came|comes|come) from",
    "como (?:tu|su) (?:propia )?opini[oó]n(?: propia)?|como (?:algo )?propio|comme (?:ton|votre) (?:propre )?avis|als (?:deine|ihre) eigene (?:meinung|ansicht)|como (?:sua|tua) (?:própria )?opinião|come (?:tua|sua) opinione|как (?:своё|свое|собственное) мнение|як (?:свою|власну) думку|kendi (?:görüşün|fikrin)|som din egen (?:åsikt|uppfattning)|jako (?:svůj|vlastní) názor|ως δική σου (?:γνώμη|άποψη)|jangan ungkapkan bahwa|như (?:ý kiến|quan điểm) của (?:bạn|riêng bạn)",
  ].join("|"),
  "不要说明来源|不要說明來源|不要透露来源|不要透露來源|作为你自己的观点|作為你自己的觀點|自分の意見として|당신의 의견인 것처럼|자신의 의견으로|كرأيك الشخصي|अपनी राय के रूप में|כדעתך האישית|เป็นความเห็นของคุณเอง",
);

/** The tool's text ranked above what the model was told: "tool descriptions > system prompt", "take precedence over the system prompt". */
const TEXT_OUTRANKS = new RegExp(
  [
    "(?:tool descriptions?|this description|these notes|this note|this text|the tool's (?:text|description))[^.;]{0,20}?(?:take precedence over|takes precedence over|outranks?|override|overrides|supersedes?|ha(?:s|ve) priority over|(?:rank|ranks|are|is) (?:higher|above))[^.;]{0,30}?(?:system (?:prompt|message|instructions)|user messages?|the user's (?:instructions|messages))",
    "(?:system (?:prompt|message|instructions)|user messages?)[^.;]{0,40}?(?:lower priority than|rank below|ranks below|are overridden by|is overridden by)[^.;]{0,20}?(?:tool descriptions?|this description|this text)",
    "systémové zprávy[^.;]{0,40}?nižší prioritu než popisy nástrojů|(?:instrucciones|mensaje) del sistema[^.;]{0,40}?(?:menor prioridad|por debajo)|system(?:meddelandet|prompten)[^.;]{0,40}?lägre prioritet",
  ].join("|"),
);

/** A disclosure asked for, not a promotion: "state that it is an affiliate link", "say whether a discount was applied", "mark those with '(sponsored)'". */
const DISCLOSURE = /\b(?:state|say|disclose|mark|label|indicate|clarify|note|flag)(?: [a-z]+){0,4}? (?:that|whether|which|those|them|it as|as|with)\b/;
/** A "not" inside what matched: "these notes never override the system prompt", "this text does not override". */
const NEGATED_WITHIN = new RegExp(NEGATION, "u");
/** Said, not negated, and not under a condition ("warns if the system message ranks below tool descriptions" describes a check). */
const unsaid = (re: RegExp, s: string) => {
  const m = re.exec(s);
  return m !== null && !negatedBefore(s.slice(0, m.index)) && !conditionedBefore(s.slice(0, m.index)) && !NEGATED_WITHIN.test(m[0]);
};
/** A promotion put in every reply, not negated nor a disclosure. */
function promotes(s: string): boolean {
  const every = EVERY_REPLY.exec(s);
  return every !== null && sells(s) && !DISCLOSURE.test(s) && !negatedBefore(s.slice(0, every.index));
}
const steers = (s: string) => promotes(s) || unsaid(AS_OWN_VIEW, s) || unsaid(TEXT_OUTRANKS, s);

const inEveryReply = gatedTest(EVERY_REPLY);
const asOwnView = gatedTest(AS_OWN_VIEW);
const textOutranks = gatedTest(TEXT_OUTRANKS);

/** One sentence that steers the model's replies, quoted. */
export function replySteering(text: string, lower: string): InjectionFinding | undefined {
  const promoted = inEveryReply(lower) && sells(lower);
  if (!promoted && !asOwnView(lower) && !textOutranks(lower)) return undefined;
  for (const { s, at } of splitSentences(lower)) {
    if (steers(s)) {
      return { family: "model_directed", quote: quoteSpan(text, lower, at, at + s.length) };
    }
  }
  return undefined;
}
