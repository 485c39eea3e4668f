// Budget: the total deadline, the abort that ends everything, and the first fatal error.
import { setMaxListeners } from "node:events";
import type { AuthChallenge } from "../auth-posture.js";
import { chain, EnumerateError, isParseError, isRefusal, reported } from "./errors.js";
import type { EnumerateLimits } from "./limits.js";

export class Budget {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout;
  /** Rejects when the run must stop (deadline, a fatal limit, the caller's abort). Always handled. */
  readonly stopped: Promise<never>;
  /** The last error a transport reported outside a request (a bad SSE event, a dropped stream). */
  lastTransportError: unknown;
  /** The first unparsable message a transport reported: makes a later timeout a protocol error. */
  parseError: unknown;
  /** The last failure our fetch threw: what a transport that swallows causes (the SSE stream reader) was refused by. */
  fetchFailure: unknown;
  /** The SSRF guard's refusal, when the guard refused any hop of any request of this listing. */
  refusal: Error | undefined;
  /** The first 401/403 a server answered: how it says it needs auth. */
  challenge: AuthChallenge | undefined;
  /** The server answered 429, and what its Retry-After asked for. */
  rateLimited: { retryAfterMs?: number } | undefined;

  noteTransportError(e: unknown): void {
    this.lastTransportError = e;
    if (this.parseError === undefined && isParseError(e)) this.parseError = e;
  }

  noteFetchFailure(e: unknown): void {
    this.fetchFailure = e;
    const refused = chain(e).find(isRefusal);
    if (refused) this.refusal ??= refused;
  }

  constructor(
    readonly limits: EnumerateLimits,
    readonly target: string,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.deadline = Date.now() + limits.totalTimeoutMs;
    this.stopped = new Promise<never>((_, reject) => {
      this.signal.addEventListener("abort", () => reject(this.signal.reason), { once: true });
    });
    this.stopped.catch(() => undefined);
    this.timer = setTimeout(() => this.stop(this.totalTimeout()), limits.totalTimeoutMs);
    this.timer.unref?.();
    // The client adds an abort listener per request it is given this signal for and keeps it until the
    // signal is gone: one per page, bounded by maxPages, not a leak.
    setMaxListeners(limits.maxPages + 10, this.signal);
    if (callerSignal?.aborted) this.stop(callerSignal.reason);
    // The caller's signal outlives this listing (one refresh, thousands of servers): the listener goes in dispose().
    callerSignal?.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  private readonly onCallerAbort = () => this.stop(this.callerSignal?.reason);

  private totalTimeout(): EnumerateError {
    return this.unanswered(`gave up after the total timeout of ${this.limits.totalTimeoutMs} ms`);
  }

  /**
   * A wait for the server that ran out: a timeout, or a protocol failure when a transport choked on a message
   * meanwhile (the reply it could not read, `"jsonrpc": "1.0"`), said in one line as a request's timeout says it.
   */
  unanswered(message: string): EnumerateError {
    if (this.parseError === undefined) return new EnumerateError(message, "timeout", this.target);
    return new EnumerateError(`${message} (transport reported: ${reported(this.parseError)})`, "protocol", this.target, { cause: this.parseError });
  }

  stop(reason: unknown): void {
    if (!this.signal.aborted) this.controller.abort(reason);
  }

  remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  requestTimeout(): number {
    return Math.min(this.limits.requestTimeoutMs, this.remaining());
  }

  connectTimeout(): number {
    return Math.min(this.limits.connectTimeoutMs, this.remaining());
  }

  /** `work`, but never past the moment the run is stopped. */
  run<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    return Promise.race([work, this.stopped]);
  }

  /** `work` bounded by `ms`, failing with `onTimeout()` after that, or with the total timeout's error when
   * `ms` is the rest of the run's budget: both timers then fire together, and which one wins must not
   * depend on the scheduler. */
  async within<T>(work: Promise<T>, ms: number, onTimeout: () => EnumerateError): Promise<T> {
    const boundedByTotal = ms >= this.remaining();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(boundedByTotal ? this.totalTimeout() : onTimeout()), ms);
    });
    try {
      return await this.run(Promise.race([work, late]));
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error to report for `e`: a stop reason wins over whatever the stop caused downstream. */
  explain(e: unknown): unknown {
    if (this.signal.aborted) return this.signal.reason;
    return e;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    this.stop(new EnumerateError("finished", "connect", this.target));
  }
}
