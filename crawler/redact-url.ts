// Credentials a source URL may carry (REGISTRY_URL=https://user:token@mirror/…, …?api_key=…), kept out of what a person
// reads and what the run record keeps: failures, their messages, errors. The URL itself still carries them to the request.

/**
 * A query parameter whose name says its value is a credential: a word of it (split at "_", "-", "." and camelCase) is
 * one of these (api_key, apiKey, access_token, X-Amz-Signature, password), or the name is one written as one word
 * (apikey, accesstoken). Words only: "keywords" or "author" is no secret.
 */
const SECRET_WORD = /^(token|key|secret|password|passwd|pwd|auth|sig|signature|credentials?|session|sessionid|apikey|accesstoken)$/i;

function secretParameter(name: string): boolean {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[^A-Za-z0-9]+/).some((word) => SECRET_WORD.test(word));
}

/** A URL in free text: to the next space, quote or bracket, but not the punctuation that ends a sentence or a clause ("…/x: refused"). */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s'"<>()[\]{}]*[^\s'"<>()[\]{}:;,.!?]/gi;

/**
 * `url` with its user information and the values of its secret-looking query parameters shown as `***`; anything
 * else as it was. Text that is no URL is returned with an `//user:password@` in it masked all the same.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/\/\/[^/@\s]*@/, "//***@");
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = "***";
    u.password = "";
    changed = true;
  }
  // Written again only when one is secret: writing rewrites the whole query in its canonical form.
  const params = [...u.searchParams];
  const secret = params.some(([k]) => secretParameter(k));
  if (secret) u.search = new URLSearchParams(params.map(([k, v]): [string, string] => [k, secretParameter(k) ? "***" : v])).toString();
  return changed || secret ? u.toString() : url;
}

/** Every http(s) URL in `text` redacted (redactUrl): a message that quotes the URL it failed on. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl);
}

/**
 * `value` with every URL in its strings redacted (redactUrls), arrays and objects walked: a run record's JSON as the
 * database holds it, which a run recorded before its messages were redacted still holds raw.
 */
export function redactUrlsIn(value: unknown): unknown {
  if (typeof value === "string") return redactUrls(value);
  if (Array.isArray(value)) return value.map(redactUrlsIn);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactUrlsIn(v)]));
  return value;
}
