// Folding a big map's stored parts on a worker thread (replay-worker.mjs). Compaction replays the
// snapshot and the log into a scratch document: for a 5,000-card map (1.5 MiB) that is ~200 ms
// of CPU, which on the server's thread stalls every open map ([CP3]). Small maps fold in-thread:
// a message round-trip would cost more than the fold.
import path from 'node:path';
import { WorkerRpc, WorkerRpcError } from '@/lib/worker-rpc';
import { logger } from '@/lib/log';
import { replayUpdates } from './replay.mjs';

const log = logger.child({ module: 'sync' });

export const REPLAY_WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'sync', 'replay-worker.mjs');

/** Parts totalling at least this many bytes fold on the replay thread. */
export const OFF_THREAD_REPLAY_BYTES = 256 * 1024;

let thread: Promise<WorkerRpc> | undefined;
let folds = 0;

/** How many folds the replay thread has answered (tests). */
export function replayThreadUsed(): number {
  return folds;
}

function replayThread(): Promise<WorkerRpc> {
  if (!thread) {
    thread = WorkerRpc.start(REPLAY_WORKER_FILE, 'replay');
    thread.catch(() => (thread = undefined));
  }
  return thread;
}

/**
 * `replayUpdates(parts)`, on the replay thread when the parts are big. If the thread cannot be
 * started or dies, the fold runs here instead (slower for everyone, never lost); a thread that died
 * is replaced at the next call. An error of the fold itself (bytes Yjs rejects) is thrown as it is.
 */
export async function replayOffThread(parts: readonly Uint8Array[], minBytes = OFF_THREAD_REPLAY_BYTES): Promise<Uint8Array> {
  if (parts.length <= 1) return replayUpdates(parts);
  let bytes = 0;
  for (const p of parts) bytes += p.byteLength;
  if (bytes < minBytes) return replayUpdates(parts);
  try {
    const rpc = await replayThread();
    if (rpc.stopped) {
      thread = undefined;
      throw rpc.stopped;
    }
    const folded = await rpc.call<Uint8Array>({ parts });
    folds++;
    return folded;
  } catch (err) {
    if (err instanceof WorkerRpcError) throw err; // the fold itself failed: it would fail here too
    log.warn({ err }, 'replay thread unavailable: folding on the main thread');
    return replayUpdates(parts);
  }
}

/** Ends the replay thread (tests, shutdown); the next big fold starts a new one. */
export async function stopReplayThread(): Promise<void> {
  const t = thread;
  thread = undefined;
  if (t) await (await t.catch(() => undefined))?.terminate('The replay thread was stopped');
}
