// One database handle per process: embedded PGlite (default, a data folder) or PostgreSQL
// (DATABASE_URL) through postgres.js. Migrations are applied when the handle opens.
import fs from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { byteaRowsOfCopy } from './copy-binary.mjs';
import { PGliteThreadClient } from './pglite-thread';
import { isUuid } from './queries/users';
import * as schema from './schema';

export type DbKind = 'pglite' | 'postgres';
// Both drivers' databases extend PgDatabase; one type keeps queries driver-agnostic.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT & any, typeof schema>;

export interface Database {
  db: Db;
  kind: DbKind;
  /** PGlite only: the thread its SQL runs on. */
  pgliteThread?: PgliteThread;
  /**
   * PGlite in a data folder only, unless LINTAS_SYNC_JOURNAL=off: where the sync server journals
   * updates (lib/sync/journal.ts).
   */
  journalDir?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite. */
  url?: string;
  /** PGlite data folder; when absent (and no url), an in-memory PGlite. */
  dataDir?: string;
  migrationsDir?: string;
  /**
   * Where PGlite executes SQL: `main` (this thread) or `worker` (a worker thread: a statement no
   * longer blocks the event loop, at the price of more CPU per statement). Default:
   * LINTAS_PGLITE_THREAD, else `main` — on our 2-core machines the worker made the sync bench's
   * latencies worse (see README, `npm run bench:db-thread`).
   */
  pgliteThread?: PgliteThread;
}

export type PgliteThread = 'worker' | 'main';

export function pgliteThreadFromEnv(value = process.env.LINTAS_PGLITE_THREAD): PgliteThread | undefined {
  if (!value) return undefined;
  if (value === 'worker' || value === 'main') return value;
  throw new Error(`LINTAS_PGLITE_THREAD must be "worker" or "main" (got "${value}")`);
}

/**
 * V8 recompiles a WebAssembly function with its optimising compiler once it has run about
 * `--wasm-tiering-budget` bytes of code (1.8 M by default). PGlite is one big module, so the first
 * load of a big map after a start (decompressing and copying 1.5 MiB) sends a burst of Postgres
 * functions to the compiler: 230–290 ms of CPU on a V8 helper thread, beside the server's
 * answer and, on a small machine, the client's apply (bench/README.md). Ten times the budget keeps
 * such one-off work in the baseline compiler; what runs on every edit still turns hot and is
 * optimised: a swapped pair of A/B runs read the same CPU per edit either way (bench/README.md).
 * V8 reads the flag when a module is instantiated, so this runs before PGlite starts;
 * the flag is process-wide and so covers the worker thread too.
 */
const WASM_TIERING_BUDGET = 18_000_000;
function raiseWasmTieringBudget(): void {
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}

/**
 * PGlite's shared_buffers. Its data folder's postgresql.conf says 128MB, and Postgres touches its
 * shared memory as it starts: a PGlite opened with 128MB took the process's RSS from 46 to 279 MiB,
 * with 32MB to 185 MiB, with 16MB to 147 MiB (scratch, an app data folder). Its tables are
 * files of the data folder, read through the OS's page cache, so buffers beyond the hot pages
 * (the maps, the log) only hold a second copy. Default 32MB.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

/** LINTAS_PGLITE_SHARED_BUFFERS: a Postgres memory size, e.g. 32MB (kB, MB or GB; at least 1MB). */
export function pgliteSharedBuffersFromEnv(value = process.env.LINTAS_PGLITE_SHARED_BUFFERS): string {
  const text = value?.trim() || DEFAULT_PGLITE_SHARED_BUFFERS;
  const match = /^(\d+)(kB|MB|GB)$/.exec(text);
  const kB = match ? Number(match[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[match[2] as 'kB' | 'MB' | 'GB'] : NaN;
  if (!(kB >= 1024 && kB <= 64 * 1024 * 1024)) {
    throw new Error(`LINTAS_PGLITE_SHARED_BUFFERS must be a size between 1MB and 64GB such as 32MB (got "${value}")`);
  }
  return text;
}

/** LINTAS_SYNC_JOURNAL: whether the sync server journals updates on PGlite (default on, SPEC [JR1]). */
export function syncJournalFromEnv(value = process.env.LINTAS_SYNC_JOURNAL): boolean {
  if (!value || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`LINTAS_SYNC_JOURNAL must be "on" or "off" (got "${value}")`);
}

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');
const MIGRATION_LOCK = 7_428_001; // advisory lock id: one migrator at a time across processes

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The data folder is in use by another Lintas process (pid ${pid}, lock ${lockFile}). ` +
        'PGlite cannot be shared between processes: stop the other one or set LINTAS_DATA_DIR.',
    );
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no cross-process lock (two processes on one folder lose rows silently), so take an
 * exclusive lock file. A lock left by a killed process (its pid no longer alive) is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'lintas.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pidAlive(pid)) {
        throw new DatabaseLockedError(lockFile, pid);
      }
      fs.unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock file in ${dataDir}`);
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const migrationsFolder = options.migrationsDir ?? MIGRATIONS_DIR;
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema }) as unknown as Db;
    const lockConn = await client.reserve();
    try {
      await lockConn`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await lockConn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
      lockConn.release();
    }
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }

  raiseWasmTieringBudget();
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const thread = options.pgliteThread ?? pgliteThreadFromEnv() ?? 'main';
  const journal = syncJournalFromEnv();
  let release = () => {};
  let folder: string | undefined;
  let journalDir: string | undefined;
  if (options.dataDir) {
    const dir = path.resolve(/*turbopackIgnore: true*/ options.dataDir);
    release = acquireDataDirLock(dir);
    folder = path.join(/*turbopackIgnore: true*/ dir, 'pglite');
    if (journal) journalDir = path.join(/*turbopackIgnore: true*/ dir, 'journal');
  }
  let client: { close(): Promise<void> };
  try {
    const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffersFromEnv()}`];
    client = thread === 'worker' ? await PGliteThreadClient.start(folder, startParams) : await PGlite.create(folder, { startParams });
  } catch (err) {
    release();
    throw err;
  }
  // The worker client answers the calls drizzle's PGlite session makes (query, transaction).
  const db = drizzle(client as InstanceType<typeof PGlite>, { schema });
  try {
    await migrate(db, { migrationsFolder });
  } catch (err) {
    await client.close();
    release();
    throw err;
  }
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pgliteThread: thread,
    journalDir,
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Rows of a `db.execute()` result on either driver (PGlite: `{ rows }`, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * One statement with positional parameters ($1, $2, …) straight on the driver: PGlite's `query`,
 * postgres.js's `unsafe`. For hot paths only: on PGlite, drizzle's `execute` costs about 1.4 ms of
 * CPU more per call than the driver's own `query` (measured on the sync server's append). A
 * handle without a driver client (a drizzle transaction) goes through drizzle.
 */
