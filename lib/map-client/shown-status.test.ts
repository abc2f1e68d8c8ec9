import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialSaveState, saveReducer, type SaveEvent, type SaveState } from './save-status';
import { shownStatus } from './shown-status';
import { createStore } from './store';

const synced: SaveEvent[] = [{ type: 'socket' }, { type: 'open' }, { type: 'sent', kind: 'step2' }, { type: 'synced' }, { type: 'ack', count: 1 }];
const edit: SaveEvent[] = [{ type: 'localChange' }, { type: 'sent', kind: 'update' }];
const ack: SaveEvent = { type: 'ack', count: 1 };

describe('shown save status', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setUp = () => {
    const state = createStore<SaveState>(initialSaveState);
    const send = (...events: SaveEvent[]) => events.forEach((e) => state.update((s) => saveReducer(s, e)));
    const shown = shownStatus(state, 500);
    const seen: string[] = [];
    shown.status.subscribe(() => seen.push(shown.status.get()));
    return { send, shown, seen };
  };

  it('shows "Saved" as soon as the load (our sync step 2) is acknowledged, and "Saving…" at the first edit', () => {
    const { send, shown, seen } = setUp();
    expect(shown.status.get()).toBe('connecting');
    send(...synced);
    expect(shown.status.get()).toBe('saved');
    send(...edit);
    expect(shown.status.get()).toBe('saving');
    expect(seen).toEqual(['saving', 'saved', 'saving']); // step 2 in flight, acked, then the edit
  });

  it('keeps "Saving…" through a burst of acknowledged keystrokes, then shows "Saved" once', () => {
    const { send, shown, seen } = setUp();
    send(...synced);
    seen.length = 0;
    for (let i = 0; i < 20; i++) {
      send(...edit);
      vi.advanceTimersByTime(30);
      send(ack); // everything acknowledged between two keystrokes
      vi.advanceTimersByTime(35);
      expect(shown.status.get()).toBe('saving');
    }
    vi.advanceTimersByTime(434); // 499 ms after the last edit went out
    expect(shown.status.get()).toBe('saving');
    vi.advanceTimersByTime(1);
    expect(shown.status.get()).toBe('saved');
    expect(seen).toEqual(['saving', 'saved']);
  });

  it('never shows "Saved" while an edit is unacknowledged', () => {
    const { send, shown } = setUp();
    send(...synced, ...edit, ack);
    vi.advanceTimersByTime(400);
    send(...edit); // the settle timer was running: it must not fire "Saved" now
    vi.advanceTimersByTime(10_000);
    expect(shown.status.get()).toBe('saving');
    send(ack); // long after the edit went out: nothing left to wait for
    expect(shown.status.get()).toBe('saved');
  });

  it('after a reconnect, shows "Saved" once the step 2 carrying offline edits is acknowledged', () => {
    const { send, shown } = setUp();
    send(...synced, { type: 'close' }, { type: 'localChange' });
    expect(shown.status.get()).toBe('offline');
    vi.advanceTimersByTime(100);
    send({ type: 'socket' }, { type: 'open' }, { type: 'sent', kind: 'step2' }, { type: 'synced' });
    expect(shown.status.get()).toBe('saving');
    send(ack);
    expect(shown.status.get()).toBe('saved');
  });

  it('shows going offline and a refusal at once, without waiting', () => {
    const { send, shown } = setUp();
    send(...synced, ...edit);
    send({ type: 'refused', code: 'read-only' });
    expect(shown.status.get()).toBe('notSaved');
    send({ type: 'close' });
    expect(shown.status.get()).toBe('offline');
  });

  it('stops its timer when destroyed', () => {
    const { send, shown } = setUp();
    send(...synced, ...edit, ack);
    shown.destroy();
    expect(vi.getTimerCount()).toBe(0);
    send(...edit);
    expect(shown.status.get()).toBe('saving'); // no longer follows the state
  });
});
