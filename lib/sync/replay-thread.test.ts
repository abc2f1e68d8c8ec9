// [CP5] Big folds on the replay thread: the same bytes as in-thread, and never lost to a thread.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkerRpcError } from '@/lib/worker-rpc';
import { replayUpdates } from './replay.mjs';
import { OFF_THREAD_REPLAY_BYTES, replayOffThread, replayThreadUsed, stopReplayThread } from './replay-thread';

/** A snapshot of `cards` entries plus `rows` later edits (some deleting), as separate updates. */
function storedParts(cards: number, rows: number): Uint8Array[] {
  const doc = new Y.Doc();
  const map = doc.getMap<Y.Text>('cards');
  for (let i = 0; i < cards; i++) map.set(`c${i}`, new Y.Text(`Card ${i}: customers compare prices across marketplaces`));
  const parts = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (u: Uint8Array) => parts.push(u));
  for (let i = 0; i < rows; i++) {
    if (i % 5 === 0) map.delete(`c${i}`);
    else map.get(`c${i}`)!.insert(0, `edit ${i} `);
  }
  doc.destroy();
  return parts;
}

afterEach(() => stopReplayThread());

describe('replayOffThread', () => {
  it('folds big parts on the replay thread, byte for byte as the fold in this thread', async () => {
    const parts = storedParts(4_000, 200);
    expect(parts.reduce((n, p) => n + p.byteLength, 0)).toBeGreaterThan(OFF_THREAD_REPLAY_BYTES);
    const before = replayThreadUsed();
    const folded = await replayOffThread(parts);
    expect(replayThreadUsed()).toBe(before + 1);
    expect(Buffer.from(folded).equals(Buffer.from(replayUpdates(parts)))).toBe(true);
    // deleted cards are gone from the fold (garbage-collected), edits are in
    const doc = new Y.Doc();
    Y.applyUpdate(doc, folded);
    expect(doc.getMap('cards').has('c5')).toBe(false);
    expect(String(doc.getMap('cards').get('c6'))).toMatch(/^edit 6 Card 6/);
  });

  it('folds small parts here, without a thread', async () => {
    const parts = storedParts(20, 5);
    const before = replayThreadUsed();
    expect(Buffer.from(await replayOffThread(parts)).equals(Buffer.from(replayUpdates(parts)))).toBe(true);
    expect(replayThreadUsed()).toBe(before);
  });

  it('keeps pending parts (a row whose dependency is missing) as the fold here does', async () => {
    const parts = storedParts(50, 10);
    const withGap = [parts[0], ...parts.slice(3)]; // rows 1-2 missing: later edits wait on them
    const folded = await replayOffThread(withGap, 0);
    expect(Buffer.from(folded).equals(Buffer.from(replayUpdates(withGap)))).toBe(true);
  });

  it('folds here when the thread dies mid-fold, and starts a new thread next time', async () => {
    const parts = storedParts(4_000, 200);
    const expected = Buffer.from(replayUpdates(parts));
    const inFlight = replayOffThread(parts, 0);
    await new Promise((r) => setTimeout(r, 5));
    await stopReplayThread(); // the thread ends under the fold
    expect(Buffer.from(await inFlight).equals(expected)).toBe(true);
    const before = replayThreadUsed();
    expect(Buffer.from(await replayOffThread(parts, 0)).equals(expected)).toBe(true);
    expect(replayThreadUsed()).toBe(before + 1);
  });
});

describe('replayOffThread errors', () => {
  it('throws an error of the fold itself instead of folding again here', async () => {
    const parts = storedParts(50, 2);
    const garbage = [parts[0], new Uint8Array([255, 255, 255, 255, 255, 1, 2, 3])];
    const here = (() => {
      try {
        replayUpdates(garbage);
        return null;
      } catch (err) {
        return err as Error;
      }
    })();
    expect(here).toBeInstanceOf(Error); // the bytes are bad in this thread too
    await expect(replayOffThread(garbage, 0)).rejects.toBeInstanceOf(WorkerRpcError);
  });
});
