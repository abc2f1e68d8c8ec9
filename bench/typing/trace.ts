// Reading a Chrome trace (categories TRACE_CATEGORIES) of the typist's renderer: per keystroke,
// the main thread's busy time from the task that dispatched keydown to the end of the first
// frame rendered after the input event, and where that time went.

/** Light on purpose: `disabled-by-default-devtools.timeline` adds per-layer events that slow paint. */
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline.frame'];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number; // µs
  dur?: number; // µs
  /** Thread (CPU) time, µs: less than `dur` when the thread waited for a core, a lock or IPC. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

export interface KeyTrace {
  /** Main-thread busy time (ms) from the keydown task's start to the end of the next frame's task. */
  workToFrame: number;
  /** Wall time (ms) from the keydown task's start to the end of that frame's task. */
  wallToFrame: number;
  /**
   * CPU time (ms) the main thread got for the same tasks (trace thread time). The rest of the busy
   * time it was runnable or waiting: for a core (the bench, the server and the browser's other
   * processes share the machine's cores) or for the compositor thread (commit).
   */
  cpuToFrame: number;
  /** Main-thread busy time (ms) of the keydown task alone (keydown, keypress, text insertion, input handlers). */
  inputTask: number;
  /** Busy time (ms) of the frame task (rAF, style, layout, paint, layerize, commit). */
  frameTask: number;
  /** The keydown was dispatched inside a frame task: the main thread was behind when the key came. */
  inFrame: boolean;
  /** Main-thread busy time (ms) from this keydown's task to the next one's (keyup, acks, IndexedDB… included). */
  busyUntilNextKey: number;
  /** Style recalculation + layout (ms) within this keystroke's interval. */
  styleLayout: number;
  /** Layouts run in this keystroke's interval, the most objects one of them had dirty, and the layout tree's size. */
  layouts: number;
  dirtyObjects: number;
  treeObjects: number;
  /** Event Timing's duration of the keydown (ms): its timestamp to the next frame presented. */
  eventTiming: number | null;
}

export interface TraceSummary {
  keys: KeyTrace[];
  /** Main-thread self time in the typing window by kind of work, ms per keystroke (mean). */
  breakdown: Record<Bucket, number>;
  /** Keydowns found in the trace (should equal the keystrokes typed). */
  keydowns: number;
  /** Animation frames (Chrome's long-animation-frame bookkeeping, every frame) in the typing window. */
  frames: { duration: number; blocking: number }[];
  /** Main-thread tasks in the typing window. */
  tasks: number[];
  windowMs: number;
  /**
   * The other page's renderer main thread, when a second page was traced (the observer pass): its
   * CPU time, busy time and layout time in the typing window, ms per keystroke (mean).
   */
  watcher: { cpu: number; busy: number; layout: number } | null;
}

type Interval = [number, number];

function mergeIntervals(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of intervals) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Busy time (µs) of `merged` within [from, to). */
function busyWithin(merged: Interval[], starts: number[], from: number, to: number): number {
  let i = Math.max(0, upperBound(starts, from) - 1);
  let total = 0;
  for (; i < merged.length && merged[i][0] < to; i++) {
    const s = Math.max(merged[i][0], from);
    const e = Math.min(merged[i][1], to);
    if (e > s) total += e - s;
  }
  return total;
}

