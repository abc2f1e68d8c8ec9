// Group commit across rooms, for log appends ([AK7]) and derived counters ([DV1]): while one write is in flight, appends queue;
// when it ends (and at least minIntervalMs after it started), everything queued goes out as the
// next single write. An idle writer starts on the
// next turn of the event loop (setImmediate), so the appends every room makes in this turn share
// it: PGlite runs a whole statement inside the microtasks that follow one room's flush, so
// "write at once" would never batch there. A busy server writes far fewer, larger statements (on
// PGlite every statement also blocks the event loop, so their count matters more than their size).

import { PacedDrain } from './paced-drain';

/** What is grouped: anything of one map. */
export interface Keyed {
  mapId: string;
}

/** Log rows of one map to append. */
export interface QueuedAppend extends Keyed {
  updates: Uint8Array[];
}

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

/** Writes one batch in one transaction: all of it or none. */
export type BatchWriter<T> = (batch: readonly T[]) => Promise<void>;

export interface GroupCommitOptions<T> {
  /** How much of `maxWeight` an item uses (default 1; appends: their row count). */
  weight?: (item: T) => number;
  /** Weight per statement at most (PostgreSQL allows 65,535 parameters). Default 1,000. */
  maxWeight?: number;
  /**
   * A write starts at least this long after the previous one started (default 25 ms): at most
   * 40 statements a second however many rooms write, for at most that much added latency.
   */
  minIntervalMs?: number;
}

export class GroupCommit<T extends Keyed> {
  private readonly drain: PacedDrain<Waiting<T>>;
  private readonly weight: (item: T) => number;
  private readonly maxWeight: number;

  constructor(
    private readonly write: BatchWriter<T>,
    options: GroupCommitOptions<T> = {},
  ) {
    this.weight = options.weight ?? (() => 1);
    this.maxWeight = options.maxWeight ?? 1_000;
    this.drain = new PacedDrain((queue) => this.commit(this.take(queue)), options.minIntervalMs ?? 25);
  }

  /** Resolves once `item` is committed; rejects if its transaction failed. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => this.drain.push({ item, resolve, reject }));
  }

  /** The oldest queued items, up to `maxWeight` (always at least one). */
  private take(queue: Waiting<T>[]): Waiting<T>[] {
    let weight = 0;
    let n = 0;
    while (n < queue.length && (n === 0 || weight + this.weight(queue[n].item) <= this.maxWeight)) {
      weight += this.weight(queue[n].item);
      n++;
    }
    return queue.splice(0, n);
  }

  private async commit(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
      return;
    } catch (err) {
      const maps = new Set(batch.map((w) => w.item.mapId));
      if (maps.size === 1) {
        for (const w of batch) w.reject(err);
        return;
      }
    }
    // Several maps shared the failed transaction: nothing of it was stored. Each map is retried
    // alone, so one map's failure (say, it was deleted: foreign key) fails only its own items.
    const byMap = new Map<string, Waiting<T>[]>();
    for (const w of batch) byMap.set(w.item.mapId, [...(byMap.get(w.item.mapId) ?? []), w]);
    for (const group of byMap.values()) {
      try {
        await this.write(group.map((w) => w.item));
        for (const w of group) w.resolve();
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
  }
}
