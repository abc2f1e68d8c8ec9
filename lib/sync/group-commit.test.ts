import { describe, expect, it } from 'vitest';
import { deferred, type Deferred } from '@/test/sync/memory-store';
import { GroupCommit, type QueuedAppend } from './group-commit';

const bytes = (n: number) => new Uint8Array([n]);
const rowsOf = (a: QueuedAppend) => a.updates.length;

/** A writer whose every write waits for the test to settle it. */
function gatedWriter() {
  const writes: { batch: QueuedAppend[]; gate: Deferred }[] = [];
  const write = (batch: readonly QueuedAppend[]) => {
    const gate = deferred();
    writes.push({ batch: [...batch], gate });
    return gate.promise;
  };
  return { writes, write };
}

const maps = (batch: QueuedAppend[]) => batch.map((a) => a.mapId);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit [AK7]', () => {
  it('an idle writer writes on the next turn, with every append of this one; appends made meanwhile share the next write', async () => {
    const { writes, write } = gatedWriter();
    const group = new GroupCommit<QueuedAppend>(write, { minIntervalMs: 0 });
    const first = [group.add({ mapId: 'a', updates: [bytes(1)] }), group.add({ mapId: 'z', updates: [bytes(9)] })];
    expect(writes).toHaveLength(0);
    await tick();
    expect(writes.map((w) => maps(w.batch))).toEqual([['a', 'z']]);
    const later = [
      group.add({ mapId: 'b', updates: [bytes(2)] }),
      group.add({ mapId: 'c', updates: [bytes(3), bytes(4)] }),
      group.add({ mapId: 'a', updates: [bytes(5)] }),
    ];
    await tick();
    expect(writes).toHaveLength(1); // one write in flight at a time
    writes[0].gate.resolve();
    await Promise.all(first);
    await tick();
    expect(writes).toHaveLength(2);
    expect(maps(writes[1].batch)).toEqual(['b', 'c', 'a']); // queue order kept
    writes[1].gate.resolve();
    await Promise.all(later);
  });

  it('a write never weighs more than maxWeight (but always at least one append)', async () => {
    const { writes, write } = gatedWriter();
    const group = new GroupCommit(write, { weight: rowsOf, maxWeight: 3, minIntervalMs: 0 });
    const all = [
      group.add({ mapId: 'a', updates: [bytes(1)] }),
      group.add({ mapId: 'b', updates: [bytes(2), bytes(3)] }),
      group.add({ mapId: 'c', updates: [bytes(4), bytes(5)] }),
      group.add({ mapId: 'd', updates: [bytes(6), bytes(7), bytes(8), bytes(9)] }),
    ];
    for (let i = 0; i < 4; i++) {
      await tick();
      writes.at(-1)!.gate.resolve();
    }
    await Promise.all(all);
    // a (1 row) + b (2) fill 3; c (2) + d (4) would not; d alone exceeds 3 and still goes
    expect(writes.map((w) => maps(w.batch))).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('rows of several maps fill one write up to maxWeight', async () => {
    const { writes, write } = gatedWriter();
    const group = new GroupCommit(write, { weight: rowsOf, maxWeight: 4, minIntervalMs: 0 });
    const first = group.add({ mapId: 'x', updates: [bytes(0)] });
    await tick();
    const rest = [
      group.add({ mapId: 'a', updates: [bytes(1)] }),
      group.add({ mapId: 'b', updates: [bytes(2), bytes(3)] }),
      group.add({ mapId: 'c', updates: [bytes(4)] }),
      group.add({ mapId: 'd', updates: [bytes(5)] }),
    ];
    writes[0].gate.resolve();
    await first;
    await tick();
    expect(maps(writes[1].batch)).toEqual(['a', 'b', 'c']);
    writes[1].gate.resolve();
    await tick();
    await tick();
    expect(maps(writes[2].batch)).toEqual(['d']);
    writes[2].gate.resolve();
    await Promise.all(rest);
  });

  it("a failed write of several maps retries each map alone: only the failing map's appends reject", async () => {
    const calls: string[][] = [];
    const group = new GroupCommit<QueuedAppend>(
      async (batch) => {
        calls.push(batch.map((a) => a.mapId));
        if (batch.some((a) => a.mapId === 'gone')) throw new Error('foreign key');
      },
      { minIntervalMs: 0 },
    );
    const first = group.add({ mapId: 'warm-up', updates: [bytes(0)] });
    await tick(); // in flight: the next three queue together
    const ok1 = group.add({ mapId: 'a', updates: [bytes(1)] });
    const bad = group.add({ mapId: 'gone', updates: [bytes(2)] });
    const ok2 = group.add({ mapId: 'b', updates: [bytes(3)] });
    await first;
    await expect(ok1).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('foreign key');
    await expect(ok2).resolves.toBeUndefined();
    expect(calls).toEqual([['warm-up'], ['a', 'gone', 'b'], ['a'], ['gone'], ['b']]);
  });

  it('a failed write of one map rejects its appends without a retry, and the writer goes on', async () => {
    let fail = true;
    const calls: number[] = [];
    const group = new GroupCommit<QueuedAppend>(async (batch) => {
      calls.push(batch.length);
      if (fail) throw new Error('disk full');
    });
    const a = group.add({ mapId: 'm', updates: [bytes(1)] });
    const b = group.add({ mapId: 'm', updates: [bytes(2)] });
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    fail = false;
    await expect(group.add({ mapId: 'm', updates: [bytes(3)] })).resolves.toBeUndefined();
    expect(calls).toEqual([2, 1]); // one shared write, no per-map retry (one map), then the next
  });

  it('a write starts no sooner than minIntervalMs after the previous one started; an idle writer does not wait', async () => {
    const starts: number[] = [];
    const group = new GroupCommit<QueuedAppend>(
      async () => {
        starts.push(performance.now());
      },
      { minIntervalMs: 300 },
    );
    const t0 = performance.now();
    await group.add({ mapId: 'a', updates: [bytes(1)] });
    expect(starts[0] - t0).toBeLessThan(250); // the first write: no interval to keep
    await group.add({ mapId: 'b', updates: [bytes(2)] });
    await group.add({ mapId: 'c', updates: [bytes(3)] });
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(299);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(299);
    await new Promise((r) => setTimeout(r, 350));
    const t1 = performance.now();
    await group.add({ mapId: 'd', updates: [bytes(4)] });
    expect(starts[3] - t1).toBeLessThan(250); // long after the last write: at once
  });
});
