import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREFERRED_TRIM_SIZE } from 'y-indexeddb';
import * as Y from 'yjs';
import { batchOfflineWrites, type OfflineStore } from './offline-writes';

/**
 * A stand-in for IndexeddbPersistence: registers its writer on the doc, as y-indexeddb does, and
 * has an open database whose transactions record what they add and whether they were committed.
 */
function fakeStore(doc: Y.Doc, { open = true } = {}) {
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
  const store: OfflineStore = { _storeUpdate: (update, origin) => writes.push({ update, origin }), db: open ? db : null, _dbsize: 0 };
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
    // Committed at once: one left to commit by itself waits for the add's answer, and is aborted
    // if the page goes away meanwhile (a reload just after this timer lost the last keystroke).
    expect(writes[0].committed).toBe(true);
    expect(store._dbsize).toBe(1);
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

  it('writes and commits at once when the page is about to be left, hidden or left, and when the session closes', () => {
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
    expect(writes[0].committed).toBe(true);

    // beforeunload comes before a "leave?" dialog and the navigation: the earliest moment to write.
    text.insert(1, 'b');
    win.dispatchEvent(new Event('beforeunload'));
    expect(writes).toHaveLength(2);
    expect(writes[1].committed).toBe(true);

    text.insert(2, 'c');
    win.dispatchEvent(new Event('pagehide'));
    expect(writes).toHaveLength(3);
    expect(writes[2].committed).toBe(true);

    text.insert(3, 'd');
    batched.destroy(); // the page stays (the editor closed)
    expect(writes).toHaveLength(4);
    expect(writes[3].committed).toBe(true);
    expect(reload(writes)).toBe('abcd');

    // After destroy: no listener is left on the doc or the window.
    text.insert(4, 'e');
    for (const type of ['beforeunload', 'pagehide', 'visibilitychange']) win.dispatchEvent(new Event(type));
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(4);
  });

  it('hands a write to y-indexeddb while the database is not open yet (its first load stores the whole document)', () => {
    const doc = new Y.Doc();
    const { store, writes } = fakeStore(doc, { open: false });
    batchOfflineWrites(doc, store, { delayMs: 250 });
    doc.getText('t').insert(0, 'early');
    vi.advanceTimersByTime(250);
    expect(writes).toEqual([{ update: expect.any(Uint8Array), origin: null }]);
    expect(reload(writes)).toBe('early');
  });

  it('asks for compaction, debounced as y-indexeddb does, once the store holds PREFERRED_TRIM_SIZE updates', () => {
    const doc = new Y.Doc();
    const { store } = fakeStore(doc);
    store._dbsize = PREFERRED_TRIM_SIZE - 3;
    const compact = vi.fn();
    const batched = batchOfflineWrites(doc, store, { delayMs: 250, compact });
    const text = doc.getText('t');
    text.insert(0, 'a');
    batched.flush(); // PREFERRED_TRIM_SIZE - 2
    text.insert(1, 'b');
    batched.flush(); // - 1
    vi.advanceTimersByTime(5_000);
    expect(compact).not.toHaveBeenCalled();
    text.insert(2, 'c');
    batched.flush(); // reaches it
    vi.advanceTimersByTime(600);
    text.insert(3, 'd');
    batched.flush(); // a write within the delay puts the compaction off again
    vi.advanceTimersByTime(999);
    expect(compact).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(compact).toHaveBeenCalledTimes(1);

    // A compaction still waiting when the session closes is dropped with it.
    text.insert(4, 'e');
    batched.destroy();
    vi.advanceTimersByTime(5_000);
    expect(compact).toHaveBeenCalledTimes(1);
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
