// Group commit for log appends across rooms ([AK7]): while one write is in flight, appends queue;
// when it ends (and at least minIntervalMs after it started), everything queued goes out as the
// next single write. An idle writer starts on the
// next turn of the event loop (setImmediate), so the appends every room makes in this turn share
// it: PGlite runs a whole statement inside the microtasks that follow one room's flush, so
// "write at once" would never batch there. A busy server writes far fewer, larger statements (on
// PGlite every statement also blocks the event loop, so their count matters more than their size).

export interface QueuedAppend {
  mapId: string;
  updates: Uint8Array[];
}

interface Waiting extends QueuedAppend {
  resolve(): void;
  reject(err: unknown): void;
}

/** Writes one batch in one transaction: all rows or none. */
export type BatchWriter = (batch: readonly QueuedAppend[]) => Promise<void>;

export interface GroupCommitOptions {
  /** Rows per statement at most (PostgreSQL allows 65,535 parameters; two per row). Default 1,000. */
  maxRows?: number;
  /**
   * A write starts at least this long after the previous one started (default 10 ms): at most
   * 100 statements a second however many rooms write, for at most that much added ack latency.
   */
  minIntervalMs?: number;
}

export class GroupCommit {
  private queue: Waiting[] = [];
  private running = false;
  private lastStart = -Infinity;
  private readonly maxRows: number;
  private readonly minIntervalMs: number;

  constructor(
    private readonly write: BatchWriter,
    options: GroupCommitOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 1_000;
    this.minIntervalMs = options.minIntervalMs ?? 10;
  }

  /** Resolves once `updates` are committed; rejects if their transaction failed. */
  add(mapId: string, updates: Uint8Array[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ mapId, updates, resolve, reject });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const wait = this.lastStart + this.minIntervalMs - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.lastStart = performance.now();
        await this.commit(this.take());
      }
    } finally {
      this.running = false;
    }
  }

  /** The oldest queued appends, up to `maxRows` rows (always at least one append). */
  private take(): Waiting[] {
    let rows = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || rows + this.queue[n].updates.length <= this.maxRows)) {
      rows += this.queue[n].updates.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      await this.write(batch);
      for (const w of batch) w.resolve();
      return;
    } catch (err) {
      const maps = new Set(batch.map((w) => w.mapId));
      if (maps.size === 1) {
        for (const w of batch) w.reject(err);
        return;
      }
    }
    // Several maps shared the failed transaction: nothing of it was stored. Each map is retried
    // alone, so one map's failure (say, it was deleted: foreign key) fails only its own appends.
    const byMap = new Map<string, Waiting[]>();
    for (const w of batch) byMap.set(w.mapId, [...(byMap.get(w.mapId) ?? []), w]);
    for (const group of byMap.values()) {
      try {
        await this.write(group);
        for (const w of group) w.resolve();
      } catch (err) {
        for (const w of group) w.reject(err);
      }
    }
  }
}
