// One joining client of the big map, alone in a fresh worker thread: what a browser tab opening
// the map does (a cold Yjs, a heap of its own), without the bench process's heap, its GCs and
// its other clients in the way. Driven by editor-pool.ts's `FreshJoiner`:
// { id, cmd: 'join' | 'destroy' } → { id, result | error }. Times are absolute
// (performance.timeOrigin + performance.now()), like the editor workers'.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { BenchClient, type BenchSocket } from './clients';
import { waitUntil } from './stats';
import { serveWorkerCommands, type WorkerCommands } from './worker-commands';

export interface JoinWorkerData {
  url: string;
  mapId: string;
  cookie?: string;
  lintas: boolean;
  /**
   * A warmed client: before it reports ready, the thread applies these bytes (the map) to
   * throwaway documents a few times, through the same decode, integrate and 'update' encode
   * the provider's apply goes through, then collects the garbage. Without it the client is cold
   * (a tab that never ran Yjs).
   */
  warmWith?: Uint8Array;
}

export interface JoinResult {
  synced: boolean;
  /**
   * Absolute ms: connect() called, socket open (upgrade accepted), the server's sync step 2 (the
   * map) arrived whole, first `synced` (the provider applied it).
   */
  connectStartedAt: number;
  openedAt: number;
  step2ArrivedAt: number;
  syncedAt: number;
  cards: number;
  closeCodes: number[];
  errors: string[];
}

const data = workerData as JoinWorkerData;
const WARM_ROUNDS = 3;
const abs = (t: number) => performance.timeOrigin + t;
let client: BenchClient | null = null;

const commands: WorkerCommands = {
  async join({ timeout }): Promise<JoinResult> {
    if (client) throw new Error('this worker already joined');
    const c = new BenchClient({ url: data.url, mapId: data.mapId, cookie: data.cookie, acks: data.lintas });
    client = c;
    c.connect();
    const synced = await waitUntil(() => c.synced, timeout, 1);
    return {
      synced,
      connectStartedAt: abs(c.connectStartedAt),
      openedAt: abs(c.openedAt),
      step2ArrivedAt: abs((c.provider.ws as BenchSocket | null)?.step2ArrivedAt ?? NaN),
      syncedAt: abs(c.syncedAt),
      cards: c.doc.getMap('cards').size,
      closeCodes: c.closeCodes,
      errors: c.errors,
    };
  },

  async destroy() {
    client?.destroy();
    setImmediate(() => parentPort?.close());
    return { ok: true };
  },
};

if (data.warmWith) {
  for (let i = 0; i < WARM_ROUNDS; i++) {
    const doc = new Y.Doc();
    doc.on('update', () => {}); // the provider listens: Yjs then encodes each remote update again
    Y.applyUpdate(doc, data.warmWith, 'warm-up');
    doc.destroy();
  }
  // The warm-up's documents are garbage now: collect them before the measured join, not during it.
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
serveWorkerCommands(commands);
