// The offline copy (y-indexeddb) written in batches. y-indexeddb opens one IndexedDB transaction
// per document update, i.e. per keystroke, inside the input handler: ~0.8 ms of the keystroke's
// script on a 50-card map (bench:typing, CPU profile), before the next frame. Here the updates of
// `delayMs` are merged into one write that runs from a timer, off the keystroke's path.
//
// Every write commits its transaction at once (IDBTransaction.commit). One left to commit by
// itself waits for the add's answer to come back to the page first, and is aborted if the page
// goes away in between: a timer write that ran just before a reload lost the last keystroke (CI,
// e2e offline-edit, 1 run in many). Pending updates are also written the moment the page is about
// to be left (beforeunload, before any "leave?" dialog and the navigation), hidden or left
// (visibilitychange, pagehide), and when the session closes. What remains: a browser crash within
// `delayMs` of the last edit loses it from this device (an edit the server acknowledged is kept
// by the server regardless).
import { PREFERRED_TRIM_SIZE, storeState, type IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

/** How long updates gather before they are written to the offline copy. */
export const OFFLINE_WRITE_DELAY_MS = 250;

/** The part of y-indexeddb's IndexeddbPersistence this needs. */
export interface OfflineStore {
  /** Appends one update to the store (y-indexeddb's own per-update writer). */
  _storeUpdate: (update: Uint8Array, origin: unknown) => void;
  /** The open database (null until it is open; its first load then stores the whole document). */
  db: Pick<IDBDatabase, 'transaction'> | null;
  /** Updates in the store (y-indexeddb's count, which decides when it is compacted). */
  _dbsize: number;
}

/** y-indexeddb's object store of updates. */
const UPDATES = 'updates';

export interface OfflineWritesOptions {
  delayMs?: number;
  /**
   * Merges the store's updates into one, called (debounced) once it holds PREFERRED_TRIM_SIZE of
   * them, as y-indexeddb's own writer does (default: y-indexeddb's storeState).
   */
  compact?: () => void;
  /** Where beforeunload, pagehide and visibilitychange are listened for (default: the window, when there is one). */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { document?: Pick<Document, 'visibilityState'> };
}

export interface OfflineWrites {
  /** Writes what is pending now. */
  flush(): void;
  /** Forgets what is pending and writes nothing more (the offline copy is being deleted). */
  discard(): void;
  /** Updates not yet written. */
  pending(): number;
  /** Writes what is pending and stops listening. */
  destroy(): void;
}

/** How long y-indexeddb waits after the write that reached PREFERRED_TRIM_SIZE before compacting. */
const COMPACT_DELAY_MS = 1_000;

/**
 * Takes over y-indexeddb's writes for `doc`: its own listener is removed, and updates reach the
 * store merged, at most once per `delayMs`, each write committed at once. Updates that came from
 * the store itself (the offline copy being loaded) are not written back, as y-indexeddb does not
 * either.
 */
export function batchOfflineWrites(doc: Y.Doc, store: OfflineStore, options: OfflineWritesOptions = {}): OfflineWrites {
  const delayMs = options.delayMs ?? OFFLINE_WRITE_DELAY_MS;
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window);
  const compact = options.compact ?? (() => void storeState(store as IndexeddbPersistence, false));
  let queue: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let compactTimer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  const write = (update: Uint8Array) => {
    if (!store.db) {
      // Not open yet: y-indexeddb's writer drops it, and the first load stores the whole document.
      store._storeUpdate(update, null);
      return;
    }
    const transaction = store.db.transaction([UPDATES], 'readwrite');
    transaction.objectStore(UPDATES).add(update);
    transaction.commit?.(); // Chromium 76+, Firefox 74+, Safari 15+; older ones commit by themselves
    if (++store._dbsize >= PREFERRED_TRIM_SIZE) {
      if (compactTimer !== null) clearTimeout(compactTimer);
      compactTimer = setTimeout(() => {
        compactTimer = null;
        compact();
      }, COMPACT_DELAY_MS);
    }
  };
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    const update = queue.length === 1 ? queue[0] : Y.mergeUpdates(queue);
    queue = [];
    write(update);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (destroyed || origin === store) return;
    queue.push(update);
    timer ??= setTimeout(flush, delayMs);
  };
  const onHidden = () => {
    if (target?.document?.visibilityState !== 'visible') flush();
  };
  const stop = () => {
    destroyed = true;
    if (compactTimer !== null) clearTimeout(compactTimer);
    compactTimer = null;
    doc.off('update', onUpdate);
    target?.removeEventListener('beforeunload', flush);
    target?.removeEventListener('pagehide', flush);
    target?.removeEventListener('visibilitychange', onHidden);
  };

  doc.off('update', store._storeUpdate);
  doc.on('update', onUpdate);
  target?.addEventListener('beforeunload', flush);
  target?.addEventListener('pagehide', flush);
  target?.addEventListener('visibilitychange', onHidden);

  return {
    flush,
    discard() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      queue = [];
      stop();
    },
    pending: () => queue.length,
    destroy() {
      if (destroyed) return;
      flush();
      stop();
    },
  };
}
