import { describe, expect, it } from 'vitest';
import { hasUnsavedEdits, initialSaveState, pendingFrames, saveReducer, saveStatus, type SaveEvent, type SaveState } from './save-status';

const run = (events: SaveEvent[], from: SaveState = initialSaveState) => events.reduce(saveReducer, from);
const connectedAndSynced: SaveEvent[] = [
  { type: 'socket' },
  { type: 'open' },
  { type: 'sent', kind: 'step2' },
  { type: 'synced' },
  { type: 'ack', count: 1 },
];

describe('save status', () => {
  it('is "connecting" before any connection, "saved" once synced with nothing pending', () => {
    expect(saveStatus(initialSaveState)).toBe('connecting');
    expect(saveStatus(run([{ type: 'socket' }, { type: 'open' }]))).toBe('connecting');
    expect(saveStatus(run(connectedAndSynced))).toBe('saved');
  });

  it('is "saving" while frames are unacknowledged, "saved" when all are', () => {
    let s = run(connectedAndSynced);
    s = run([{ type: 'localChange' }, { type: 'sent', kind: 'update' }, { type: 'sent', kind: 'update' }], s);
    expect(pendingFrames(s)).toBe(2);
    expect(saveStatus(s)).toBe('saving');
    expect(hasUnsavedEdits(s)).toBe(true);
    s = saveReducer(s, { type: 'ack', count: 1 });
    expect(saveStatus(s)).toBe('saving');
    s = saveReducer(s, { type: 'ack', count: 1 });
    expect(saveStatus(s)).toBe('saved');
    expect(hasUnsavedEdits(s)).toBe(false);
  });

  it('never counts more acks than frames sent', () => {
    let s = run([...connectedAndSynced, { type: 'sent', kind: 'update' }, { type: 'ack', count: 5 }]);
    expect(pendingFrames(s)).toBe(0);
    s = saveReducer(s, { type: 'sent', kind: 'update' });
    expect(saveStatus(s)).toBe('saving');
  });

  it('is "offline" after a disconnect, and keeps unacknowledged edits as unsaved', () => {
    let s = run([...connectedAndSynced, { type: 'sent', kind: 'update' }, { type: 'close' }]);
    expect(saveStatus(s)).toBe('offline');
    expect(s.offlineEdits).toBe(true);
    expect(hasUnsavedEdits(s)).toBe(true);
    // Reconnect: counts restart for the new socket; the edit is saved once our step 2 is acked.
    s = run([{ type: 'socket' }, { type: 'open' }, { type: 'synced' }], s);
    expect(pendingFrames(s)).toBe(0);
    expect(saveStatus(s)).toBe('saving');
    s = saveReducer(s, { type: 'sent', kind: 'step2' });
    expect(saveStatus(s)).toBe('saving');
    s = saveReducer(s, { type: 'ack', count: 1 });
    expect(saveStatus(s)).toBe('saved');
    expect(hasUnsavedEdits(s)).toBe(false);
  });

  it('is "disconnected" once the server closed for good ([AC6]), keeping unacknowledged edits as unsaved', () => {
    const s = run([...connectedAndSynced, { type: 'sent', kind: 'update' }, { type: 'stopped' }]);
    expect(saveStatus(s)).toBe('disconnected');
    expect(s.connected).toBe(false);
    expect(hasUnsavedEdits(s)).toBe(true); // the tab still asks before closing
    // The provider's own 'disconnected' status that may follow changes nothing.
    expect(saveReducer(s, { type: 'close' })).toBe(s);
    expect(saveStatus(run([...connectedAndSynced, { type: 'stopped' }]))).toBe('disconnected');
  });

  it('is "offline", not "connecting", once a first connection attempt fails (a page opened without a network)', () => {
    let s = run([{ type: 'socket' }, { type: 'unreachable' }]);
    expect(saveStatus(s)).toBe('offline');
    expect(hasUnsavedEdits(s)).toBe(false); // nothing edited in this page yet
    s = saveReducer(s, { type: 'localChange' });
    expect(hasUnsavedEdits(s)).toBe(true);
    // The next attempt gets through: connecting, then saved once our step 2 is acknowledged.
    s = run([{ type: 'socket' }, { type: 'open' }], s);
    expect(s.unreachable).toBe(false);
    expect(saveStatus(s)).toBe('connecting');
    s = run([{ type: 'sent', kind: 'step2' }, { type: 'synced' }, { type: 'ack', count: 1 }], s);
    expect(saveStatus(s)).toBe('saved');
    // A socket that was open and closes is a plain disconnect, not "unreachable".
    s = run([{ type: 'unreachable' }], s);
    expect(s.unreachable).toBe(false);
  });

  it('remembers edits made while offline until a later connection confirms them', () => {
    let s = run([...connectedAndSynced, { type: 'close' }]);
    expect(hasUnsavedEdits(s)).toBe(false);
    s = saveReducer(s, { type: 'localChange' });
    expect(hasUnsavedEdits(s)).toBe(true);
    expect(saveStatus(s)).toBe('offline');
    // An ack for a live update before our step 2 went out does not clear the offline edits.
    s = run([{ type: 'socket' }, { type: 'open' }, { type: 'sent', kind: 'update' }, { type: 'ack', count: 1 }], s);
    expect(hasUnsavedEdits(s)).toBe(true);
    s = run([{ type: 'sent', kind: 'step2' }, { type: 'synced' }, { type: 'ack', count: 1 }], s);
    expect(hasUnsavedEdits(s)).toBe(false);
    expect(saveStatus(s)).toBe('saved');
  });

  it('a refused frame is "not saved", never "saved", and does not block later acks', () => {
    let s = run([...connectedAndSynced, { type: 'sent', kind: 'update' }]);
    expect(saveStatus(s)).toBe('saving');
    s = saveReducer(s, { type: 'refused', code: 'read-only' });
    expect(pendingFrames(s)).toBe(0);
    expect(saveStatus(s)).toBe('notSaved');
    s = run(
      [
        { type: 'sent', kind: 'update' },
        { type: 'ack', count: 1 },
      ],
      s,
    );
    expect(saveStatus(s)).toBe('notSaved');
  });

  it('ignores events of a socket that is not open', () => {
    const s = run([
      { type: 'sent', kind: 'update' },
      { type: 'ack', count: 1 },
    ]);
    expect(s).toEqual(initialSaveState);
  });
});
