// One open map in the browser: the Y.Doc, its offline copy (y-indexeddb), the connection to
// /sync/<mapId> (the stock y-websocket provider, with Lintas's ack and error messages), the undo
// manager for this user's own edits, and the stores the React hooks read.
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cardsMap, lanesMap, metaMap, stagesMap } from '@/lib/map';
import { CellIndex } from './cell-index';
import { classifyFrame, CLOSE_ACCESS_CHANGED, CLOSE_LOAD_FAILED, MESSAGE_ACK, MESSAGE_ERROR, readAck, readError } from './frames';
import { PresenceStore, personColor, type LocalPresence } from './presence';
import { batchOfflineWrites, type OfflineWrites } from './offline-writes';
import { hasUnsavedEdits, initialSaveState, saveReducer, type SaveEvent, type SaveState } from './save-status';
import { shownStatus, type ShownStatus } from './shown-status';
import { createStore, type Store } from './store';

export interface MapSessionOptions {
  mapId: string;
  user: { id: string; name: string };
  /** The policy's answer (map:edit and not archived). The server enforces it; the UI follows it. */
  canEdit: boolean;
  /** Defaults to ws(s)://<this host>/sync. */
  serverUrl?: string;
}

/** Which part of a card takes focus after it was added or moved. */
/** The part of a card to focus; 'first' and 'last' are its first and last focusable controls (Tab, Shift+Tab). */
export type FocusTarget = 'text' | 'menu' | 'handle' | 'first' | 'last';

/** Why the connection is unhappy, when it is (shown as a banner). */
export type ConnectionNotice = 'rate-limited' | 'load-failed' | 'closed' | 'access-changed' | null;

const CURSOR_INTERVAL_MS = 50; // at most 20 awareness updates a second

export class MapSession {
  readonly doc = new Y.Doc();
  /** The origin of every local edit; the undo manager tracks only it. */
  readonly origin = { source: 'lintas-editor' };
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence | null;
  private readonly offlineWrites: OfflineWrites | null;
  readonly undoManager: Y.UndoManager;
  readonly cells: CellIndex;
  readonly presence: PresenceStore;
  readonly color: string;

  readonly saveState: Store<SaveState> = createStore(initialSaveState);
  /** What the header says: the save state, with "Saving…" held through a typing burst. */
  readonly shownSaveStatus: ShownStatus = shownStatus(this.saveState);
  /** True once there is something to show: the server's state, or a non-empty offline copy. */
  readonly ready: Store<boolean> = createStore(false);
  /** Whether this user may edit now (false from the start for viewers; turns false on a read-only refusal). */
  readonly editable: Store<boolean>;
  readonly notice: Store<ConnectionNotice> = createStore<ConnectionNotice>(null);
  readonly undoState: Store<{ canUndo: boolean; canRedo: boolean }> = createStore<{ canUndo: boolean; canRedo: boolean }>({
    canUndo: false,
    canRedo: false,
  });

  private currentSocket: WebSocket | null = null;
  private focusRequest: { cardId: string; target: FocusTarget } | null = null;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingCursor: { x: number; y: number } | null | undefined = undefined;
  private lastCursorAt = 0;
  private destroyed = false;

