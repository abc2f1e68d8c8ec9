// The open-loop edit schedule: every editor edits every 1/rate s at its own random phase,
// whatever the server does (a slow server gets the same offered load, not less).
import type { BenchClient, PhaseStats, Tracker } from './clients';

/**
 * Open loop: every editor edits every 1/rate s at its own random phase, whatever the server does;
 * segments give the phase (warm-up, measured, tail) the edits are counted in. `ended[i]`
 * resolves when segment i is over; `stop()` ends the loop early.
 */
export function runOpenLoop(
  tracker: Tracker,
  editors: BenchClient[],
  rate: number,
  segments: { seconds: number; phase: PhaseStats }[],
  skipped: { n: number },
): { ended: Promise<void>[]; stop: () => void } {
  const period = 1000 / rate;
  const t0 = performance.now();
  const ends: number[] = [];
  let acc = t0;
  for (const s of segments) ends.push((acc += s.seconds * 1000));
  const end = ends.at(-1)!;
  const next = editors.map(() => t0 + Math.random() * period);
  const resolvers: (() => void)[] = [];
  const ended = segments.map(() => new Promise<void>((resolve) => resolvers.push(resolve)));
  let done = 0;
  let stopped = false;
  const finish = (upTo: number) => {
    while (done < upTo) resolvers[done++]();
  };
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    for (let i = 0; i < editors.length; i++) {
      while (next[i] <= now && next[i] < end) {
        const segment = ends.findIndex((e) => next[i] < e);
        const editor = editors[i];
        if (editor.provider.wsconnected) tracker.edit(editor, segments[segment].phase);
        else skipped.n++;
        next[i] += period;
      }
    }
    finish(ends.filter((e) => e <= now).length);
    if (now >= end) finish(segments.length);
    else setTimeout(tick, 2);
  };
  tick();
  return {
    ended,
    stop: () => {
      stopped = true;
      finish(segments.length);
    },
  };
}
