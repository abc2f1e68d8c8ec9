// Requests to a worker thread and their answers, matched by id. The worker side is
// lib/worker-rpc-serve.mjs. The thread is ref'd only while a request is in flight, so an idle
// worker never keeps a process alive; a thread that dies rejects what is in flight, and every later
// request, with a clear error.
import type { Worker } from 'node:worker_threads';

export type ErrorFields = { name: string; message: string } & Record<string, string | number>;
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorFields };
type Control = { type: 'ready' } | { type: 'failed'; error: ErrorFields };

/** An error thrown in the worker: its fields (PostgreSQL's `code`, `constraint`, …) and the caller's stack. */
export class WorkerRpcError extends Error {
  [field: string]: unknown;
  constructor(fields: ErrorFields, callSite?: { stack?: string }) {
    super(fields.message);
    for (const [k, v] of Object.entries(fields)) if (k !== 'message' && k !== 'stack') this[k] = v;
    // The stack of whoever made the request: the worker's own is of no use to its reader.
    const frames = callSite?.stack?.split('\n').slice(1).join('\n');
    if (frames) this.stack = `${this.name}: ${this.message}\n${frames}`;
  }
}

export class WorkerRpc {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; site: { stack?: string } }>();
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly what: string,
  ) {
    worker.on('message', (msg: Reply | Control) => {
      if (!('id' in msg)) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.settle(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new WorkerRpcError(msg.error, p.site));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const [id, p] of this.pending) {
        this.settle(id);
        p.reject(this.failure);
      }
    };
    worker.on('error', (err) => fail(new Error(`The ${what} thread failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => fail(new Error(`The ${what} thread stopped (exit code ${code})`)));
    worker.unref();
  }

  /**
   * Starts `file` and waits for its `{ type: 'ready' }` (or `failed`). `what` names the thread in
   * errors ("the embedded database").
   */
  static async start(file: string, what: string, workerData?: unknown): Promise<WorkerRpc> {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(file, { workerData });
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.off('error', onError);
      };
      const onMessage = (msg: Reply | Control) => {
        if ('id' in msg) return;
        done();
        if (msg.type === 'ready') resolve();
        else reject(new WorkerRpcError(msg.error));
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`The ${what} thread stopped while starting (exit code ${code})`));
      };
      const onError = (err: Error) => {
        done();
        reject(err);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.on('error', onError);
    });
    return new WorkerRpc(worker, what);
  }

  /** Why the thread can no longer answer, if it cannot. */
  get stopped(): Error | undefined {
    return this.failure;
  }

  private settle(id: number) {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  /** Sends `request` (plus an `id`); resolves with the worker's result. */
  call<T>(request: object, transfer?: readonly ArrayBuffer[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const site = {};
    Error.captureStackTrace(site, WorkerRpc.prototype.call); // formatted only if the request fails
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, site });
      try {
        this.worker.postMessage({ ...request, id }, transfer as ArrayBuffer[] | undefined);
      } catch (err) {
        this.settle(id); // a value that cannot be cloned
        reject(err as Error);
      }
    });
  }

  /** Ends the thread; later requests reject with `reason`. */
  async terminate(reason: string): Promise<void> {
    this.failure ??= new Error(reason);
    await this.worker.terminate();
  }
}
