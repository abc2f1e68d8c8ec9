// Many concurrent lookups as one statement ([AC5]). A lookup made while none runs starts on the
// next turn of the event loop (setImmediate), so every upgrade read in this I/O phase shares it;
// lookups made while one runs, or within `minIntervalMs` of the previous start, go out together
// next. Under a reconnect storm the batches grow with the load, at no cost to a single visitor.

/** Looks up many keys at once: one value per key, in key order. */
export type LoadMany<K, V> = (keys: readonly K[]) => Promise<readonly V[]>;

interface Waiting<K, V> {
  key: K;
  resolve(value: V): void;
  reject(err: unknown): void;
}

export class BatchLoader<K, V> {
  private queue: Waiting<K, V>[] = [];
  private running = false;
  private lastStart = -Infinity;
  private readonly maxBatch: number;
  private readonly minIntervalMs: number;

  constructor(
    private readonly loadMany: LoadMany<K, V>,
    options: {
      /** Keys per statement at most (default 500). */
      maxBatch?: number;
      /**
       * A batch starts at least this long after the previous one started (default 0). Lookups
       * arriving one by one, a few ms apart, then share a statement; an idle loader starts at once.
       */
      minIntervalMs?: number;
    } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.minIntervalMs = options.minIntervalMs ?? 0;
  }

  /** Resolves with the key's value; rejects if its batch failed (every lookup of that batch does). */
  load(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.run());
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // A timer can fire up to a millisecond early by performance.now() (libuv's loop clock).
        for (let wait; (wait = this.lastStart + this.minIntervalMs - performance.now()) > 0;) {
          await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        }
        this.lastStart = performance.now();
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const values = await this.loadMany(batch.map((w) => w.key));
          if (values.length !== batch.length) throw new Error(`batch lookup returned ${values.length} values for ${batch.length} keys`);
          batch.forEach((w, i) => w.resolve(values[i]));
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
