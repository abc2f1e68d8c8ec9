// PGlite on a worker thread, behind the part of PGlite's interface that drizzle and `executeRaw`
// use (`query`, `exec`, `transaction`, `close`). PGlite executes SQL synchronously inside its
// WebAssembly Postgres: in the server's own thread every statement blocks the event loop (a
// 25-row append: 2.5 ms of main-thread time in-thread, 0.46 ms through the worker). The worker
// is db/pglite-worker.mjs; the protocol is written at its top.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';

export const PGLITE_WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'pglite-worker.mjs');

type RowMode = 'object' | 'array';
interface QueryOptions {
  rowMode?: RowMode;
  /** Only parsers that keep the raw text are supported (drizzle's): functions cannot cross threads. */
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}
export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export interface ThreadTransaction {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(text: string): Promise<QueryResult[]>;
  readonly closed: boolean;
}

type Request =
  | { op: 'query'; text: string; params: unknown[]; rowMode: RowMode; rawOids: number[]; txId?: number }
  | { op: 'exec'; text: string; txId?: number }
  | { op: 'begin' }
  | { op: 'commit' | 'rollback'; txId: number }
  | { op: 'close' };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorFields };
type Control = { type: 'ready' } | { type: 'failed'; error: ErrorFields };
type ErrorFields = { name: string; message: string } & Record<string, string | number>;

/** An error from the worker, with PostgreSQL's fields (`code`, `detail`, `constraint`, …) kept. */
export class PGliteThreadError extends Error {
  [field: string]: unknown;
  constructor(fields: ErrorFields, callSite?: { stack?: string }) {
    super(fields.message);
    for (const [k, v] of Object.entries(fields)) if (k !== 'message' && k !== 'stack') this[k] = v;
    // The stack of the statement's caller: the worker's own is of no use to whoever reads it.
    const frames = callSite?.stack?.split('\n').slice(1).join('\n');
    if (frames) this.stack = `${this.name}: ${this.message}\n${frames}`;
  }
}

function rawOids(parsers: QueryOptions['parsers']): number[] {
  if (!parsers) return [];
  const oids: number[] = [];
  for (const [oid, parse] of Object.entries(parsers)) {
    const probe = '\u0000lintas-probe';
    if (parse(probe, Number(oid)) !== probe) throw new TypeError(`PGlite worker: parser for type ${oid} must keep the raw value`);
    oids.push(Number(oid));
  }
  return oids;
}

export class PGliteThreadClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; site: { stack?: string } }>();
  private stopped: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: Reply | Control) => {
      if (!('id' in msg)) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.settle(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new PGliteThreadError(msg.error, p.site));
    });
    const fail = (err: Error) => {
      this.stopped ??= err;
      for (const [id, p] of this.pending) {
        this.settle(id);
        p.reject(this.stopped);
      }
    };
    worker.on('error', (err) => fail(new Error(`The embedded database thread failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => fail(new Error(`The embedded database thread stopped (exit code ${code})`)));
    worker.unref(); // held only while a request is in flight, as an in-thread PGlite would be
  }

  /** Starts the worker on `dataDir` (in memory when absent) and waits until PGlite is open. */
  static async start(dataDir?: string): Promise<PGliteThreadClient> {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(PGLITE_WORKER_FILE, { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: Reply | Control) => {
        if ('id' in msg) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (msg.type === 'ready') resolve();
        else reject(new PGliteThreadError(msg.error));
      };
      const onExit = (code: number) => reject(new Error(`The embedded database thread stopped while opening (exit code ${code})`));
      const onError = (err: Error) => reject(err);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.on('error', onError);
    });
    return new PGliteThreadClient(worker);
  }

  private settle(id: number) {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private call<T>(request: Request): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const site = {};
    Error.captureStackTrace(site, PGliteThreadClient.prototype.call); // formatted only if it fails
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, site });
      try {
        this.worker.postMessage({ id, ...request });
      } catch (err) {
        this.settle(id); // a parameter that cannot be cloned
        reject(err as Error);
      }
    });
  }

  query<T = Record<string, unknown>>(
    text: string,
    params: unknown[] = [],
    options: QueryOptions = {},
    txId?: number,
  ): Promise<QueryResult<T>> {
    let oids: number[];
    try {
      oids = rawOids(options.parsers);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.call({ op: 'query', text, params, rowMode: options.rowMode ?? 'object', rawOids: oids, txId });
  }

  exec(text: string, txId?: number): Promise<QueryResult[]> {
    return this.call({ op: 'exec', text, txId });
  }

  /** Runs `fn` in one transaction held by the worker: COMMIT when it resolves, ROLLBACK when it throws. */
  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: 'begin' });
    let closed = false;
    const tx: ThreadTransaction = {
      query: (text, params, options) =>
        closed ? Promise.reject(new Error('Transaction is closed')) : this.query(text, params, options, txId),
      exec: (text) => (closed ? Promise.reject(new Error('Transaction is closed')) : this.exec(text, txId)),
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      closed = true;
      await this.call({ op: 'rollback', txId }).catch(() => {});
      throw err;
    }
    closed = true;
    await this.call({ op: 'commit', txId });
    return result;
  }

  /** Closes PGlite (its files are flushed) and ends the thread. */
  async close(): Promise<void> {
    if (!this.stopped) await this.call({ op: 'close' });
    this.stopped ??= new Error('The embedded database is closed');
    await this.worker.terminate();
  }
}
