// A worker thread of the bench holding the editors of some maps (all clients of a map live in
// one worker, so an edit and its observation share one clock). 500 providers in one thread
// saturate it at 1,000 edits/s and the bench would measure its own queueing; spread over threads
// they can use both cores. Driven by editor-pool.ts: { id, cmd, args } → { id, result | error }.
// Times that cross threads are absolute: performance.timeOrigin + performance.now().
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { BenchClient, Tracker, type PhaseStats } from './clients';
import { sleep, waitUntil } from './stats';
import { runOpenLoop } from './open-loop';
import { serveWorkerCommands, type WorkerCommands } from './worker-commands';

export interface EditorWorkerData {
  url: string;
  lintas: boolean;
  /** Maps of this worker, with their index in the world's edit maps. */
  maps: { mapId: string; index: number }[];
  editors: { id: string; name: string; cookie: string }[];
  editState: Uint8Array;
  cardIds: string[];
  workerIndex: number;
  workers: number;
}

process.setMaxListeners(0); // every provider adds an 'exit' listener
const data = workerData as EditorWorkerData;
const N = data.editors.length;
const tracker = new Tracker(data.workerIndex, data.workers);
const abs = () => performance.timeOrigin + performance.now();
const local = (absolute: number) => absolute - performance.timeOrigin;

const clients: BenchClient[] = [];
for (const { mapId } of data.maps) {
  const first = clients.length;
  for (let k = 0; k < N; k++) {
    const cardId = data.cardIds[k];
    clients.push(
      new BenchClient({
        url: data.url,
        mapId,
        cookie: data.editors[k].cookie,
        initial: data.editState,
        cardId,
        observe: true,
        tracker,
        acks: data.lintas,
        presence: { user: { id: data.editors[k].id, name: data.editors[k].name }, color: '#3366aa', editing: cardId, cursor: null },
      }),
    );
  }
  for (let k = 0; k < N; k++) clients[first + k].designatedObserver = clients[first + ((k + 1) % N)];
}
const mapIndexOf = new Map(data.maps.map((m) => [m.mapId, m.index]));

let loop: ReturnType<typeof runOpenLoop> | null = null;
let open: PhaseStats | null = null;
/** A second measured window right after the first (`late` s; null when 0). */
let late: PhaseStats | null = null;
let warm: PhaseStats | null = null;
let tail: PhaseStats | null = null;
const skipped = { n: 0 };
let lagP99 = { open: NaN, late: NaN };
/** 250 edits/s per editor at most in the closed loop: under the sync server's 300 messages/s ([LM3]). */
const CLOSED_LOOP_GAP_MS = 4;
const lag = monitorEventLoopDelay({ resolution: 5 });

const closes = () => clients.reduce((s, c) => s + c.closes, 0);
const idsOf = (phase: PhaseStats) => {
  const out: number[] = [];
  for (let i = 0; i < tracker.phase.length; i++) if (tracker.phase[i] === phase) out.push(i);
  return out;
};
const allAcked = () => !data.lintas || clients.every((c) => c.unacked === 0);

