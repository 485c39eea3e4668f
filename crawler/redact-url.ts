// Credentials a source URL may carry (REGISTRY_URL=https://user:token@mirror/…, …?api_key=…), kept out of what a person
// reads and what the run record keeps: failures, their messages, errors. The URL itself still carries them to the request.

/**
 * A query parameter whose name says its value is a credential: a word of it (split at "_", "-", "." and camelCase) is
 * one of these (api_key, apiKey, access_token, X-Amz-Signature, password), or the name is one written as one word
 * (apikey, accesstoken). Words only: "keywords" or "author" is no secret.
 */
const SECRET_WORD = /^(token|key|secret|password|passwd|pwd|auth|sig|signature|credentials?|session|sessionid|apikey|accesstoken)$/i;

/**
 * A name that ends in a word describing a secret rather than holding one: its kind (token_type=bearer, key_type,
 * token_type_hint) or when it lapses (token_expires_in, key_expiry, session_ttl). Only the last words: a name that
 * goes on after them (token_type_secret) or one that only starts with them is judged by its words as before.
 */
const DESCRIBES_SECRET = /_(type|kind|hint|(expires|expiry|expiration|ttl)(_(in|at))?)$/i;

function secretParameter(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split(/[^A-Za-z0-9]+/);
  if (DESCRIBES_SECRET.test(words.join("_"))) return false;
  return words.some((word) => SECRET_WORD.test(word));
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
  const search = redactedParameters(u.search.slice(1));
  if (search !== undefined) u.search = search;
  // A fragment written as parameters (OAuth's implicit flow answers `#access_token=…`): the same rule.
  const hash = redactedParameters(u.hash.slice(1));
  if (hash !== undefined) u.hash = hash;
  return changed || search !== undefined || hash !== undefined ? u.toString() : url;
}

/**
 * `text` read as `name=value&…` with the secret parameters' values shown as `***`, or undefined when none is secret:
 * written again only then, since writing rewrites the whole of it in its canonical form.
 */
function redactedParameters(text: string): string | undefined {
  const params = [...new URLSearchParams(text)];
  if (!params.some(([k]) => secretParameter(k))) return undefined;
  return new URLSearchParams(params.map(([k, v]): [string, string] => [k, secretParameter(k) ? "***" : v])).toString();
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
