// What runs inside the pages (installed with `addInitScript`, so before the app's own scripts).
// Plain JavaScript source on purpose: functions compiled by tsx carry esbuild helpers (`__name`)
// that do not exist in the page.
//
// - The typist's page: per keystroke, `performance.now()` at keydown (a capturing listener on
//   window, the first to run), after the input event's handlers (a bubbling listener on window:
//   after React's root listener and its microtasks), and when the next frame's main-thread work
//   ended (requestAnimationFrame, then a MessageChannel task, which runs after that frame's style,
//   layout, paint and commit). Plus every `longtask` entry (≥ 50 ms, the API's fixed threshold).
// - The observer's page: a requestAnimationFrame loop that records when a card's textarea value
//   changes length (what that person sees), as `performance.timeOrigin + now()`, comparable with
//   the typist's keydown times (one machine, one clock).

export interface KeyRecord {
  key: string;
  /** performance.now() at keydown. */
  t0: number;
  /** `performance.timeOrigin + t0`: comparable across pages of one machine. */
  abs: number;
  tInput?: number;
  tRaf?: number;
  tAfter?: number;
}

export interface TypistRecords {
  keys: KeyRecord[];
  longTasks: { start: number; duration: number }[];
}

export interface WatchRecord {
  abs: number;
  length: number;
}

export const TYPIST_PROBE = `(() => {
  const state = { armed: false, keys: [], longTasks: [], current: null };
  window.__typing = state;
  window.addEventListener('keydown', (event) => {
    if (!state.armed) return;
    const t0 = performance.now();
    const record = { key: event.key, t0, abs: performance.timeOrigin + t0 };
    state.keys.push(record);
    state.current = record;
  }, true);
  window.addEventListener('input', () => {
    const record = state.current;
    if (!state.armed || !record || record.tInput !== undefined) return;
    record.tInput = performance.now();
    requestAnimationFrame(() => {
      record.tRaf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { record.tAfter = performance.now(); channel.port1.close(); };
      channel.port2.postMessage(0);
    });
  });
  try {
    new PerformanceObserver((list) => {
      if (!state.armed) return;
      for (const entry of list.getEntries()) state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: false });
  } catch (err) { /* the trace still counts long tasks */ }
})();`;

/** `arm(true)` clears the records and starts recording; `arm(false)` stops. */
export const armTypist = (on: boolean) =>
  `(() => { const s = window.__typing; if (${on}) { s.keys = []; s.longTasks = []; s.current = null; } s.armed = ${on}; })()`;

export const readTypist = `(() => { const s = window.__typing; return { keys: s.keys, longTasks: s.longTasks }; })()`;

/** In the observer's page: records the length of the card's textarea value at every frame it changed. */
export const startWatching = (cardId: string) => `(() => {
  const watch = { records: [], stop: false };
  window.__watch = watch;
  let last = -1;
  const selector = ${JSON.stringify(`[data-card-id="${cardId}"] textarea`)};
  const tick = () => {
    if (watch.stop) return;
    const area = document.querySelector(selector);
    const length = area ? area.value.length : -1;
    if (length !== last) {
      last = length;
      watch.records.push({ abs: performance.timeOrigin + performance.now(), length });
    }
    requestAnimationFrame(tick);
  };
  tick();
})()`;

export const stopWatching = `(() => { const w = window.__watch; if (!w) return []; w.stop = true; return w.records; })()`;