const commands: WorkerCommands = {
  async connect({ timeout }) {
    for (const c of clients) c.connect();
    return { synced: await waitUntil(() => clients.every((c) => c.synced), timeout, 5) };
  },

  /**
   * Starts the open loop: warm-up, measured window, an optional second measured window (`late`
   * s, 0 for none), tail, from `startAt` (absolute ms).
   */
  async openLoop({ startAt, warmup, duration, late: lateSeconds = 0, tailSeconds, rate }) {
    warm = tracker.newPhase('warm-up');
    open = tracker.newPhase('open');
    late = lateSeconds > 0 ? tracker.newPhase('late') : null;
    tail = tracker.newPhase('tail');
    skipped.n = 0;
    await sleep(Math.max(0, local(startAt) - performance.now()));
    loop = runOpenLoop(
      tracker,
      clients,
      rate,
      [
        { seconds: warmup, phase: warm },
        { seconds: duration, phase: open },
        ...(late ? [{ seconds: lateSeconds, phase: late }] : []),
        { seconds: tailSeconds, phase: tail },
      ],
      skipped,
    );
    // The bench's own event-loop delay, per measured window.
    lagP99 = { open: NaN, late: NaN };
    void loop.ended[0].then(() => {
      lag.reset();
      lag.enable();
    });
    void loop.ended[1].then(() => {
      lagP99.open = lag.percentile(99) / 1e6;
      lag.reset();
      if (!late) lag.disable();
    });
    if (late) {
      void loop.ended[2].then(() => {
        lagP99.late = lag.percentile(99) / 1e6;
        lag.disable();
      });
    }
    return { ok: true };
  },

  /** After the measured window(s): drains their edits (bounded) and answers what was measured. */
  async openResults({ drainMs }) {
    if (!loop || !open || !warm) throw new Error('no open loop');
    const closesBefore = closes();
    await loop.ended[late ? 2 : 1];
    const measured = late ? [open, late] : [open];
    const ids = measured.flatMap(idsOf);
    const delivered = () =>
      ids.every((i) => tracker.observedBy[i] >= N - 1 && (!data.lintas || tracker.acked[i] || !tracker.sentOnSocket[i]));
    await waitUntil(delivered, drainMs, 20);
    for (const phase of [warm, ...measured]) phase.closed = true;
    const openIds = idsOf(open);
    return {
      edits: open.edits,
      observations: open.observations,
      expected: open.edits * (N - 1),
      fullyDelivered: openIds.filter((i) => tracker.observedBy[i] >= N - 1).length,
      acks: open.acks,
      skipped: skipped.n,
      broadcast: open.broadcast.toArray(),
      ack: open.ack.toArray(),
      lagP99: lagP99.open,
      late: late ? { edits: late.edits, broadcast: late.broadcast.toArray(), ack: late.ack.toArray(), lagP99: lagP99.late } : null,
      closes: closes() - closesBefore,
    };
  },

  async stopLoop() {
    loop?.stop();
    if (tail) tail.closed = true;
    return { tailEdits: tail?.edits ?? 0 };
  },

  async waitAcked({ timeout }) {
    return { ok: await waitUntil(allAcked, timeout, 20) };
  },

  async waitDesynced({ timeout }) {
    return { ok: await waitUntil(() => clients.every((c) => !c.synced), timeout, 5) };
  },

  /** Waits until every client is synced; answers absolute times per client. */
  async waitSynced({ timeout }) {
    const ok = await waitUntil(() => clients.every((c) => c.synced), timeout, 5);
    return {
      ok,
      unsynced: clients.filter((c) => !c.synced).length,
      syncedAt: clients.map((c) => performance.timeOrigin + c.syncedAt),
      lastAttemptAt: clients.map((c) => performance.timeOrigin + c.lastAttemptAt),
    };
  },

  /** Edit ids by map index: acknowledged and not. */
  async ackState() {
    const maps: { index: number; acked: number[]; unacked: number[] }[] = data.maps.map((m) => ({
      index: m.index,
      acked: [],
      unacked: [],
    }));
    const byIndex = new Map(maps.map((m) => [m.index, m]));
    for (let i = 0; i < tracker.sentAt.length; i++) {
      const m = byIndex.get(mapIndexOf.get(tracker.editor[i].options.mapId)!)!;
      (tracker.acked[i] ? m.acked : m.unacked).push(tracker.idOf(i));
    }
    return { maps };
  },

  /**
   * Closed loop from `startAt` (absolute): every editor's next edit follows the observation of
   * its last one by its neighbour. Completions are counted in [startAt + warmMs, + durationMs].
   */
  async closedLoop({ startAt, warmMs, durationMs }) {
    const phase = tracker.newPhase('closed');
    let running = true;
    let windowDone = 0;
    const from = local(startAt) + warmMs;
    const to = from + durationMs;
    // One editor's edits stay at least CLOSED_LOOP_GAP_MS apart: a fast round trip on a light
    // load (--quick) would otherwise run into the server's per-connection rate limit ([LM3]) and
    // measure the limiter instead of the server.
    const lastEdit = new Map<BenchClient, number>();
    const edit = (editor: BenchClient) => {
      if (!running || !editor.provider.wsconnected) return;
      lastEdit.set(editor, performance.now());
      tracker.edit(editor, phase);
    };
    phase.onCompleted = (editor, now) => {
      if (now >= from && now <= to) windowDone++;
      if (!running) return;
      const wait = (lastEdit.get(editor) ?? -Infinity) + CLOSED_LOOP_GAP_MS - performance.now();
      if (wait > 0) setTimeout(() => edit(editor), wait);
      else setImmediate(() => edit(editor));
    };
    await sleep(Math.max(0, local(startAt) - performance.now()));
    for (const e of clients) setTimeout(() => edit(e), Math.random() * 100);
    await sleep(Math.max(0, from - performance.now()));
    lag.reset();
    lag.enable();
    await sleep(Math.max(0, to - performance.now()));
    running = false;
    lag.disable();
    await waitUntil(allAcked, 20_000, 20);
    phase.closed = true;
    return { done: windowDone, broadcast: phase.broadcast.toArray(), ack: phase.ack.toArray(), lagP99: lag.percentile(99) / 1e6 };
  },

  /** Maps whose clients all reached the same state vector (bounded wait). */
  async converged({ timeout }) {
    const count = () => {
      let ok = 0;
      for (let m = 0; m < data.maps.length; m++) {
        const svs = clients.slice(m * N, m * N + N).map((c) => {
          const sv = Y.decodeStateVector(Y.encodeStateVector(c.doc));
          return JSON.stringify([...sv.entries()].sort((a, b) => a[0] - b[0]));
        });
        if (svs.every((s) => s === svs[0])) ok++;
      }
      return ok;
    };
    await waitUntil(() => count() === data.maps.length, timeout, 100);
    return { converged: count() };
  },

  async stats() {
    return { closes: closes(), errors: clients.flatMap((c) => c.errors) };
  },

  async destroy() {
    loop?.stop();
    for (const c of clients) c.destroy();
    setImmediate(() => parentPort?.close());
    return { ok: true };
  },
};

serveWorkerCommands(commands, { ready: true, at: abs() });