/** First index whose value is > x. */
function upperBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function analyzeTrace(buffer: Buffer): TraceSummary {
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const keydownDispatch = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (!keydownDispatch.length) throw new Error('the trace has no keydown: was the right page traced?');
  // The typist's renderer main thread is where the keydowns were dispatched.
  const pid = keydownDispatch[0].pid;
  const tid = keydownDispatch[0].tid;
  const main = events.filter((e) => e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  const dispatch = (type: string) => main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === type);
  const keydowns = dispatch('keydown');
  const inputs = dispatch('input');

  const taskEvents = main.filter(isTask);
  const merged = mergeIntervals(taskEvents.map((e) => [e.ts, e.ts + e.dur!] as Interval));
  const starts = merged.map((m) => m[0]);
  const outer = outermost(taskEvents);
  const outerStarts = outer.map((e) => e.ts);
  const cpuWithin = (from: number, to: number) => {
    let total = 0;
    let i = upperBound(outerStarts, from) - 1; // the last task starting at or before `from`
    if (i < 0 || outerStarts[i] < from) i++;
    for (; i < outer.length && outer[i].ts < to; i++) total += outer[i].tdur ?? outer[i].dur!;
    return total;
  };
  const containing = (ts: number): Interval | null => {
    const i = upperBound(starts, ts) - 1;
    return i >= 0 && merged[i][1] >= ts ? merged[i] : null;
  };
  // Tasks that rendered a frame: they hold BeginMainThreadFrame or an AnimationFrame::Render.
  const frameMarks = main
    .filter((e) => e.name === 'BeginMainThreadFrame' || (e.name === 'AnimationFrame::Render' && e.ph === 'b'))
    .map((e) => e.ts);
  const frameTasks = mergeIntervals(
    frameMarks
      .map((ts) => containing(ts))
      .filter((x): x is Interval => !!x)
      .map((x) => [x[0], x[1]] as Interval),
  );
  const frameStarts = frameTasks.map((f) => f[0]);
  const isFrameTask = (task: Interval | null) => !!task && frameStarts[upperBound(frameStarts, task[0]) - 1] === task[0];
  const paintMarks = main
    .filter((e) => e.ph === 'X' && (e.name === 'PrePaint' || e.name === 'Paint' || e.name === 'Layerize'))
    .map((e) => e.ts);

  const layouts = main.filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.ph === 'X' && e.dur !== undefined);
  const layoutStarts = layouts.map((e) => e.ts);
  const eventTimings = events
    .filter((e) => e.name === 'EventTiming' && e.ph === 'b' && e.pid === pid && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);

  // A keystroke starts with the task that dispatched its keydown — unless the main thread was so far
  // behind that the keydown was dispatched inside a frame task (input handled during
  // BeginMainFrame): then it starts at the keydown itself, not at that frame's earlier work.
  const keyStarts = keydowns.map((k) => {
    const task = containing(k.ts);
    return task && !isFrameTask(task) ? task[0] : k.ts;
  });
  const gaps = keyStarts.slice(1).map((s, i) => s - keyStarts[i]);
  const meanGap = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 100_000;
  const keys: KeyTrace[] = [];
  for (let i = 0; i < keydowns.length; i++) {
    const start = keyStarts[i];
    const next = i + 1 < keydowns.length ? keyStarts[i + 1] : start + meanGap;
    const input = inputs.find((e) => e.ts >= keydowns[i].ts && e.ts < next);
    if (!input) continue; // a key that inserted nothing (never the case for printable characters)
    const inputEnd = input.ts + (input.dur ?? 0);
    const task = containing(input.ts) ?? ([start, inputEnd] as Interval);
    // The frame that shows the keystroke: the rest of the same task when the input was handled
    // inside a frame task that paints after it, else the next frame task.
    const paintsAfter = paintMarks[upperBound(paintMarks, inputEnd)];
    const inFrame = isFrameTask(task) && paintsAfter !== undefined && paintsAfter <= task[1];
    const frame = inFrame ? task : frameTasks[upperBound(frameStarts, inputEnd)];
    if (!frame) continue;
    let styleLayout = 0;
    let layoutCount = 0;
    let dirtyObjects = 0;
    let treeObjects = 0;
    for (let j = Math.max(0, upperBound(layoutStarts, start) - 1); j < layouts.length && layouts[j].ts < next; j++) {
      const l = layouts[j];
      if (l.ts < start) continue;
      styleLayout += l.dur!;
      if (l.name === 'Layout') {
        const begin = (l.args?.beginData ?? {}) as { totalObjects?: number; dirtyObjects?: number };
        layoutCount++;
        dirtyObjects = Math.max(dirtyObjects, begin.dirtyObjects ?? 0);
        treeObjects = Math.max(treeObjects, begin.totalObjects ?? 0);
      }
    }
    const et = eventTimings[i]?.args?.data?.duration;
    keys.push({
      workToFrame: busyWithin(merged, starts, start, frame[1]) / 1000,
      wallToFrame: (frame[1] - start) / 1000,
      cpuToFrame: cpuWithin(start, frame[1]) / 1000,
      inputTask: inFrame ? (inputEnd - start) / 1000 : (task[1] - Math.max(task[0], start)) / 1000,
      frameTask: inFrame ? (frame[1] - inputEnd) / 1000 : (frame[1] - frame[0]) / 1000,
      inFrame,
      busyUntilNextKey: busyWithin(merged, starts, start, next) / 1000,
      styleLayout: styleLayout / 1000,
      layouts: layoutCount,
      dirtyObjects,
      treeObjects,
      eventTiming: eventTimings.length === keydowns.length && typeof et === 'number' ? et : null,
    });
  }

  const windowStart = keyStarts[0];
  const windowEnd = keyStarts[keyStarts.length - 1] + meanGap;
  const frames = main
    .filter((e) => e.name === 'AnimationFrame' && e.ph === 'b' && e.ts >= windowStart && e.ts < windowEnd)
    .map((e) => {
      const info = (e.args?.animation_frame_timing_info ?? {}) as { duration_ms?: number; blocking_duration_ms?: number };
      return { duration: info.duration_ms ?? 0, blocking: info.blocking_duration_ms ?? 0 };
    });
  const tasks = merged.filter(([s]) => s >= windowStart && s < windowEnd).map(([s, e]) => (e - s) / 1000);
  const breakdown = selfTimeByBucket(main, windowStart, windowEnd, keys.length || 1);
  return {
    keys,
    breakdown,
    keydowns: keydowns.length,
    frames,
    tasks,
    windowMs: (windowEnd - windowStart) / 1000,
    watcher: watcherWork(events, pid, windowStart, windowEnd, keys.length || 1),
  };
}

