import { type PGlite, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { bindAndExecute, parseAndDescribe } from './pglite-messages.js';
import { readParameterTypes, readResults } from './pglite-results.js';

/** Statements kept prepared at once, per database; the least recently used is closed to make room. */
export const KEPT = 100;
/** PostgreSQL's feature_not_supported, what a kept statement whose result columns changed raises. */
const STALE_PLAN = '0A000';

interface Kept {
  name: string;
  /** The parameters' type ids, as PostgreSQL inferred them when it parsed the statement. */
  types: number[];
}

/** The statements to keep prepared: the texts of Drizzle's prepared statements (see `keepPrepared`). */
const wanted = new Set<string>();

/**
 * Marks a statement, by its SQL text, to be kept prepared on the embedded database. `preparedOnce`
 * marks each statement it builds: the hot ones the project prepares by name, which node-postgres
 * prepares on every connection of PostgreSQL.
 */
export function keepPrepared(text: string): void {
  wanted.add(text);
}

/**
 * PGlite parses and plans every statement at every call: it has no named statements of its own,
 * and Drizzle's `.prepare(name)` is a no-op on it. For the hot statements that is most of their
 * cost — the group-commit send statement spent 1.6 ms planning and 1.1 ms running on the embedded
 * node (bench/README.md, session 21). This prepares a statement marked with `keepPrepared` under a
 * name of ours at its first call; later calls only bind and execute it, and PostgreSQL's plan cache
 * decides, as it does for node-postgres's named statements, when a generic plan can serve every
 * call. Other statements are parsed and planned at every call as before, unnamed: a generic plan is
 * no good for every statement (the outbox log read, whose cursor decides its plan, ran slower
 * kept), so only the ones prepared on PostgreSQL are kept. Up to `KEPT` are held (each costs the
 * WebAssembly memory of its parse tree and plan); a schema change invalidates their plans as
 * PostgreSQL always does.
 *
 * It replaces the client's `query` (what Drizzle calls), for queries at the top level and in
 * transactions alike, kept or not: each goes into the database in at most two calls, and its
 * answer is read from the raw bytes (pglite-results.ts). A query with a `blob` goes to PGlite's own
 * `query`; `exec` and the protocol methods are untouched.
 */
export function keepStatementsPrepared(client: PGlite): void {
  const kept = new Map<string, Kept>();
  let next = 0;
  const top = client.query.bind(client);
  const due = (text: string): boolean => wanted.has(text);

  /** The statement's name and parameter types, preparing it first if it is not kept (now). */
  const prepared = async (text: string): Promise<Kept> => {
    const hit = kept.get(text);
    if (hit) {
      // most recently used last: the map's first entry is the one to close
      kept.delete(text);
      kept.set(text, hit);
      return hit;
    }
    if (kept.size >= KEPT) {
      const [oldText, old] = kept.entries().next().value as [string, Kept];
      kept.delete(oldText);
      const closed = [protocol.serialize.close({ type: 'S', name: old.name }), protocol.serialize.sync()];
      readResults(await answerTo(client, joined(closed)), client.parsers);
    }
    const statement = await parsed(`frontdesk_kept_${next++}`, text);
    kept.set(text, statement);
    return statement;
  };

  /**
   * Parses a statement (unnamed: parsed and planned at every call, as PGlite's own `query` runs
   * every statement) in one call into the database, with Describe for the parameters' types. On an
   * error, Sync ends the failed extended-query cycle, as PGlite's own query does; otherwise Bind,
   * Describe, Execute and Sync follow in `run`'s one call: two where PGlite makes five.
   */
  const parsed = async (name: string, text: string, options?: QueryOptions): Promise<Kept> => {
    const raw = await answerTo(client, parseAndDescribe(name, text, options?.paramTypes));
    try {
      return { name, types: readParameterTypes(raw, client.parsers) };
    } catch (err) {
      await answerTo(client, protocol.serialize.sync());
      throw err;
    }
  };

  const run = async <T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> => {
    try {
      const statement = due(text) ? await prepared(text) : await parsed('', text, options);
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.types[i] ?? 0;
        const serialize = options?.serializers?.[type] ?? client.serializers[type];
        return serialize ? serialize(value) : String(value);
      });
      // one call into the database for the four messages, its answer read as it comes (pglite-results.ts)
      const raw = await answerTo(client, bindAndExecute(statement.name, values));
      return readResults<T>(raw, client.parsers, options);
    } catch (err) {
      // as PGlite's own query tells what failed
      throw Object.assign(err as Error, { query: text, params, queryOptions: options });
    }
  };

  /**
   * `run`, except that a statement whose result columns a schema change altered since it was
   * prepared ("cached plan must not change result type", raised before it runs) is forgotten, and at
   * the top level prepared afresh and run once more; in a transaction the error has aborted it, and
   * the caller's retry finds the statement gone.
   */
  const runKept = async <T>(
    text: string,
    params: unknown[] | undefined,
    options: QueryOptions | undefined,
    again: boolean,
  ) => {
    try {
      return await run<T>(text, params, options);
    } catch (err) {
      if ((err as { code?: string }).code !== STALE_PLAN || !kept.has(text)) throw err;
      // the old one stays prepared under its name, unused: a rare, small leak, not worth a round trip
      kept.delete(text);
      if (!again) throw err;
      return run<T>(text, params, options);
    }
  };

  client.query = async <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
    if (options?.blob) return top<T>(text, params, options);
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        const result = await runKept<T>(text, params, options, true);
        await client.syncToFs();
        return result;
      }),
    );
  };

  const transaction = client.transaction.bind(client);
  client.transaction = <T>(work: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const plain = tx.query.bind(tx);
      // inside the transaction its lock is held already; PGlite writes to disk at its end
      tx.query = async <R>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<R>> => {
        if (tx.closed) throw new Error('Transaction is closed');
        if (options?.blob) return plain<R>(text, params, options);
        return client._runExclusiveQuery(() => runKept<R>(text, params, options, false));
      };
      return work(tx);
    });
}

/**
 * The database's raw answer to `messages`. PGlite's `execProtocolRaw` also runs every answer through
 * its message parser (for LISTEN's notifications, which Frontdesk does not use on PGlite), the very
 * cost `readResults` saves: its stream form hands over the bytes alone, as views of the
 * WebAssembly memory, copied here before the next call reuses it.
 */
async function answerTo(client: PGlite, messages: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await client.execProtocolRawStream(messages, { syncToFs: false, onRawData: (chunk) => chunks.push(chunk.slice()) });
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : joined(chunks);
}

function joined(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
