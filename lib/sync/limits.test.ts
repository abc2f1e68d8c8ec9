import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DocSizeGuard, TokenBucket, resolveLimits } from './limits';

describe('limits', () => {
  it('[LM1]–[LM3] defaults: 2 MiB frames, 8 MiB documents, 300 msg/s with bursts of 600', () => {
    expect(DEFAULT_LIMITS.maxFrameBytes).toBe(2 * 1024 * 1024);
    expect(DEFAULT_LIMITS.maxDocBytes).toBe(8 * 1024 * 1024);
    expect(DEFAULT_LIMITS.messagesPerSecond).toBe(300);
    expect(DEFAULT_LIMITS.messageBurst).toBe(600);
    expect(resolveLimits({ maxFrameBytes: 10 }).maxFrameBytes).toBe(10);
    expect(resolveLimits({ maxFrameBytes: 10 }).maxDocBytes).toBe(DEFAULT_LIMITS.maxDocBytes);
    expect(() => resolveLimits({ messageBurst: 0 })).toThrow(RangeError);
    expect(() => resolveLimits({ maxDocBytes: Number.NaN })).toThrow(RangeError);
  });

  it('[LM3] the token bucket allows a burst, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // 0.1 s → 1 token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000; // refills to the burst, no further
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('[LM3] a clock going backwards does not mint tokens', () => {
    let now = 1000;
    const bucket = new TokenBucket(10, 1, () => now);
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
  });

  it('[LM2] the size guard measures only when the estimate would cross the limit', () => {
    let measured = 0;
    const guard = new DocSizeGuard(100, 40);
    const measure = (exact: number) => () => {
      measured++;
      return exact;
    };
    expect(guard.admits(50, measure(0))).toBe(true);
    guard.grew(50);
    expect(measured).toBe(0);
    // estimate 90 + 20 > 100: measure; the real document is smaller (merges, deletions)
    expect(guard.admits(20, measure(60))).toBe(true);
    expect(measured).toBe(1);
    guard.grew(20);
    expect(guard.bytes).toBe(80);
    expect(guard.admits(30, measure(95))).toBe(false);
    expect(guard.bytes).toBe(95);
  });

  it('[LM2][DV2] drifted: growth since the last exact size over a fraction of it', () => {
    const guard = new DocSizeGuard(10_000, 1000);
    guard.grew(200);
    expect(guard.drifted(0.25)).toBe(false);
    guard.grew(100);
    expect(guard.drifted(0.25)).toBe(true);
    const mark = guard.mark();
    guard.grew(50); // during the measurement
    guard.measured(1100, mark);
    expect(guard.bytes).toBe(1150);
    expect(guard.drifted(0.04)).toBe(true); // 50 > 44
    expect(guard.drifted(0.05)).toBe(false);
    expect(guard.admits(9000, () => 1000)).toBe(true); // a measurement by the limit re-bases too
    expect(guard.drifted(0)).toBe(false);
  });

  it('[LM2] an asynchronous measurement keeps the growth recorded since it started', () => {
    const guard = new DocSizeGuard(1000, 100);
    const mark = guard.mark();
    guard.grew(10); // an update accepted while the measurement was in flight
    guard.measured(70, mark);
    expect(guard.bytes).toBe(80);
  });
});
