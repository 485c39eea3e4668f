// Per-server figures a whole-catalog count made by classifying a server now (verdict-counts.ts, verdict-summary.ts), kept
// for the next count under the fingerprint they were made for (db/browse.ts outdatedVerdictServers): a count after a write
// classifies only the servers whose fingerprint changed. `serve` keeps one per count it caches (server/app.ts,
// stats-cache.ts), so a refresh's many writes each cost a read of the fingerprints, not the whole catalog classified again.

/** A server's figures and the fingerprint they were made for. */
interface Kept<T> {
  fingerprint: string;
  figures: T;
}

/**
 * The figures of the servers the last count classified or reused. Memory: one small record per server with an outdated
 * tool that the last count saw; a count replaces the whole (`begin`, `reuse` and `keep`, then `finish`), so a server
 * whose verdicts were since stored is dropped. One count at a time (serve's are: server/snapshot-kept.ts).
 */
export class KeptPerServer<T> {
  private byServer = new Map<number, Kept<T>>();
  private pending = new Map<number, Kept<T>>();
  /** Servers classified by the counts made with this (tests and the bench read it). */
  serversClassified = 0;

  /** Servers whose figures are kept. */
  get size(): number {
    return this.byServer.size;
  }

  /** Starts a count, forgetting what a count that failed had carried. */
  begin(): void {
    this.pending = new Map();
  }

  /** The figures kept for `serverId` if they were made for `fingerprint`, carried into the count under way. */
  reuse(serverId: number, fingerprint: string): T | undefined {
    const kept = this.byServer.get(serverId);
    if (kept?.fingerprint !== fingerprint) return undefined;
    this.pending.set(serverId, kept);
    return kept.figures;
  }

  /** Figures the count under way made now, by classifying the server. */
  keep(serverId: number, fingerprint: string, figures: T): void {
    this.serversClassified += 1;
    this.pending.set(serverId, { fingerprint, figures });
  }

  /** Ends the count under way: its servers alone are kept. */
  finish(): void {
    this.byServer = this.pending;
    this.pending = new Map();
  }
}
