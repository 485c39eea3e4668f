// postgres.js transactions that survive their connection dying under them (porsager/postgres#1208).
//
// When a statement inside sql.begin() fails, postgres.js answers with its own ROLLBACK (ROLLBACK TO
// SAVEPOINT in a savepoint) on the same connection. If the connection has died, that write lands on
// the socket postgres.js has already set to null, from a setImmediate, where nothing can catch it: the
// process dies of an uncaught TypeError. A transaction whose callback never settles is never rolled
// back by postgres.js, and begin() still rejects through its own close handler (CONNECTION_CLOSED);
// the server has rolled the transaction back already. So a callback that fails because its connection
// went away is left pending. What this cannot cover, a statement issued after the connection closed
// in a later turn of the event loop, our transactions never do: each awaits only its own statements.
import type { Sql, TransactionSql } from "postgres";
import { connectionLossCode, ConnectionLostError } from "./errors.js";

type Scope<T> = (sql: TransactionSql) => T | Promise<T>;

/** The callback's outcome, except that a failure from a lost connection never settles. */
function pendingOnLoss<T>(run: () => T | Promise<T>): Promise<T> {
  return Promise.resolve()
    .then(run)
    .catch((e: unknown) => (connectionLossCode(e) ? new Promise<T>(() => {}) : Promise.reject(e)));
}

/** The transaction's client, with its savepoints guarded the same way. */
function guardedScope(tx: TransactionSql): TransactionSql {
  const savepoint = <T>(...args: [Scope<T>] | [string, Scope<T>]) => {
    const scope = args[args.length - 1] as Scope<T>;
    const wrapped: Scope<T> = (inner) => pendingOnLoss(() => scope(guardedScope(inner)));
    return args.length === 2 ? tx.savepoint(args[0] as string, wrapped) : tx.savepoint(wrapped);
  };
  return new Proxy(tx, { get: (target, key, receiver) => (key === "savepoint" ? savepoint : Reflect.get(target, key, receiver)) });
}

/** A lost connection as a ConnectionLostError; anything else as it is. */
function typed(e: unknown): never {
  const code = connectionLossCode(e);
  throw code ? new ConnectionLostError(code, e) : e;
}

/**
 * postgres.js's client whose begin() survives a dead connection and fails with ConnectionLostError. A
 * transaction whose BEGIN met a dead session (db/postgres-renewal.ts says how) ran nothing: it is opened
 * again, once.
 */
export function survivingTransactions(sql: Sql): Sql {
  const begin = async <T>(...args: [Scope<T>] | [string, Scope<T>]) => {
    const scope = args[args.length - 1] as Scope<T>;
    let began = false;
    const wrapped: Scope<T> = (tx) => {
      began = true;
      return pendingOnLoss(() => scope(guardedScope(tx)));
    };
    const open = () => (args.length === 2 ? sql.begin(args[0] as string, wrapped) : sql.begin(wrapped));
    try {
      return await open();
    } catch (e) {
      if (began || !connectionLossCode(e)) typed(e);
      return await open().catch(typed);
    }
  };
  return new Proxy(sql, { get: (target, key, receiver) => (key === "begin" ? begin : Reflect.get(target, key, receiver)) });
}