export const BUCKETS = ['style + layout', 'layerize', 'paint', 'script', 'event dispatch + editing', 'GC', 'other'] as const;
export type Bucket = (typeof BUCKETS)[number];

function bucketOf(name: string): Bucket {
  if (name === 'Layout' || name === 'UpdateLayoutTree') return 'style + layout';
  if (name === 'Layerize') return 'layerize';
  if (name === 'Paint' || name === 'PrePaint' || name === 'Commit' || name === 'PaintImage' || name === 'RasterTask') return 'paint';
  if (
    name === 'FunctionCall' ||
    name === 'EvaluateScript' ||
    name === 'TimerFire' ||
    name === 'FireAnimationFrame' ||
    name === 'RunMicrotasks' ||
    name === 'FireIdleCallback' ||
    name === 'v8.callFunction'
  )
    return 'script';
  if (name === 'EventDispatch') return 'event dispatch + editing';
  if (name.startsWith('V8.GC') || name === 'MajorGC' || name === 'MinorGC' || name === 'BlinkGC.AtomicPhase') return 'GC';
  return 'other';
}

/**
 * Self time (an event's duration minus its children's) of the main thread's complete events in
 * [from, to), by bucket, divided by `keys`. Trace events of one thread nest properly.
 */
function selfTimeByBucket(main: TraceEvent[], from: number, to: number, keys: number): Record<Bucket, number> {
  const out = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
  const complete = main
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: { bucket: Bucket; end: number }[] = [];
  for (const e of complete) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const bucket = bucketOf(e.name);
    const end = e.ts + e.dur!;
    out[bucket] += e.dur!;
    if (parent) out[parent.bucket] -= Math.min(e.dur!, parent.end - e.ts);
    stack.push({ bucket, end: Math.min(end, parent?.end ?? end) });
  }
  for (const b of BUCKETS) out[b] = out[b] / 1000 / keys;
  return out;
}

/**
 * The busiest renderer main thread other than the typist's (another page: the observer), in
 * [from, to): its top-level tasks' CPU and busy time and its layouts, per keystroke.
 */
function watcherWork(events: TraceEvent[], typistPid: number, from: number, to: number, keys: number): TraceSummary['watcher'] {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid !== typistPid && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}/${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}/${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || e.ts < from || e.ts >= to || !mains.has(thread)) continue;
    const list = byThread.get(thread);
    if (list) list.push(e);
    else byThread.set(thread, [e]);
  }
  const work = [...byThread.values()].map((list) => {
    const tasks = outermost(list.filter(isTask).sort((a, b) => a.ts - b.ts));
    return {
      cpu: tasks.reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0),
      busy: tasks.reduce((sum, e) => sum + e.dur!, 0),
      layout: list.filter((e) => e.name === 'Layout').reduce((sum, e) => sum + e.dur!, 0),
    };
  });
  const busiest = work.sort((a, b) => b.busy - a.busy)[0];
  if (!busiest || busiest.busy === 0) return null;
  return { cpu: busiest.cpu / 1000 / keys, busy: busiest.busy / 1000 / keys, layout: busiest.layout / 1000 / keys };
}

function isTask(e: TraceEvent): boolean {
  return e.ph === 'X' && e.dur !== undefined && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
}

/** Of one thread's tasks sorted by start, the outermost (a nested run loop's tasks are inside another's). */
function outermost(tasks: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const e of tasks) {
    const last = out[out.length - 1];
    if (!last || e.ts >= last.ts + last.dur!) out.push(e);
  }
  return out;
}
