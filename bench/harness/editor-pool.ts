// The editors of the edit workload, spread over worker threads (editor-worker.ts): maps are dealt
// round-robin, all clients of a map in one worker. Every call goes to every worker and answers
// their results in worker order; every call is bounded by a timeout.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EditorWorkerData } from './editor-worker';
import type { JoinResult, JoinWorkerData } from './join-worker';
import type { World } from './world';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Worker source that registers tsx's loader, then imports the TypeScript entry (tsx's `--import`
 * hooks of the main thread do not reach worker threads on Node 20).
 */
function bootstrap(file: string): string {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(file).href;
  return (
    `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })` +
    `.catch((err) => { console.error(err); process.exit(1); });`
  );
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

class WorkerHandle {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;
  private failed: Error | null = null;

  constructor(
    readonly worker: Worker,
    private readonly name = 'editor worker',
  ) {
    let readyResolve!: () => void;
    let readyReject!: (err: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    this.ready.catch(() => {});
    worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      if (msg.id === 0) return readyResolve();
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`${this.name}: ${msg.error}`));
      else p.resolve(msg.result);
    });
    const fail = (err: Error) => {
      this.failed = err;
      readyReject(err);
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(err);
      }
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`${this.name} exited (${code})`)));
  }

  call<T>(cmd: string, args: Record<string, number> = {}, timeoutMs = 60_000): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.worker.postMessage({ id, cmd, args });
    });
  }
}

export class EditorPool {
  private constructor(private readonly handles: WorkerHandle[]) {}

  static async start(options: { url: string; lintas: boolean; world: World; workers: number }): Promise<EditorPool> {
    const { world } = options;
    const handles: WorkerHandle[] = [];
    for (let w = 0; w < options.workers; w++) {
      const data: EditorWorkerData = {
        url: options.url,
        lintas: options.lintas,
        maps: world.editMaps.map((mapId, index) => ({ mapId, index })).filter((m) => m.index % options.workers === w),
        editors: world.editors.map((e) => ({ id: e.id, name: e.name, cookie: e.cookie })),
        editState: world.editDoc.state,
        cardIds: world.editDoc.cardIds,
        workerIndex: w,
        workers: options.workers,
      };
      handles.push(new WorkerHandle(new Worker(bootstrap(path.join(here, 'editor-worker.ts')), { eval: true, workerData: data })));
    }
    const pool = new EditorPool(handles);
    pools.add(pool);
    await Promise.race([
      Promise.all(handles.map((h) => h.ready)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('editor workers did not start')), 60_000)),
    ]);
    return pool;
  }

  all<T>(cmd: string, args: Record<string, number> = {}, timeoutMs = 60_000): Promise<T[]> {
    return Promise.all(this.handles.map((h) => h.call<T>(cmd, args, timeoutMs)));
  }

  async destroy(): Promise<void> {
    pools.delete(this);
    await Promise.allSettled(this.handles.map((h) => h.call('destroy', {}, 10_000)));
    await Promise.allSettled(this.handles.map((h) => h.worker.terminate()));
  }

  terminate(): void {
    pools.delete(this);
    for (const h of this.handles) void h.worker.terminate();
  }
}

/**
 * One client joining a map from a fresh worker thread (join-worker.ts), so that a join measures
 * the server and a client alone in its thread, as in a browser tab, not the bench process's heap.
 * The thread starts (tsx, Yjs, the provider) before `join()` is timed.
 */
export class FreshJoiner {
  private constructor(private readonly handle: WorkerHandle) {}

  static async start(data: JoinWorkerData): Promise<FreshJoiner> {
    const handle = new WorkerHandle(new Worker(bootstrap(path.join(here, 'join-worker.ts')), { eval: true, workerData: data }), 'join worker');
    const joiner = new FreshJoiner(handle);
    joiners.add(joiner);
    await Promise.race([
      handle.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error('join worker did not start')), 60_000)),
    ]);
    return joiner;
  }

  /** Connects and waits for the first `synced` (or the timeout: `synced` false). */
  join(timeoutMs: number): Promise<JoinResult> {
    return this.handle.call<JoinResult>('join', { timeout: timeoutMs }, timeoutMs + 10_000);
  }

  /** Ends the thread; a second call does nothing. */
  async destroy(): Promise<void> {
    if (!joiners.delete(this)) return;
    await this.handle.call('destroy', {}, 10_000).catch(() => {});
    await this.handle.worker.terminate();
  }

  terminate(): void {
    joiners.delete(this);
    void this.handle.worker.terminate();
  }
}

const pools = new Set<EditorPool>();
const joiners = new Set<FreshJoiner>();

/** Every pool and joiner still running (cleanup on failure). */
export function terminateAllPools(): void {
  for (const pool of [...pools]) pool.terminate();
  for (const joiner of [...joiners]) joiner.terminate();
}

/** Absolute time (ms since the epoch, sub-ms precision) shared by every thread. */
export const absNow = (): number => performance.timeOrigin + performance.now();