export async function executeRaw<T = Record<string, unknown>>(db: Db, text: string, params: readonly unknown[]): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client as
    | { unsafe?: (text: string, params: unknown[]) => Promise<unknown>; query?: (text: string, params: unknown[]) => Promise<unknown> }
    | undefined;
  if (typeof client?.unsafe === 'function') return rowsOf<T>(await client.unsafe(text, [...params]));
  if (typeof client?.query === 'function') return rowsOf<T>(await client.query(text, [...params]));
  return rowsOf<T>(await db.execute(withParams(text, params)));
}

/** A hot statement `executePrepared` prepares once per PGlite session. */
export interface PreparedStatement {
  /** An SQL identifier, unique in the process (`[a-z_][a-z0-9_]*`). */
  name: string;
  /** The statement, with $1… placeholders. */
  text: string;
  /** The type of each parameter, e.g. `uuid[]`. */
  types: readonly string[];
}

/** Per PGlite client, the statements it prepared (or is preparing). */
const preparedBy = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `statement` with text parameters, for the hottest paths. PGlite: `PREPARE` on the first call of
 * the session, then `EXECUTE name('…', …)` through `exec`: one trip into Postgres, no parse and no
 * plan, where `query` makes two and plans each time (the sync server's append of 10 rows: 0.51 →
 * 0.30 ms, 1 row 0.34 → 0.17 ms). The values travel as escaped literals, so any text is safe; a NUL
 * character, which Postgres text cannot hold, is refused. postgres.js prepares named statements
 * by itself: there, and on a handle without a driver client, this is `executeRaw`.
 */
export async function executePrepared(db: Db, statement: PreparedStatement, params: readonly string[]): Promise<void> {
  if (params.length !== statement.types.length) {
    throw new RangeError(`${statement.name} takes ${statement.types.length} parameters, got ${params.length}`);
  }
  const literals = params.map(escapedLiteral); // refuses NUL on every driver, before anything runs
  const client = (db as { $client?: unknown }).$client as { unsafe?: unknown; exec?: (text: string) => Promise<unknown> } | undefined;
  if (typeof client?.unsafe === 'function' || typeof client?.exec !== 'function') {
    await executeRaw(db, statement.text, params);
    return;
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(statement.name)) throw new RangeError(`not a statement name: ${JSON.stringify(statement.name)}`);
  let statements = preparedBy.get(client);
  if (!statements) preparedBy.set(client, (statements = new Map()));
  let prepared = statements.get(statement.name);
  if (!prepared) {
    prepared = client.exec(`prepare ${statement.name}(${statement.types.join(', ')}) as ${statement.text}`);
    statements.set(statement.name, prepared);
    prepared.catch(() => statements.delete(statement.name)); // the next call tries again
  }
  await prepared;
  await client.exec(`execute ${statement.name}(${literals.join(', ')})`);
}

