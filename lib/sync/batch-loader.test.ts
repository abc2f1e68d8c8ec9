import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('[AC5] BatchLoader', () => {
  it('lookups made in one turn go out as one batch, answered in key order', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, string>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => `v${k}`);
    });
    const values = await Promise.all([loader.load(1), loader.load(2), loader.load(3)]);
    expect(values).toEqual(['v1', 'v2', 'v3']);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('lookups made while a batch runs wait for it and go out together as the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const loader = new BatchLoader<number, number>(async (keys) => {
      batches.push([...keys]);
      if (batches.length === 1) await gate;
      return keys.map((k) => k * 10);
    });
    const first = loader.load(1);
    await tick();
    const later = [loader.load(2), loader.load(3)];
    await tick();
    await tick();
    expect(batches).toEqual([[1]]); // 2 and 3 wait for the running batch
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('with minIntervalMs, lookups arriving one by one soon after a batch started share the next one', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, number>(
      async (keys) => {
        batches.push([...keys]);
        return keys;
      },
      { minIntervalMs: 200 },
    );
    const started = performance.now();
    const first = loader.load(1);
    await first; // an idle loader answers at once
    expect(performance.now() - started).toBeLessThan(150);
    const later: Promise<number>[] = [];
    for (const k of [2, 3, 4]) {
      later.push(loader.load(k));
      await tick(); // each in its own turn of the event loop
    }
    expect(await Promise.all(later)).toEqual([2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('a failed batch rejects its own lookups only; the next batch runs', async () => {
    let calls = 0;
    const loader = new BatchLoader<number, number>(async (keys) => {
      calls++;
      if (calls === 1) throw new Error('db down');
      return keys.map((k) => k);
    });
    const failed = [loader.load(1), loader.load(2)];
    await expect(failed[0]).rejects.toThrow('db down');
    await expect(failed[1]).rejects.toThrow('db down');
    expect(await loader.load(3)).toBe(3);
  });

  it('splits batches at maxBatch and refuses an answer of the wrong length', async () => {
    const sizes: number[] = [];
    const loader = new BatchLoader<number, number>(
      async (keys) => {
        sizes.push(keys.length);
        return keys;
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((k) => loader.load(k)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
    const short = new BatchLoader<number, number>(async () => [1]);
    await expect(Promise.all([short.load(1), short.load(2)])).rejects.toThrow('returned 1 values for 2 keys');
  });
});
