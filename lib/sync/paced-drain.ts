// The pacing shared by group commit ([AK7], [DV1]) and batched lookups ([AC5]): items queue; an
// idle drain starts on the next turn of the event loop (setImmediate), so everything queued in
// this turn shares it; while one step runs, or within `minIntervalMs` of the previous step's
// start, items keep queueing and go out together in the next step.

/** Takes at least one item off the front of `queue` and handles them (must not throw). */
export type DrainStep<W> = (queue: W[]) => Promise<void>;

export class PacedDrain<W> {
  private readonly queue: W[] = [];
  private running = false;
  private lastStart = -Infinity;

  constructor(
    private readonly step: DrainStep<W>,
    private readonly minIntervalMs: number,
  ) {}

  push(item: W): void {
    this.queue.push(item);
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // A timer can fire up to a millisecond early by performance.now() (libuv's loop clock).
        for (let wait; (wait = this.lastStart + this.minIntervalMs - performance.now()) > 0;) {
          await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        }
        this.lastStart = performance.now();
        await this.step(this.queue);
      }
    } finally {
      this.running = false;
    }
  }
}