/** `value` as an escape-string constant: right whatever `standard_conforming_strings` says. */
function escapedLiteral(value: string): string {
  if (value.includes('\0')) throw new RangeError('a parameter holds a NUL character, which PostgreSQL text cannot store');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * The bytes of every row of `select`, whose first column is a bytea, in row order, straight on
 * the driver. PGlite: `COPY (select) TO '/dev/blob'` in binary format, so the bytes leave Postgres
 * as they are. As text they cost PGlite dearly: a 1.5 MiB snapshot read on a fresh process took
 * 140–170 ms as base64 (and 350–400 ms as bytea hex) against 55–65 ms through COPY. postgres.js:
 * the query itself (bytea arrives as a Buffer). COPY binds no parameters: `select` must carry its
 * values inline, so build it only from values validated first (e.g. with `uuidLiteral`).
 */
export async function readByteaRows(db: Db, select: string): Promise<Uint8Array[]> {
  const client = (db as { $client?: unknown }).$client as
    | {
        unsafe?: (text: string) => Promise<Record<string, unknown>[]>;
        copyBytes?: (text: string) => Promise<Uint8Array>;
        query?: (text: string) => Promise<{ blob?: Blob }>;
      }
    | undefined;
  if (typeof client?.unsafe === 'function') {
    return (await client.unsafe(select)).map((row) => {
      const value = Object.values(row)[0];
      if (!(value instanceof Uint8Array)) throw new TypeError('readByteaRows: the first column is not a bytea');
      return ownBytes(value);
    });
  }
  const copy = `copy (${select}) to '/dev/blob' with (format binary)`;
  if (typeof client?.copyBytes === 'function') return byteaRowsOfCopy(await client.copyBytes(copy));
  if (typeof client?.query === 'function') {
    const { blob } = await client.query(copy);
    if (!blob) throw new Error('readByteaRows: PGlite returned no blob for COPY TO /dev/blob');
    return byteaRowsOfCopy(new Uint8Array(await blob.arrayBuffer()));
  }
  throw new TypeError('readByteaRows needs the database handle itself, not a transaction');
}

/**
 * VACUUM `table` on PGlite, which runs no autovacuum (it is a single process: no launcher, no
 * workers): a table whose rows are deleted again and again (the sync log) would otherwise grow on
 * disk for ever and its index scans slow down (measured: 100,000 rows inserted and deleted left a
 * 10.9 MB heap with no live row; VACUUM took 17 ms and gave it all back). On PostgreSQL this does
 * nothing: its autovacuum does the job. Answers whether it vacuumed.
 */
export async function vacuumIfEmbedded(db: Db, table: string): Promise<boolean> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`vacuumIfEmbedded: not a table name: ${table}`);
  const client = (db as { $client?: unknown }).$client as { unsafe?: unknown; exec?: (text: string) => Promise<unknown> } | undefined;
  if (typeof client?.unsafe === 'function' || typeof client?.exec !== 'function') return false;
  await client.exec(`vacuum ${table}`); // the simple protocol: VACUUM cannot run in a transaction block
  return true;
}

/** `'<uuid>'::uuid` for SQL text that cannot take parameters (COPY); throws unless `id` is a UUID. */
export function uuidLiteral(id: string): string {
  if (!isUuid(id)) throw new RangeError(`not a UUID: ${JSON.stringify(id)}`);
  return `'${id}'::uuid`;
}

/** Bytes of their own: a small Buffer is a view on a shared pool, which a Y.Doc would pin. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === bytes.buffer.byteLength) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Uint8Array(bytes);
}

/**
 * A PostgreSQL array literal (`{a,b}`) for one array parameter of `executeRaw`, for values that
 * need no quoting: uuids, integers, base64 text.
 */
export function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

/** `text` with its $n placeholders bound as drizzle parameters. */
function withParams(text: string, params: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const n = Number(match[1]);
    if (n < 1 || n > params.length) throw new RangeError(`no parameter $${n}`);
    chunks.push(sql.raw(text.slice(last, match.index)), sql`${params[n - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

// ---- the process-wide handle, shared by server.ts and Next's bundles ----

const GLOBAL_KEY = Symbol.for('lintas.db');
type Holder = { promise?: Promise<Database>; database?: Database };
const holder: Holder =
  ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] as Holder) ?? ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = {});

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.LINTAS_DATA_DIR || '.lintas');
}

/** The process's database, opened (and migrated) on first use from the environment. */
export function getDatabase(): Promise<Database> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database is not available during `next build`: pages that query must be dynamic.');
  }
  if (!holder.promise) {
    const url = process.env.DATABASE_URL || undefined;
    holder.promise = openDatabase(url ? { url } : { dataDir: dataDir() }).then((d) => (holder.database = d));
    holder.promise.catch(() => {
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** For tests and benches: make `getDatabase()` answer with this handle. */
export function setDatabase(database: Database | undefined): void {
  holder.database = database;
  holder.promise = database ? Promise.resolve(database) : undefined;
}

export async function closeDatabase(): Promise<void> {
  const d = holder.database;
  holder.promise = undefined;
  holder.database = undefined;
  if (d) await d.close();
}
