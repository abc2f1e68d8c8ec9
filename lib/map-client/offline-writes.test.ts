import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { batchOfflineWrites, type OfflineStore } from './offline-writes';

/**
 * A stand-in for IndexeddbPersistence: registers its writer on the doc, as y-indexeddb does, and
 * has an open database whose transactions record what they add and whether they were committed.
 */
function fakeStore(doc: Y.Doc) {
  const writes: { update: Uint8Array; origin?: unknown; committed?: boolean }[] = [];
  const db = {
    transaction: (names: string[], mode: string) => {
      expect([names, mode]).toEqual([['updates'], 'readwrite']);
      const write: (typeof writes)[number] = { update: new Uint8Array(), committed: false };
      return {
        objectStore: (name: string) => ({
          add: (update: Uint8Array) => {
            expect(name).toBe('updates');
            write.update = update;
            writes.push(write);
          },
        }),
        commit: () => void (write.committed = true),
      };
    },
  } as unknown as OfflineStore['db'];
  const store: OfflineStore = { _storeUpdate: (update, origin) => writes.push({ update, origin }), db };
  doc.on('update', store._storeUpdate);
  return { store, writes };
}

/** A doc rebuilt from the writes alone: what a reload would read back from IndexedDB. */
function reload(writes: { update: Uint8Array }[]) {
  const copy = new Y.Doc();
  for (const w of writes) Y.applyUpdate(copy, w.update);
  return copy.getText('t').toString();
}

class FakeWindow extends EventTarget {
  document = { visibilityState: 'visible' as DocumentVisibilityState };
}

describe('offline copy written in batches', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges a burst of keystrokes into one write, delayMs after the first', () => {
    const doc = new Y.Doc();
    const { store, writes } = fakeStore(doc);
    const batched = batchOfflineWrites(doc, store, { delayMs: 250 });
    const text = doc.getText('t');
    for (const ch of 'hello') {
      text.insert(text.length, ch);
      vi.advanceTimersByTime(40);
    }
    expect(writes).toHaveLength(0); // y-indexeddb's own per-update listener is off
    expect(batched.pending()).toBe(5);
    vi.advanceTimersByTime(49); // 249 ms after the first keystroke
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(writes).toHaveLength(1);
    expect(reload(writes)).toBe('hello');
    expect(batched.pending()).toBe(0);

    text.insert(5, '!');
    vi.advanceTimersByTime(250);
    expect(writes).toHaveLength(2);
    expect(reload(writes)).toBe('hello!');
  });

  it('does not write back what the offline copy itself loaded', () => {
    const doc = new Y.Doc();
    const { store, writes } = fakeStore(doc);
    batchOfflineWrites(doc, store, { delayMs: 250 });
    const saved = new Y.Doc();
    saved.getText('t').insert(0, 'from IndexedDB');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(saved), store);
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(0);
    expect(doc.getText('t').toString()).toBe('from IndexedDB');
  });

  it('writes and commits at once when the page is hidden or left, and writes when the session closes', () => {
    const doc = new Y.Doc();
    const { store, writes } = fakeStore(doc);
    const win = new FakeWindow();
    const batched = batchOfflineWrites(doc, store, { delayMs: 250, target: win as unknown as Window });
    const text = doc.getText('t');

    text.insert(0, 'a');
    win.dispatchEvent(new Event('visibilitychange')); // still visible: nothing to do yet
    expect(writes).toHaveLength(0);
    win.document.visibilityState = 'hidden';
    win.dispatchEvent(new Event('visibilitychange'));
    expect(writes).toHaveLength(1);
    // Committed now: a transaction left to commit by itself is aborted if the document goes away.
    expect(writes[0].committed).toBe(true);

    text.insert(1, 'b');
    win.dispatchEvent(new Event('pagehide'));
    expect(writes).toHaveLength(2);
    expect(writes[1].committed).toBe(true);

    text.insert(2, 'c');
    batched.destroy(); // the page stays (the editor closed): y-indexeddb's own writer
    expect(writes).toHaveLength(3);
    expect(writes[2]).toMatchObject({ origin: null });
    expect(reload(writes)).toBe('abc');

    // After destroy: no listener is left on the doc or the window.
    text.insert(3, 'd');
    win.dispatchEvent(new Event('pagehide'));
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(3);
  });

  it('drops pending updates and writes nothing more once the offline copy is discarded', () => {
    const doc = new Y.Doc();
    const { store, writes } = fakeStore(doc);
    const batched = batchOfflineWrites(doc, store, { delayMs: 250 });
    doc.getText('t').insert(0, 'refused by the server');
    batched.discard();
    vi.advanceTimersByTime(1_000);
    batched.flush();
    doc.getText('t').insert(0, 'the server state, again');
    vi.advanceTimersByTime(1_000);
    batched.destroy();
    expect(writes).toHaveLength(0);
  });
});