  constructor(readonly options: MapSessionOptions) {
    const { mapId, user, canEdit } = options;
    this.editable = createStore(canEdit);
    this.color = personColor(user.id);
    const roots = [metaMap(this.doc), stagesMap(this.doc), lanesMap(this.doc), cardsMap(this.doc)];
    this.undoManager = new Y.UndoManager(roots, {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 500,
    });
    const refreshUndo = () =>
      this.undoState.set({
        canUndo: this.undoManager.undoStack.length > 0,
        canRedo: this.undoManager.redoStack.length > 0,
      });
    this.undoManager.on('stack-item-added', refreshUndo);
    this.undoManager.on('stack-item-popped', refreshUndo);
    this.undoManager.on('stack-cleared', refreshUndo);

    this.cells = new CellIndex(this.doc);

    // Offline copy for editors only: a viewer has nothing of their own to keep, and a copy holding
    // changes the server refuses would be re-sent (and refused) on every visit.
    this.persistence = canEdit ? new IndexeddbPersistence(`lintas-map-${mapId}`, this.doc) : null;
    // One IndexedDB write per burst of keystrokes, not per keystroke (offline-writes.ts).
    this.offlineWrites = this.persistence ? batchOfflineWrites(this.doc, this.persistence) : null;
    this.persistence?.whenSynced.then(() => {
      if (!this.destroyed && stagesMap(this.doc).size + lanesMap(this.doc).size > 0) this.ready.set(true);
    });

    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.origin || origin === this.undoManager) this.dispatch({ type: 'localChange' });
    });

    const onSocket = (socket: WebSocket) => {
      this.currentSocket = socket;
      this.dispatch({ type: 'socket' });
    };
    const onSent = (socket: WebSocket, data: unknown) => {
      const kind = classifyFrame(data);
      if (kind !== 'other' && socket === this.currentSocket) this.dispatch({ type: 'sent', kind });
    };
    const Base = globalThis.WebSocket;
    // Counts the document-changing frames each socket sends, for "Saving…" until they are acked.
    class CountingWebSocket extends Base {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        onSocket(this);
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        super.send(data as ArrayBufferView);
        onSent(this, data);
      }
    }

    const serverUrl =
      options.serverUrl ?? `${globalThis.location?.protocol === 'https:' ? 'wss:' : 'ws:'}//${globalThis.location?.host}/sync`;
    this.provider = new WebsocketProvider(serverUrl, mapId, this.doc, {
      disableBc: true,
      WebSocketPolyfill: CountingWebSocket as unknown as typeof WebSocket,
      connect: false,
    });

    this.provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder, provider) => {
      if (provider.ws !== this.currentSocket) return;
      this.dispatch({ type: 'ack', count: readAck(decoder) });
    };
    this.provider.messageHandlers[MESSAGE_ERROR] = (_encoder, decoder: decoding.Decoder) => {
      const { code } = readError(decoder);
      if (code === 'read-only') {
        this.dispatch({ type: 'refused', code });
        this.editable.set(false);
      } else if (code === 'doc-too-large') {
        this.dispatch({ type: 'refused', code });
      } else if (code === 'rate-limited') {
        this.notice.set('rate-limited');
      }
    };

    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') this.dispatch({ type: 'open' });
      else if (status === 'disconnected') this.dispatch({ type: 'close' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      this.dispatch({ type: 'synced' });
      this.ready.set(true);
      if (this.notice.get() !== 'closed' && this.notice.get() !== 'access-changed') this.notice.set(null);
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event?.code === CLOSE_LOAD_FAILED) this.notice.set('load-failed');
      // Emitted before 'status': still not connected means this socket never opened.
      if (!this.saveState.get().connected) this.dispatch({ type: 'unreachable' });
    });
    // The provider stops reconnecting after a close code in 4400–4499 and says so here.
    this.provider.on('closed', ({ code }: { code: number }) => {
      this.dispatch({ type: 'stopped' });
      if (code !== CLOSE_ACCESS_CHANGED) return this.notice.set('closed');
      // What this page was given (role, map) no longer holds ([AC6]): no more edits here, and a
      // reload asks the server what the user may do now.
      this.editable.set(false);
      this.notice.set('access-changed');
    });

    const presence: LocalPresence = {
      user: { id: user.id, name: user.name },
      color: this.color,
      editing: null,
      cursor: null,
    };
    this.provider.awareness.setLocalState(presence);
    this.presence = new PresenceStore(this.provider.awareness);
    this.provider.connect();
    globalThis.addEventListener?.('offline', this.onBrowserOffline);
    globalThis.addEventListener?.('online', this.onBrowserOnline);
  }

  /**
   * The browser knows first. A socket the network dropped stays open until the provider's 30 s
   * silence check, and edits meanwhile read "Saving…"; so it is dropped at once and the header says
   * the changes are kept on this device. The provider keeps trying (each attempt fails at once
   * while offline) unless it was stopped.
   */
  private readonly onBrowserOffline = () => {
    if (this.destroyed || !this.provider.shouldConnect || !this.provider.ws) return;
    this.provider.disconnect();
    this.provider.connect();
  };

  /** Back online: try now instead of at the end of the provider's back-off (up to 2.5 s). */
  private readonly onBrowserOnline = () => {
    if (this.destroyed || !this.provider.shouldConnect || this.provider.wsconnected) return;
    this.provider.wsUnsuccessfulReconnects = 0;
    this.provider.connect(); // a no-op while an attempt is already under way
  };

  get awareness() {
    return this.provider.awareness;
  }

  private dispatch(event: SaveEvent) {
    this.saveState.update((state) => saveReducer(state, event));
  }

  hasUnsavedEdits(): boolean {
    return hasUnsavedEdits(this.saveState.get());
  }

  /** Starts a new undo step: each discrete operation (add, move, delete) undoes on its own. */
  newUndoStep(): void {
    this.undoManager.stopCapturing();
  }

  undo(): void {
    if (this.editable.get()) this.undoManager.undo();
  }

  redo(): void {
    if (this.editable.get()) this.undoManager.redo();
  }

  setEditing(cardId: string | null): void {
    if (this.destroyed) return;
    const state = this.awareness.getLocalState() as LocalPresence | null;
    if (state && state.editing !== cardId) this.awareness.setLocalStateField('editing', cardId);
  }

  /** The pointer relative to the board (null when it leaves), throttled to 20 updates a second. */
  setCursor(cursor: { x: number; y: number } | null): void {
    if (this.destroyed) return;
    this.pendingCursor = cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null;
    if (this.cursorTimer) return;
    const wait = Math.max(0, this.lastCursorAt + CURSOR_INTERVAL_MS - Date.now());
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = null;
      if (this.destroyed || this.pendingCursor === undefined) return;
      this.lastCursorAt = Date.now();
      this.awareness.setLocalStateField('cursor', this.pendingCursor);
      this.pendingCursor = undefined;
    }, wait);
  }

  /** Asks the card `cardId` to take focus when it (re)mounts, e.g. after it was added or moved. */
  requestFocus(cardId: string, target: FocusTarget = 'text'): void {
    this.focusRequest = { cardId, target };
  }

  /** The card a focus request is waiting for, if any (not consumed). */
  pendingFocus(): string | null {
    return this.focusRequest?.cardId ?? null;
  }

  /** The part of the card to focus, if a focus request is waiting for it (consumed). */
  takeFocusRequest(cardId: string): FocusTarget | null {
    if (this.focusRequest?.cardId !== cardId) return null;
    const { target } = this.focusRequest;
    this.focusRequest = null;
    return target;
  }

  /** Drops the offline copy (after the server refused it) and starts over from the server's state. */
  async discardOfflineCopy(): Promise<void> {
    this.offlineWrites?.discard();
    await this.persistence?.clearData();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    globalThis.removeEventListener?.('offline', this.onBrowserOffline);
    globalThis.removeEventListener?.('online', this.onBrowserOnline);
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.shownSaveStatus.destroy();
    this.presence.destroy();
    this.cells.destroy();
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.offlineWrites?.destroy(); // writes what is pending before the database closes
    this.persistence?.destroy();
    this.undoManager.destroy();
    this.doc.destroy();
  }
}
