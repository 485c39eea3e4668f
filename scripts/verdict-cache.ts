// Verdicts made now, kept while a server's tools stay as they are: between an upgrade that changes the classifier and the
// refresh that stores its verdicts, a served catalog would otherwise classify a large server again on every page (a list
// filtered by risk read in batches classified each batch's servers anew: 5 to 9 s a page at 8 servers of 2,000 tools).
import { createHash } from "node:crypto";
import { CLASSIFIER_VERSION, type Classification } from "../classifier/classify.js";
import { SERVE_DEFAULTS } from "../server/defaults.js";

/**
 * What a server's verdicts are made from, as one key: this classifier's version, the server's key and description, and
 * each current tool's name and content hash (which covers its title, description, schema and annotations). A tool's
 * verdict reads its siblings, so any change to any of them is another key.
 */
export function serverFingerprint(server: { key: string; description: string | null; tools: readonly { name: string; contentHash: string }[] }): string {
  const tools = server.tools.map((t) => [t.name, t.contentHash]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return createHash("sha256").update(JSON.stringify([CLASSIFIER_VERSION, server.key, server.description, tools])).digest("base64url");
}

/**
 * Verdicts by server fingerprint and tool name, the least recently used server dropped first once more than `maxTools`
 * verdicts are held (a server with more is not kept).
 */
export class VerdictCache {
  private readonly servers = new Map<string, Map<string, Classification>>();
  private held = 0;
  constructor(private readonly maxTools: number) {}

  /** The verdicts kept for a fingerprint (marking it recently used), undefined when none are. */
  get(fingerprint: string): ReadonlyMap<string, Classification> | undefined {
    const kept = this.servers.get(fingerprint);
    if (kept) {
      this.servers.delete(fingerprint);
      this.servers.set(fingerprint, kept);
    }
    return kept;
  }

  add(fingerprint: string, verdicts: Iterable<[string, Classification]>): void {
    const kept = this.servers.get(fingerprint) ?? new Map<string, Classification>();
    this.servers.delete(fingerprint);
    this.held -= kept.size;
    for (const [name, c] of verdicts) kept.set(name, c);
    if (kept.size > this.maxTools) return;
    this.servers.set(fingerprint, kept);
    this.held += kept.size;
    for (const [oldest, verdicts] of this.servers) {
      if (this.held <= this.maxTools) break;
      this.servers.delete(oldest);
      this.held -= verdicts.size;
    }
  }
}

/** The process's one cache: every reader of the catalog shares it (serve's requests, the MCP tools). */
export const verdictCache = new VerdictCache(SERVE_DEFAULTS.verdictCacheTools);
