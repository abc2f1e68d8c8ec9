// The editor's "Saving… / Saved / Offline" state as a pure reducer over connection events,
// outgoing document-changing frames and the server's acknowledgements (lib/sync/SPEC.md [AK1]).
//
// Counts are per connection: a new socket starts from zero, because the server acknowledges only
// frames received on that socket. Edits that were not acknowledged when a connection dropped, and
// edits made while offline, are "unsaved" until the sync step 2 of a later connection (which
// carries everything the server lacks) has been acknowledged.

export interface SaveState {
  /** A socket is open. */
  connected: boolean;
  /** A connection has been open at least once (before that, we are "connecting", not "offline"). */
  everConnected: boolean;
  /**
   * The last connection attempt ended before it opened: the server cannot be reached. A page
   * opened without a network (showing its offline copy) is offline, not forever "connecting".
   */
  unreachable: boolean;
  /** The server's sync step 2 arrived on the current connection. */
  synced: boolean;
  /** Document-changing frames sent on the current connection. */
  sent: number;
  /** Of those, acknowledged (durably committed). */
  acked: number;
  /** Of those, refused by the server with an error frame (never acknowledged, [AK6]). */
  refused: number;
  /** Our sync step 2 went out on the current connection. */
  sentStep2: boolean;
  /** Local edits that no connection has confirmed yet: made offline, or in flight when a socket dropped. */
  offlineEdits: boolean;
  /** The last refusal reason, shown until the page reloads. */
  refusal: 'read-only' | 'doc-too-large' | null;
  /** The server closed the connection for good ([AC6]): nothing reconnects until the page reloads. */
  stopped: boolean;
}

export type SaveEvent =
  | { type: 'socket' }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'unreachable' }
  | { type: 'stopped' }
  | { type: 'synced' }
  | { type: 'sent'; kind: 'step2' | 'update' }
  | { type: 'ack'; count: number }
  | { type: 'refused'; code: 'read-only' | 'doc-too-large' }
  | { type: 'localChange' };

export const initialSaveState: SaveState = {
  connected: false,
  everConnected: false,
  unreachable: false,
  synced: false,
  sent: 0,
  acked: 0,
  refused: 0,
  sentStep2: false,
  offlineEdits: false,
  refusal: null,
  stopped: false,
};

export function pendingFrames(state: SaveState): number {
  return Math.max(0, state.sent - state.acked - state.refused);
}

function settle(state: SaveState): SaveState {
  // Everything the server lacked went out in our step 2; once it and every later frame are
  // acknowledged, nothing local is missing from the database any more.
  if (state.offlineEdits && state.connected && state.sentStep2 && pendingFrames(state) === 0) {
    return { ...state, offlineEdits: false };
  }
  return state;
}

export function saveReducer(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    case 'socket':
      return {
        ...state,
        connected: false,
        synced: false,
        sent: 0,
        acked: 0,
        refused: 0,
        sentStep2: false,
      };
    case 'open':
      return {
        ...state,
        connected: true,
        everConnected: true,
        unreachable: false,
        synced: false,
        sent: 0,
        acked: 0,
        refused: 0,
        sentStep2: false,
      };
    case 'close':
      if (!state.connected) return state;
      return {
        ...state,
        connected: false,
        synced: false,
        offlineEdits: state.offlineEdits || pendingFrames(state) > 0,
      };
    case 'unreachable':
      return state.connected || state.unreachable ? state : { ...state, unreachable: true };
    case 'stopped':
      return state.stopped ? state : { ...saveReducer(state, { type: 'close' }), stopped: true };
    case 'synced':
      return state.synced ? state : settle({ ...state, synced: true });
    case 'sent':
      if (!state.connected) return state;
      return {
        ...state,
        sent: state.sent + 1,
        sentStep2: state.sentStep2 || event.kind === 'step2',
      };
    case 'ack': {
      if (!state.connected || event.count <= 0) return state;
      // Never more than was sent: a confused server must not make us claim "Saved".
      const acked = Math.min(state.acked + event.count, state.sent - state.refused);
      return settle({ ...state, acked });
    }
    case 'refused': {
      const refused = state.connected && pendingFrames(state) > 0 ? state.refused + 1 : state.refused;
      return { ...state, refused, refusal: event.code };
    }
    case 'localChange':
      return state.connected || state.offlineEdits ? state : { ...state, offlineEdits: true };
  }
}

export type SaveStatus = 'connecting' | 'saving' | 'saved' | 'offline' | 'notSaved' | 'disconnected';

/** What the header says. */
export function saveStatus(state: SaveState): SaveStatus {
  if (state.stopped) return 'disconnected';
  if (!state.connected) return state.everConnected || state.offlineEdits || state.unreachable ? 'offline' : 'connecting';
  if (pendingFrames(state) > 0) return 'saving';
  if (state.refusal) return 'notSaved';
  if (!state.synced) return 'connecting';
  if (state.offlineEdits) return 'saving';
  return 'saved';
}

/** Whether closing the tab now could lose edits (the beforeunload guard asks first). */
export function hasUnsavedEdits(state: SaveState): boolean {
  return pendingFrames(state) > 0 || state.offlineEdits;
}
