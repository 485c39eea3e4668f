// HTTP validators: what a server said to revalidate a response by, kept for the next conditional request.

/**
 * Sent back as If-None-Match and If-Modified-Since (a server may honour either, RFC 9110 §13.1);
 * a 304 then comes back as `status: 304`.
 */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** The validators that are set (a stored column may hold null), and no keys for those that are not. */
export function validatorsOf(v: { etag?: string | null; lastModified?: string | null }): Validators {
  return { ...(v.etag ? { etag: v.etag } : {}), ...(v.lastModified ? { lastModified: v.lastModified } : {}) };
}

/** Whether a request with these validators is conditional. */
export function hasValidators(v: Validators): boolean {
  return !!(v.etag || v.lastModified);
}
