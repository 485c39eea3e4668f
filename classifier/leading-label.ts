// A category label in front of a description ("[Project Management] Get …", "Search: Delete …", "Files | Remove …",
// "链上-支付 | 查询支付状态"):
// it files the tool, it does not say what the tool does, so the leading verb is read after it. Pure.

/** A bracketed label at the very start: "[test management] 删除测试用例", "【文件】…", "(beta) Lists …". */
const BRACKETED = /^\s*(?:\[[^\]\n]{1,60}\]|【[^】\n]{1,60}】|\([^)\n]{1,40}\))\s*/;
/** One or two words, the first capitalised, then ":", "|" or a spaced dash, then a capitalised word: "Search: Delete …". */
const NAMED = /^\s*[A-Z][A-Za-z]{0,24}(?: [A-Za-z][A-Za-z]{0,24})?\s*(?::|\||\s[-–—])\s+(?=[A-Z])/;
/** A short label in Chinese, Japanese or Korean before a bar: "链上-支付 | 查询支付状态". */
const PIPED_CJK = /^\s*[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}][\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\w-]{0,11}\s*[|｜]\s*/u;

export interface LeadingLabel {
  /** The description after the label. */
  rest: string;
  /**
   * "bracketed" labels are never the action; a "named" one ("Search:") is skipped only when a verb follows it,
   * since "Navigate the browser: go to a URL" leads with its action.
   */
  kind: "bracketed" | "named";
}

/** The label a description opens with and the text after it, or undefined when it opens without one. */
export function leadingLabel(description: string): LeadingLabel | undefined {
  const bracketed = BRACKETED.exec(description);
  if (bracketed && bracketed[0].length < description.length) return { rest: description.slice(bracketed[0].length), kind: "bracketed" };
  const named = NAMED.exec(description) ?? PIPED_CJK.exec(description);
  if (named) return { rest: description.slice(named[0].length), kind: "named" };
  return undefined;
}
