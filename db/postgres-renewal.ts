// A postgres.js client that never uses a connection again once its session died under a statement: its pool is replaced.
//
// postgres.js (3.4.9) keeps a dead session's state on the connection object it reconnects: the FATAL
// error the session ended with is handed, unsent, to the first statement the reconnected connection
// is given (porsager/postgres#1223), and a session that died while sending rows shifts the next
// statement's rows by as many, leaving holes before them. A refresh run after an administrator had
// dropped the catalog's connections failed that way: 57P01 on a statement that was never sent. So a
// statement or transaction that meets a lost connection retires the pool it ran on (ended once nothing
// of ours runs on it) and a fresh pool takes every later statement; a statement that never ran, or
// that only reads, is sent once more, on the fresh pool.
import type { Sql } from "postgres";
import { connectionLossCode, sessionEndedCode } from "./errors.js";

/** Statements that change no rows: a select (this catalog's advisory locks live on clients of their own), an analyze. */
const REPEATABLE = /^\s*(?:select|analyze)\b/i;

/**
 * Whether a statement that failed outside a transaction is sent again (pure): it never ran (its
 * session had ended before it was sent), or it may run twice and its connection was lost.
 */
export function mayResend(statement: string, e: unknown): boolean {
  if (sessionEndedCode(e)) return true;
  return !!connectionLossCode(e) && REPEATABLE.test(statement);
}

/**
 * What drizzle's postgres.js session asks of `unsafe`'s answer: rows as arrays (`values()`), and a
 * promise. Like postgres.js's own query, it is sent when first awaited.
 */
class ResentStatement implements PromiseLike<unknown> {
  private asValues = false;
  private result?: Promise<unknown>;
  constructor(private readonly send: (asValues: boolean) => Promise<unknown>) {}
  values(): this {
    this.asValues = true;
    return this;
  }
  then<A = unknown, B = never>(onfulfilled?: ((value: unknown) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.result ??= this.send(this.asValues);
    return this.result.then(onfulfilled, onrejected);
  }
}

interface Pool {
  sql: Sql;
  /** Our statements and transactions under way on it. */
  running: number;
  retired: boolean;
}

export interface RenewingClient {
  /** The client to hand drizzle: `unsafe` and `begin` go to the current pool, as does everything else. */
  sql: Sql;
  /** Ends the current pool and any retired one still draining. */
  end(options: { timeout: number }): Promise<void>;
}

/** A client over pools from `open`, replaced when one of its connections is lost under a statement. */
export function renewingClient(open: () => Sql): RenewingClient {
  const first = open();
  let current: Pool = { sql: first, running: 0, retired: false };
  const draining = new Set<Pool>();
  const ended: Promise<void>[] = [];
  // Statements cut by end() are lost connections too: a client being ended opens no pool.
  let ending = false;

  const settle = (pool: Pool) => {
    if (!pool.retired || pool.running > 0 || !draining.delete(pool)) return;
    // Nothing of ours left on it: its live connections close now, its dead ones are never reconnected.
    ended.push(pool.sql.end({ timeout: 0 }));
  };
  const renew = (pool: Pool) => {
    // Several statements find the same death: the first one renews.
    if (pool !== current || ending) return;
    const sql = open();
    // drizzle set its parsers and serializers on the first pool's options (drizzle-orm/postgres-js): values read and write the same on every pool.
    Object.assign(sql.options.parsers, first.options.parsers);
    Object.assign(sql.options.serializers, first.options.serializers);
    pool.retired = true;
    draining.add(pool);
    current = { sql, running: 0, retired: false };
  };
  const onPool = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const pool = current;
    pool.running += 1;
    try {
      return await work(pool.sql);
    } catch (e) {
      if (connectionLossCode(e)) renew(pool);
      throw e;
    } finally {
      pool.running -= 1;
      settle(pool);
    }
  };

  const unsafe = (statement: string, ...rest: Parameters<Sql["unsafe"]> extends [string, ...infer R] ? R : never) =>
    new ResentStatement(async (asValues) => {
      const send = () =>
        onPool(async (sql) => {
          const query = sql.unsafe(statement, ...rest);
          return asValues ? await query.values() : await query;
        });
      try {
        return await send();
      } catch (e) {
        if (!mayResend(statement, e)) throw e;
        return send();
      }
    });
  const begin = (...args: unknown[]) => onPool((sql) => (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args));

  const sql = new Proxy(first, {
    get: (_, key) => (key === "unsafe" ? unsafe : key === "begin" ? begin : Reflect.get(current.sql, key)),
    apply: (_, self, args) => Reflect.apply(current.sql, self, args),
  });
  return {
    sql,
    async end(options) {
      ending = true;
      await Promise.all([current.sql.end(options), ...[...draining].map((p) => p.sql.end(options)), ...ended]);
    },
  };
}
