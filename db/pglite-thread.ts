// PGlite on a worker thread, behind the part of PGlite's interface that drizzle and `executeRaw`
// use (`query`, `exec`, `transaction`, `close`). PGlite executes SQL synchronously inside its
// WebAssembly Postgres: in the server's own thread every statement blocks the event loop (a
// 25-row append: 2.5 ms of main-thread time in-thread, 0.46 ms through the worker). The worker
// is db/pglite-worker.mjs (its requests are listed at its top), over lib/worker-rpc.ts.
import path from 'node:path';
import { WorkerRpc } from '@/lib/worker-rpc';

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
  | { op: 'copyBytes'; text: string; txId?: number }
  | { op: 'begin' }
  | { op: 'commit' | 'rollback'; txId: number }
  | { op: 'close' };

/** An error from the worker, with PostgreSQL's fields (`code`, `detail`, `constraint`, …) kept. */
export { WorkerRpcError as PGliteThreadError } from '@/lib/worker-rpc';

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
  private constructor(private readonly rpc: WorkerRpc) {}

  /**
   * Starts the worker on `dataDir` (in memory when absent) and waits until PGlite is open;
   * `startParams`: PGlite's (default: its own).
   */
  static async start(dataDir?: string, startParams?: string[]): Promise<PGliteThreadClient> {
    return new PGliteThreadClient(await WorkerRpc.start(PGLITE_WORKER_FILE, 'embedded database', { dataDir, startParams }));
  }

  private call<T>(request: Request): Promise<T> {
    return this.rpc.call<T>(request);
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

  /** Runs `text`, a `COPY … TO '/dev/blob'`, and answers the file it wrote (moved, not copied). */
  copyBytes(text: string, txId?: number): Promise<Uint8Array> {
    return this.call({ op: 'copyBytes', text, txId });
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
    if (!this.rpc.stopped) await this.call({ op: 'close' });
    await this.rpc.terminate('The embedded database is closed');
  }
}
