// An in-memory MapStore for room tests, with switches to delay or fail each operation.
import * as Y from 'yjs';
import type { MapStore } from '@/lib/sync/persistence';

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class MemoryMapStore implements MapStore {
  readonly rows = new Map<string, Uint8Array[]>();
  readonly snapshots = new Map<string, Uint8Array>();
  readonly calls = { load: 0, loadParts: 0, append: 0, compact: 0, refreshDerived: 0 };
  /** When set, `load` waits for it (or fails with its rejection). */
  loadGate: Deferred | null = null;
  /** When set, each `append` waits for the next gate taken from this list. */
  appendGates: Deferred[] | null = null;
  failAppend = false;

  async load(mapId: string): Promise<Uint8Array | null> {
    this.calls.load++;
    const parts = await this.parts(mapId);
    return parts.length === 0 ? null : Y.mergeUpdates(parts);
  }

  async loadParts(mapId: string): Promise<Uint8Array[]> {
    this.calls.loadParts++;
    return this.parts(mapId);
  }

  private async parts(mapId: string): Promise<Uint8Array[]> {
    if (this.loadGate) await this.loadGate.promise;
    return [...(this.snapshots.has(mapId) ? [this.snapshots.get(mapId)!] : []), ...(this.rows.get(mapId) ?? [])];
  }

  async append(mapId: string, updates: Uint8Array[]): Promise<void> {
    this.calls.append++;
    const gate = this.appendGates?.shift();
    if (gate) await gate.promise;
    if (this.failAppend) throw new Error('disk full');
    const list = this.rows.get(mapId) ?? [];
    list.push(...updates.map((u) => u.slice()));
    this.rows.set(mapId, list);
  }

  async compact(mapId: string): Promise<{ merged: number }> {
    this.calls.compact++;
    const rows = this.rows.get(mapId) ?? [];
    if (rows.length === 0) return { merged: 0 };
    const snapshot = this.snapshots.get(mapId);
    this.snapshots.set(mapId, Y.mergeUpdates(snapshot ? [snapshot, ...rows] : rows));
    this.rows.set(mapId, []);
    return { merged: rows.length };
  }

  /** The docBytes of every refresh: a number the room passed, or 'measured'. */
  readonly docBytesGiven: (number | 'measured')[] = [];

  async refreshDerived(_mapId: string, doc: Y.Doc, docBytes?: number): Promise<{ docBytes: number }> {
    this.calls.refreshDerived++;
    this.docBytesGiven.push(docBytes ?? 'measured');
    return { docBytes: docBytes ?? Y.encodeStateAsUpdate(doc).byteLength };
  }

  /** The stored document of `mapId`, as a fresh Y.Doc. */
  docOf(mapId: string): Y.Doc {
    const doc = new Y.Doc();
    for (const part of [...(this.snapshots.has(mapId) ? [this.snapshots.get(mapId)!] : []), ...(this.rows.get(mapId) ?? [])]) {
      Y.applyUpdate(doc, part);
    }
    return doc;
  }
}
