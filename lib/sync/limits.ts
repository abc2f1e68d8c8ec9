// How much one connection may send and one document may grow (SPEC [LM1]–[LM6]).

export interface Limits {
  /** Largest WebSocket frame accepted; bigger ones close the connection with 1009 ([LM1]). */
  maxFrameBytes: number;
  /** Largest encoded document; an update that would grow it beyond is refused ([LM2]). */
  maxDocBytes: number;
  /** Sustained messages per second per connection (token bucket refill rate) ([LM3]). */
  messagesPerSecond: number;
  /** Messages a connection may send in a burst (token bucket size) ([LM3]). */
  messageBurst: number;
  /** Largest awareness state of one client, as JSON; larger states are dropped ([LM4]). */
  maxAwarenessStateBytes: number;
  /** Bytes a connection may send while its room is still loading; beyond, 1008 ([LM5]). */
  maxQueuedBytesWhileLoading: number;
  /** A connection whose unsent output exceeds this is too slow to follow the room: 1008 ([LM6]). */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFrameBytes: 2 * 1024 * 1024,
  maxDocBytes: 8 * 1024 * 1024,
  messagesPerSecond: 300,
  messageBurst: 600,
  maxAwarenessStateBytes: 16 * 1024,
  maxQueuedBytesWhileLoading: 8 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
});

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`sync limit ${key} must be a positive number`);
  }
  return limits;
}

/**
 * A token bucket: `burst` tokens, refilled at `ratePerSecond`. `take()` spends one token and says
 * whether there was one. The clock is injectable for tests.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(cost = 1): boolean {
    const t = this.now();
    const elapsed = Math.max(0, t - this.last) / 1000;
    this.last = t;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/**
 * The document-size guard ([LM2]): an estimate that only grows with accepted updates (their
 * encoded length is an upper bound of what they add), made exact by `measure` when the estimate
 * would cross the limit and by the derived-counter refreshes that measure ([DV2]).
 */
export class DocSizeGuard {
  private estimate: number;
  /** Total growth ever recorded, so a measurement taken earlier can be brought up to date. */
  private growth = 0;
  /** The last exact size and the growth recorded when it was measured (`drifted`). */
  private baseBytes: number;
  private baseGrowth = 0;

  constructor(
    private readonly maxBytes: number,
    initialBytes: number,
  ) {
    this.estimate = initialBytes;
    this.baseBytes = initialBytes;
  }

  /** Whether growth since the last exact size exceeds `fraction` of it (the estimate drifted). */
  drifted(fraction: number): boolean {
    return this.growth - this.baseGrowth > fraction * this.baseBytes;
  }

  get bytes(): number {
    return this.estimate;
  }

  /** Whether an update of `updateBytes` may be applied; `measure` returns the exact current size. */
  admits(updateBytes: number, measure: () => number): boolean {
    if (this.estimate + updateBytes <= this.maxBytes) return true;
    this.estimate = measure();
    this.baseBytes = this.estimate;
    this.baseGrowth = this.growth;
    return this.estimate + updateBytes <= this.maxBytes;
  }

  grew(updateBytes: number): void {
    this.estimate += updateBytes;
    this.growth += updateBytes;
  }

  /** Call right before measuring asynchronously; pass the answer to `measured`. */
  mark(): number {
    return this.growth;
  }

  /** An exact size measured when `mark` was taken; growth since then is added back. */
  measured(exactBytes: number, mark: number): void {
    this.estimate = exactBytes + (this.growth - mark);
    this.baseBytes = exactBytes;
    this.baseGrowth = mark;
  }
}
