// What the header shows, from the save state. After an edit, "Saving…" turns into "Saved" only
// once everything is acknowledged and `settleMs` have passed since the last edit went out: a typing
// burst reads "Saving…" once, then "Saved", instead of flipping at every keystroke and every ack
// (each flip re-rendered the header and cost the browser a frame of its own between two keys).
// Every other change shows at once, and "Saved" is never shown while an edit is unacknowledged.
import { saveStatus, type SaveState, type SaveStatus } from './save-status';
import { createStore, type Store } from './store';

/** How long after the last edit went out (and was acknowledged) "Saving…" turns into "Saved". */
export const SAVED_SETTLE_MS = 500;

export interface ShownStatus {
  readonly status: Pick<Store<SaveStatus>, 'get' | 'subscribe'>;
  destroy(): void;
}

export function shownStatus(source: Pick<Store<SaveState>, 'get' | 'subscribe'>, settleMs = SAVED_SETTLE_MS): ShownStatus {
  let last = source.get();
  const shown = createStore<SaveStatus>(saveStatus(last));
  let lastEditAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const onChange = () => {
    const previous = last;
    const state = (last = source.get());
    // One event per change: a frame sent that is not our sync step 2 is an edit (the step 2 of a
    // load or a reconnect shows "Saved" as soon as it is acknowledged).
    if (state.sent > previous.sent && !(state.sentStep2 && !previous.sentStep2)) lastEditAt = Date.now();
    settle();
  };
  const settle = () => {
    const actual = saveStatus(source.get());
    const wait = lastEditAt + settleMs - Date.now();
    if (actual === 'saved' && shown.get() === 'saving' && wait > 0) {
      timer ??= setTimeout(() => {
        timer = null;
        settle();
      }, wait);
      return;
    }
    stopTimer();
    shown.set(actual);
  };
  const unsubscribe = source.subscribe(onChange);
  return {
    status: { get: shown.get, subscribe: shown.subscribe },
    destroy() {
      unsubscribe();
      stopTimer();
    },
  };
}
