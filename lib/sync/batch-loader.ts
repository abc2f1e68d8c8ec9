// Many concurrent lookups as one statement ([AC5]), paced like group commit (PacedDrain): every
// upgrade read in this I/O phase shares a statement, and lookups made while one runs, or within
// `minIntervalMs` of its start, go out together next. Under a reconnect storm the batches grow
// with the load, at no cost to a single visitor.
import { PacedDrain } from './paced-drain';

/** Looks up many keys at once: one value per key, in key order. */
export type LoadMany<K, V> = (keys: readonly K[]) => Promise<readonly V[]>;

interface Waiting<K, V> {
  key: K;
  resolve(value: V): void;
  reject(err: unknown): void;
}

export class BatchLoader<K, V> {
  private readonly drain: PacedDrain<Waiting<K, V>>;

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
    const maxBatch = options.maxBatch ?? 500;
    this.drain = new PacedDrain((queue) => this.lookUp(queue.splice(0, maxBatch)), options.minIntervalMs ?? 0);
  }

  /** Resolves with the key's value; rejects if its batch failed (every lookup of that batch does). */
  load(key: K): Promise<V> {
    return new Promise((resolve, reject) => this.drain.push({ key, resolve, reject }));
  }

  private async lookUp(batch: Waiting<K, V>[]): Promise<void> {
    try {
      const values = await this.loadMany(batch.map((w) => w.key));
      if (values.length !== batch.length) throw new Error(`batch lookup returned ${values.length} values for ${batch.length} keys`);
      batch.forEach((w, i) => w.resolve(values[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
