// The offline copy (y-indexeddb) written in batches. y-indexeddb opens one IndexedDB transaction
// per document update, i.e. per keystroke, inside the input handler: ~0.8 ms of the keystroke's
// script on a 50-card map (bench:typing, CPU profile), before the next frame. Here the updates of
// `delayMs` are merged into one write that runs from a timer, off the keystroke's path. Pending
// updates are written at once when the page is hidden or left (pagehide, visibilitychange) and when
// the session closes, so reloading or closing the tab right after typing keeps every change; only a
// browser crash within `delayMs` of the last edit can lose it from this device (an edit the server
// acknowledged is kept by the server regardless).
import * as Y from 'yjs';

/** How long updates gather before they are written to the offline copy. */
export const OFFLINE_WRITE_DELAY_MS = 250;

/** The part of y-indexeddb's IndexeddbPersistence this needs. */
export interface OfflineStore {
  /** Appends one update to the store (y-indexeddb's own per-update writer). */
  _storeUpdate: (update: Uint8Array, origin: unknown) => void;
  /** The open database (null until it is open; its first load then stores the whole document). */
  db: Pick<IDBDatabase, 'transaction'> | null;
}

/** y-indexeddb's object store of updates. */
const UPDATES = 'updates';

export interface OfflineWritesOptions {
  delayMs?: number;
  /** Where pagehide and visibilitychange are listened for (default: the window, when there is one). */
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

/**
 * Takes over y-indexeddb's writes for `doc`: its own listener is removed, and updates reach
 * `store._storeUpdate` merged, at most once per `delayMs`. Updates that came from the store itself
 * (the offline copy being loaded) are not written back, as y-indexeddb does not either.
 */
export function batchOfflineWrites(doc: Y.Doc, store: OfflineStore, options: OfflineWritesOptions = {}): OfflineWrites {
  const delayMs = options.delayMs ?? OFFLINE_WRITE_DELAY_MS;
  const target = options.target ?? (typeof window === 'undefined' ? undefined : window);
  let queue: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  /**
   * Writes what is pending. `leaving`: the page is being hidden or unloaded, so the transaction is
   * committed at once; one left to commit by itself is aborted when the document goes away (a
   * reload right after the last keystroke lost it, e2e offline-edit).
   */
  const flush = (leaving = false) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    const update = queue.length === 1 ? queue[0] : Y.mergeUpdates(queue);
    queue = [];
    if (leaving && store.db) {
      const transaction = store.db.transaction([UPDATES], 'readwrite');
      transaction.objectStore(UPDATES).add(update);
      transaction.commit();
    } else store._storeUpdate(update, null);
  };
  const onLeave = () => flush(true);
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (destroyed || origin === store) return;
    queue.push(update);
    timer ??= setTimeout(() => flush(), delayMs);
  };
  const onHidden = () => {
    if (target?.document?.visibilityState !== 'visible') flush(true);
  };
  const stop = () => {
    destroyed = true;
    doc.off('update', onUpdate);
    target?.removeEventListener('pagehide', onLeave);
    target?.removeEventListener('visibilitychange', onHidden);
  };

  doc.off('update', store._storeUpdate);
  doc.on('update', onUpdate);
  target?.addEventListener('pagehide', onLeave);
  target?.addEventListener('visibilitychange', onHidden);

  return {
    flush: () => flush(),
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
