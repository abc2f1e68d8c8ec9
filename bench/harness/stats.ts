// Small numeric helpers for the benchmark: percentiles, formatting, a growable sample list.

/** Nearest-rank percentile of `values` (sorted in place once). NaN when empty. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export class Samples {
  private data = new Float64Array(1024);
  private n = 0;
  private sortedView: Float64Array | null = null;

  push(value: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = value;
    this.sortedView = null;
  }

  get count(): number {
    return this.n;
  }

  /** A copy of the values (to post to another thread). */
  toArray(): Float64Array {
    return this.data.slice(0, this.n);
  }

  /** Samples holding every value of `parts`. */
  static merge(parts: Iterable<Float64Array>): Samples {
    const out = new Samples();
    for (const part of parts) for (const v of part) out.push(v);
    return out;
  }

  private sorted(): Float64Array {
    if (!this.sortedView) this.sortedView = this.data.slice(0, this.n).sort();
    return this.sortedView;
  }

  p(p: number): number {
    return percentile(this.sorted(), p);
  }

  max(): number {
    return this.n === 0 ? NaN : this.sorted()[this.n - 1];
  }

  mean(): number {
    if (this.n === 0) return NaN;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.data[i];
    return s / this.n;
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A number for a table cell: fixed decimals chosen by magnitude, '—' for missing. */
export function fmt(value: number | null | undefined, unit = '', digits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  const s = value.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return unit ? `${s} ${unit}` : s;
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number {
  if (a === null || a === undefined || b === null || b === undefined) return NaN;
  if (Number.isNaN(a) || Number.isNaN(b) || b === 0) return NaN;
  return a / b;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `interval` ms until true or `timeout` ms passed; answers whether it became true. */
export async function waitUntil(condition: () => boolean, timeout: number, interval = 10): Promise<boolean> {
  const end = performance.now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (performance.now() > end) return false;
    await sleep(interval);
  }
}

/**
 * Groups reconnecting clients by the back-off round their successful attempt fell in (an attempt
 * more than `gapMs` after the round's first starts the next round) and gives each round's clients
 * and its first attempt → last synced. `attemptAt[i]` and `syncedAt[i]` are client i's.
 */
export function backoffRounds(
  attemptAt: readonly number[],
  syncedAt: readonly number[],
  gapMs = 1000,
): { clients: number; wave: number }[] {
  const order = attemptAt.map((_, i) => i).sort((a, b) => attemptAt[a] - attemptAt[b]);
  const rounds: { first: number; lastSync: number; clients: number }[] = [];
  for (const i of order) {
    const round = rounds.at(-1);
    if (!round || attemptAt[i] > round.first + gapMs) rounds.push({ first: attemptAt[i], lastSync: syncedAt[i], clients: 1 });
    else {
      round.clients++;
      round.lastSync = Math.max(round.lastSync, syncedAt[i]);
    }
  }
  return rounds.map(({ first, lastSync, clients }) => ({ clients, wave: lastSync - first }));
}

/** "48 clients in 467 ms, then 452 in 480 ms". */
export function fmtRounds(rounds: readonly { clients: number; wave: number }[]): string {
  return (
    rounds.map((r, i) => `${i === 0 ? '' : 'then '}${r.clients}${i === 0 ? ' clients' : ''} in ${fmt(r.wave, 'ms')}`).join(', ') || '—'
  );
}
