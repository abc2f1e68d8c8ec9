// One open map: its Y.Doc, its connections and their awareness; load before sync, micro-batched
// durable appends with acks, unload when the last connection leaves. Rules: lib/sync/SPEC.md.
// Never touches SQL (persistence.ts) nor sockets (server.ts hands it a Peer).
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { logger as rootLogger } from '@/lib/log';
import { DocSizeGuard, type Limits } from './limits';
import { retryPending, type MapStore } from './persistence';
import {
  CloseCode,
  ProtocolError,
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAck,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeError,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type AwarenessEntry,
  type AwarenessState,
} from './protocol';

const log = rootLogger.child({ module: 'sync' });

/** What a room needs of a socket. */
export interface Peer {
  /** `written`, if given, is called once the frame left the process (or the socket failed). */
  send(frame: Uint8Array, written?: () => void): void;
  close(code: number, reason: string): void;
  /** Bytes accepted by `send` but not yet written (WebSocket.bufferedAmount). */
  readonly bufferedAmount?: number;
}

export interface Identity {
  /** null for a share-link guest. */
  id: string | null;
  name: string;
}

export type AccessMode = 'edit' | 'read';

export interface RoomTuning {
  /** Compact the log after about this many appended rows ([CP3]). */
  compactAfterRows: number;
  /**
   * [CP3] Each room draws its threshold within ± this fraction of `compactAfterRows`, anew after
   * each compaction: rooms that opened together (a server restart, the sync bench) would otherwise
   * compact in the same second, one after another on PGlite's single thread.
   */
  compactJitter: number;
  /** Refresh the derived counters at most this often while edits flow ([DV1]). */
  derivedDebounceMs: number;
  /**
   * [DV1] Each wait before a refresh is drawn within ± this fraction of `derivedDebounceMs`. One
   * group commit acknowledges the edits of every busy room at once, so their timers would be armed
   * in the same millisecond and fire in one tick: one count of each map after another on the event
   * loop (50 maps in the sync bench: stalls of 36–58 ms every 2 s).
   */
  derivedJitter: number;
  /**
   * A map stored in more bytes than this answers the first sync steps from the stored bytes and
   * applies them to the room's document only after those answers left ([LS5]).
   */
  answerFromStoreAboveBytes: number;
  /** [LS5] The document is applied at the latest this long after loading, even if a write hangs. */
  warmAfterMs: number;
  /**
   * [LS5] ...and this long after the last answer from the stored bytes left the process: not at
   * once, so that the room's apply does not compete for the CPU with the client's apply of the
   * same bytes, nor make a second client joining meanwhile wait for it.
   */
  warmAfterAnswerMs: number;
}

export const DEFAULT_ROOM_TUNING: Readonly<RoomTuning> = Object.freeze({
  compactAfterRows: 1000,
  compactJitter: 0.2,
  derivedDebounceMs: 2000,
  derivedJitter: 0.25,
  answerFromStoreAboveBytes: 64 * 1024,
  warmAfterMs: 1000,
  warmAfterAnswerMs: 500,
});

export interface RoomOptions {
  store: MapStore;
  /** The map's workspace, for [AC6] (which rooms an access change concerns). */
  workspaceId?: string;
  limits: Limits;
  tuning?: Partial<RoomTuning>;
  /** Called once when the room leaves service (unloaded or failed): drop it from the registry. */
  onClose?: (room: Room) => void;
}

/** One socket in a room. */
export class Connection {
  /** The awareness client id this connection speaks for ([AW2]); null until it announces one. */
  clientId: number | null = null;
  /** Frames received while the room loads ([LS2]); null once the room is open. */
  queued: Uint8Array[] | null = [];
  queuedBytes = 0;
  /** Accepted frames whose acks wait for pending parts to integrate ([AK3]). */
  held = 0;
  /** Whether the room sent its sync step 1 (and the awareness states) to this connection. */
  greeted = false;
  closed = false;

  constructor(
    readonly peer: Peer,
    readonly mode: AccessMode,
    readonly user: Identity,
  ) {}
}

export type RoomState = 'loading' | 'open' | 'stopping' | 'closed';

interface Batch {
  /** Document updates to append (Yjs-encoded by the room's doc, never a client's raw bytes). */
  updates: Uint8Array[];
  /** Per connection, how many of its doc-changing frames this batch covers ([AK1]). */
  acks: Map<Connection, number>;
}

const emptyBatch = (): Batch => ({ updates: [], acks: new Map() });
const isEmpty = (batch: Batch) => batch.updates.length === 0 && batch.acks.size === 0;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  readonly workspaceId: string | null;
  /** Resolves once the room has left service and released its document. */
  readonly closed: Promise<void>;

  private stateValue: RoomState = 'loading';
  private readonly store: MapStore;
  private readonly limits: Limits;
  private readonly tuning: RoomTuning;
  private readonly onClose?: (room: Room) => void;
  private readonly loaded: Promise<void>;
  private size!: DocSizeGuard;
  /** Loaded parts the document has not applied yet ([LS5]); null once applied. */
  private cold: Uint8Array[] | null = null;
  /** Answers sent from `cold` that have not left the process yet. */
  private coldWrites = 0;
  private warmTimer: NodeJS.Timeout | null = null;
  /** The docBytes last written was the size guard's estimate ([DV2]). */
  private docBytesEstimated = false;

  private batch: Batch = emptyBatch();
  private inFlight: Promise<void> | null = null;
  private flushTimer: NodeJS.Immediate | null = null;
  /** Connections whose frames left parts pending: their acks wait ([AK3]). */
  private readonly holders = new Set<Connection>();
  private rowsSinceCompaction = 0;
  private compactAt: number;
  /** Bumped on every document update (for the snapshot cache). */
  private version = 0;
  private snapshotCache: { version: number; snapshot: Y.Snapshot } | null = null;
  private compaction: Promise<void> | null = null;
  private derivedTimer: NodeJS.Timeout | null = null;
  private derivedDirty = false;
  private unloading: Promise<void> | null = null;
  private resolveClosed!: () => void;

  constructor(
    readonly mapId: string,
    options: RoomOptions,
  ) {
    this.store = options.store;
    this.workspaceId = options.workspaceId ?? null;
    this.limits = options.limits;
    this.tuning = { ...DEFAULT_ROOM_TUNING, ...options.tuning };
    this.compactAt = compactionThreshold(this.tuning);
    this.onClose = options.onClose;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.awareness.on('update', this.onAwarenessUpdate);
    this.loaded = this.load();
  }

  get state(): RoomState {
    return this.stateValue;
  }

  /** Whether `join` may be called: a room that is stopping or closed takes no one in. */
  get accepting(): boolean {
    return this.stateValue === 'loading' || this.stateValue === 'open';
  }

  /** Resolves when the load attempt is over (successful or not). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  join(peer: Peer, mode: AccessMode, user: Identity): Connection {
    if (!this.accepting) throw new Error(`room ${this.mapId} is ${this.stateValue}`);
    const conn = new Connection(peer, mode, user);
    this.connections.add(conn);
    if (this.stateValue === 'open') {
      conn.queued = null;
      if (!this.cold) this.greet(conn);
    }
    return conn;
  }

  /** A frame from `conn`. Never throws: a bad frame closes its connection only ([PR1]). */
  receive(conn: Connection, data: Uint8Array): void {
    if (conn.closed) return;
    if (conn.queued) {
      conn.queuedBytes += data.byteLength;
      if (conn.queuedBytes > this.limits.maxQueuedBytesWhileLoading) {
        this.closeConnection(conn, CloseCode.policyViolation, 'too much data while loading');
        return;
      }
      conn.queued.push(data);
      return;
    }
    if (this.stateValue !== 'open') return; // stopping: unacked frames are resent by the client
    try {
      this.handle(conn, data);
    } catch (err) {
      if (err instanceof ProtocolError) {
        log.debug({ mapId: this.mapId, err: err.message }, 'protocol error');
        this.closeConnection(conn, err.code, err.message);
      } else {
        log.error({ mapId: this.mapId, err }, 'sync message failed');
        this.closeConnection(conn, CloseCode.internalError, 'internal error');
      }
    }
  }

  /** The socket of `conn` is gone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
    conn.queued = null;
    this.batch.acks.delete(conn);
    this.holders.delete(conn);
    if (conn.clientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [conn.clientId], conn);
    }
    if (this.connections.size === 0 && this.stateValue === 'open') this.unload();
  }

  /** Closes `conn` with `code` and forgets it. */
  closeConnection(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    try {
      conn.peer.close(code, reason);
    } catch {
      /* the socket is already gone */
    }
    this.leave(conn);
  }

  /** Closes the connections that `match` (e.g. a user whose role was revoked). */
  closeConnections(match: (conn: Connection) => boolean, code: number, reason: string): void {
    for (const conn of [...this.connections]) if (match(conn)) this.closeConnection(conn, code, reason);
  }

  /** Resolves when every accepted frame is committed and acked (or the room failed). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.stateValue === 'closed' && !this.inFlight) return;
      if (this.inFlight) {
        await this.inFlight.catch(() => {});
        continue;
      }
      if (isEmpty(this.batch)) return;
      await this.flush();
    }
  }

  /** Server shutdown ([UL3]): commit and ack what was accepted, close every socket, unload. */
  async shutdown(reason = 'server shutting down'): Promise<void> {
    await this.loaded;
    if (this.stateValue === 'open') {
      this.stateValue = 'stopping';
      await this.drain();
      for (const conn of [...this.connections]) this.closeConnection(conn, CloseCode.goingAway, reason);
      await this.unload();
    }
    await this.closed;
  }

  // ---- loading ([LS1]–[LS3]) ----

  private async load(): Promise<void> {
    let parts: Uint8Array[];
    try {
      parts = await this.store.loadParts(this.mapId);
    } catch (err) {
      log.error({ mapId: this.mapId, err }, 'loading the map failed');
      this.fail(CloseCode.loadFailed, 'load failed');
      return;
    }
    if (this.stateValue !== 'loading') return;
    const bytes = parts.reduce((n, part) => n + part.byteLength, 0);
    this.size = new DocSizeGuard(this.limits.maxDocBytes, bytes);
    this.cold = parts;
    if (bytes <= this.tuning.answerFromStoreAboveBytes && !this.warm()) return;
    this.stateValue = 'open';
    for (const conn of [...this.connections]) {
      const queued = conn.queued ?? [];
      conn.queued = null;
      if (!this.cold) this.greet(conn);
      for (const data of queued) this.receive(conn, data);
    }
    if (this.connections.size === 0) {
      this.unload();
      return;
    }
    if (this.cold && !this.warmTimer) {
      // The stock provider sends its sync step 1 as soon as the socket opens; on PGlite the load
      // often completes before that frame is even read, so the room waits for it (the answer, once
      // written, warms the room), for a frame that needs the document, or for this timer.
      this.warmTimer = setTimeout(() => this.warm(), this.tuning.warmAfterMs);
      this.warmTimer.unref();
    }
  }

  /**
   * Applies the loaded parts to the document, then greets every connection. False if the stored
   * bytes could not be applied: the room failed ([LS3]).
   */
  private warm(): boolean {
    const parts = this.cold;
    if (!parts || this.stateValue === 'closed') return this.stateValue !== 'closed';
    this.cold = null;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = null;
    try {
      // One transaction, as replayUpdates does: Yjs cleans up (merges structs) once at the end,
      // not after each log row. One-keystroke rows of 10 editors on a small map (scratch, medians
      // of 15): 1,000 rows, as PostgreSQL can leave a map before compaction, 7.1 → 2.1 ms; 30
      // rows, the journal's folds of a busy PGlite map, 1.9 → 1.1 ms.
      this.doc.transact(() => {
        for (const part of parts) {
          Y.applyUpdate(this.doc, part, this);
          retryPending(this.doc, this);
        }
      }, this);
    } catch (err) {
      log.error({ mapId: this.mapId, err }, 'applying the stored map failed');
      this.fail(CloseCode.loadFailed, 'load failed');
      return false;
    }
    this.doc.on('update', this.onDocUpdate);
    for (const conn of this.connections) if (!conn.greeted && conn.queued === null) this.greet(conn);
    return true;
  }

  /**
   * [LS5] Warm `warmAfterAnswerMs` after the answers sent from the stored bytes have left (so they
   * do not wait on it); a frame that needs the document warms the room before that.
   */
  private warmWhenWritten(): void {
    if (this.coldWrites !== 0 || !this.cold) return;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => this.warm(), this.tuning.warmAfterAnswerMs);
    this.warmTimer.unref();
  }

  /** [LS5] Answers a fresh client's sync step 1 from the stored parts: the snapshot, then the log. */
  private answerFromStore(conn: Connection, parts: Uint8Array[]): void {
    const [first, ...log] = parts;
    const frames = [encodeSyncStep2(first)];
    if (log.length > 0) frames.push(encodeUpdate(log.length === 1 ? log[0] : Y.mergeUpdates(log)));
    for (const frame of frames) {
      this.coldWrites++;
      this.send(conn, frame, () => {
        this.coldWrites--;
        this.warmWhenWritten();
      });
    }
  }

  private greet(conn: Connection): void {
    conn.greeted = true;
    this.send(conn, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      this.send(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
  }

  // ---- messages ----

  private handle(conn: Connection, data: Uint8Array): void {
    const message = decodeClientMessage(data);
    if (this.cold) {
      // Only a fresh client is answered from the stored bytes: for one that has part of the map,
      // diffing the stored snapshot costs more than applying it once and diffing the document.
      if (message.type === 'sync-step1' && this.cold.length > 0 && isEmptyStateVector(message.stateVector)) {
        return this.answerFromStore(conn, this.cold);
      }
      // Awareness needs no document: it must not make the answers above wait for the apply.
      if (message.type !== 'awareness' && message.type !== 'query-awareness' && message.type !== 'auth' && !this.warm()) return;
    }
    switch (message.type) {
      case 'sync-step1': {
        let update: Uint8Array;
        try {
          update = encodeIntegratedState(this.doc, message.stateVector);
        } catch {
          throw new ProtocolError(CloseCode.invalidPayload, 'malformed state vector');
        }
        this.send(conn, encodeSyncStep2(update));
        return;
      }
      case 'sync-step2':
      case 'update':
        this.docFrame(conn, message.update);
        return;
      case 'awareness':
        this.awarenessFrame(conn, message.update);
        return;
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()];
        this.send(conn, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
      case 'auth':
        return; // y-protocols' auth message means nothing here: access was decided at the upgrade
    }
  }

  private docFrame(conn: Connection, update: Uint8Array): void {
    if (conn.mode === 'read') {
      let contained: boolean;
      try {
        contained = Y.snapshotContainsUpdate(this.snapshot(), update);
      } catch {
        throw new ProtocolError(CloseCode.invalidPayload, 'malformed update');
      }
      // A frame that brings nothing new (the stock provider's sync step 2 on connect) is a no-op
      // and acked like one; anything else is refused ([RO1], [RO2]).
      if (contained) this.countFrame(conn);
      else this.send(conn, encodeError('read-only', 'This connection may not change the map.'));
      return;
    }
    if (!this.size.admits(update.byteLength, () => Y.encodeStateAsUpdate(this.doc).byteLength)) {
      this.send(conn, encodeError('doc-too-large', 'The map has reached its maximum size; the change was not saved.'));
      return;
    }
    const store = this.doc.store;
    const pendingBefore = [store.pendingStructs, store.pendingDs];
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch {
      // What Yjs integrated before failing was emitted as updates: stored and broadcast as usual.
      throw new ProtocolError(CloseCode.invalidPayload, 'malformed update');
    }
    this.size.grew(update.byteLength);
    const pendingChanged = store.pendingStructs !== pendingBefore[0] || store.pendingDs !== pendingBefore[1];
    if (pendingChanged && store.pendingStructs) retryPending(this.doc, conn);
    if (pendingChanged && (store.pendingStructs || store.pendingDs)) {
      // Parts of the frame wait for missing dependencies. They are not in the document, so not
      // stored: this connection's acks hold until nothing is pending ([AK3]).
      this.holders.add(conn);
    }
    this.countFrame(conn);
  }

  /** The document's snapshot, recomputed only after it changed (it costs a walk of the doc). */
  private snapshot(): Y.Snapshot {
    if (!this.snapshotCache || this.snapshotCache.version !== this.version) {
      this.snapshotCache = { version: this.version, snapshot: Y.snapshot(this.doc) };
    }
    return this.snapshotCache.snapshot;
  }

  private countFrame(conn: Connection): void {
    if (this.holders.has(conn)) conn.held++;
    else this.batch.acks.set(conn, (this.batch.acks.get(conn) ?? 0) + 1);
    this.scheduleFlush();
  }

  /**
   * Called when a batch is cut: if nothing is pending, every held frame's content was integrated
   * and is in this batch or an earlier one, so their acks join this batch.
   */
  private releaseHeld(batch: Batch): void {
    if (this.holders.size === 0 || this.doc.store.pendingStructs || this.doc.store.pendingDs) return;
    for (const conn of this.holders) {
      if (conn.held > 0) batch.acks.set(conn, (batch.acks.get(conn) ?? 0) + conn.held);
      conn.held = 0;
    }
    this.holders.clear();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.version++;
    this.batch.updates.push(update);
    const frame = encodeUpdate(update);
    for (const conn of this.connections) {
      if (conn !== origin && conn.queued === null) this.send(conn, frame);
    }
    this.scheduleFlush();
  };

  // ---- awareness ([AW1]–[AW5]) ----

  private awarenessFrame(conn: Connection, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (conn.clientId === null && entry.state !== null) this.claim(conn, entry);
      // Entries of other clients are the stock provider re-sending what it received: ignored.
      if (entry.clientId !== conn.clientId) continue;
      if (entry.state === null) {
        accepted.push(entry);
        continue;
      }
      const state = bindIdentity(entry.state, conn.user);
      if (JSON.stringify(state).length > this.limits.maxAwarenessStateBytes) continue;
      accepted.push({ ...entry, state });
    }
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(accepted), conn);
    }
  }

  /** Binds `entry.clientId` to `conn` unless another connection speaks for it ([AW2]). */
  private claim(conn: Connection, entry: AwarenessEntry): void {
    for (const other of this.connections) {
      if (other === conn || other.clientId !== entry.clientId) continue;
      // The same signed-in user reconnecting before the server noticed the old socket died.
      if (other.user.id === null || other.user.id !== conn.user.id) return;
      other.clientId = null;
    }
    conn.clientId = entry.clientId;
    // A returning client announces the clock it had; the room may have bumped it when it removed
    // the old state, so the first announcement is lifted above the room's clock (else it would
    // stay invisible until its next renewals overtake) ([AW4]).
    const roomClock = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
    if (entry.clock <= roomClock) entry.clock = roomClock + 1;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    // To every connection, the sender included: the stock provider drops a socket that heard
    // nothing for 30 s, and its own renewals echoed back every 15 s keep it alive ([AW5]).
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) if (conn.queued === null) this.send(conn, frame);
  };

  // ---- durability: micro-batched appends, acks after commit ([AK1]–[AK5]) ----

  private scheduleFlush(): void {
    if (this.flushTimer || this.inFlight) return;
    // setImmediate: every frame read in this I/O phase joins the same batch.
    this.flushTimer = setImmediate(() => {
      this.flushTimer = null;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.stateValue === 'closed') return;
    const batch = this.batch;
    if (isEmpty(batch)) return;
    this.batch = emptyBatch();
    this.releaseHeld(batch);
    const run = this.commit(batch);
    this.inFlight = run;
    try {
      await run;
    } catch (err) {
      log.error({ mapId: this.mapId, err }, 'appending updates failed');
      this.inFlight = null;
      this.fail(CloseCode.internalError, 'persist failed');
      return;
    }
    this.inFlight = null;
    if (!isEmpty(this.batch)) void this.flush();
  }

  private async commit(batch: Batch): Promise<void> {
    if (batch.updates.length > 0) {
      const row = batch.updates.length === 1 ? batch.updates[0] : Y.mergeUpdates(batch.updates);
      await this.store.append(this.mapId, [row]);
      this.rowsSinceCompaction++;
      this.markDerivedDirty();
      this.maybeCompact();
    }
    for (const [conn, count] of batch.acks) if (!conn.closed) this.send(conn, encodeAck(count));
  }

  private maybeCompact(): void {
    if (this.compaction || this.rowsSinceCompaction < this.compactAt) return;
    this.rowsSinceCompaction = 0;
    this.compactAt = compactionThreshold(this.tuning);
    this.compaction = this.compact().finally(() => (this.compaction = null));
  }

  private async compact(): Promise<void> {
    try {
      const { merged } = await this.store.compact(this.mapId);
      log.debug({ mapId: this.mapId, merged }, 'compacted');
    } catch (err) {
      log.error({ mapId: this.mapId, err }, 'compaction failed');
    }
  }

  private markDerivedDirty(): void {
    this.derivedDirty = true;
    if (this.derivedTimer) return;
    this.derivedTimer = setTimeout(
      () => {
        this.derivedTimer = null;
        void this.refreshDerived();
      },
      jittered(this.tuning.derivedDebounceMs, this.tuning.derivedJitter),
    );
    this.derivedTimer.unref();
  }

  /**
   * [DV1][DV2] While editing, the size written is the guard's estimate unless it drifted more than
   * 25 % from the last exact size; the last refresh (unload) always measures (encodes the doc).
   */
  private async refreshDerived(final = false): Promise<void> {
    if (final && !this.derivedDirty && this.docBytesEstimated) this.derivedDirty = true;
    if (!this.derivedDirty) return;
    this.derivedDirty = false;
    const mark = this.size.mark();
    const exact = final || this.size.drifted(0.25);
    try {
      const { docBytes } = await this.store.refreshDerived(this.mapId, this.doc, exact ? undefined : this.size.bytes);
      if (exact) this.size.measured(docBytes, mark);
      this.docBytesEstimated = !exact;
    } catch (err) {
      log.error({ mapId: this.mapId, err }, 'refreshing derived counters failed');
      if (this.stateValue === 'open') this.markDerivedDirty();
    }
  }

  // ---- leaving service ----

  /** The last connection left ([UL1]): commit, then release; a join meanwhile keeps the room. */
  private unload(): Promise<void> {
    this.unloading ??= (async () => {
      await this.drain();
      if (this.stateValue === 'closed') return;
      if (this.stateValue === 'open' && this.connections.size > 0) {
        this.unloading = null; // someone joined while the last batch committed
        return;
      }
      this.stateValue = 'closed';
      this.onClose?.(this);
      this.stopTimers();
      this.awareness.destroy();
      try {
        await this.compaction;
        await this.refreshDerived(true);
        await this.compact();
      } finally {
        this.doc.destroy();
        this.resolveClosed();
      }
    })();
    return this.unloading;
  }

  /** Leaves service at once: closes every connection with `code`, stores nothing more. */
  private fail(code: number, reason: string): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    this.batch = emptyBatch();
    for (const conn of [...this.connections]) {
      try {
        conn.peer.close(code, reason);
      } catch {
        /* already gone */
      }
      conn.closed = true;
    }
    this.connections.clear();
    this.onClose?.(this);
    this.stopTimers();
    this.awareness.destroy();
    this.doc.destroy();
    this.resolveClosed();
  }

  private stopTimers(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    if (this.derivedTimer) clearTimeout(this.derivedTimer);
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.flushTimer = null;
    this.derivedTimer = null;
    this.warmTimer = null;
  }

  /** `written` is called exactly once, whatever happens to the frame. */
  private send(conn: Connection, frame: Uint8Array, written?: () => void): void {
    if (conn.closed) return written?.();
    if ((conn.peer.bufferedAmount ?? 0) > this.limits.maxBufferedBytes) {
      this.closeConnection(conn, CloseCode.policyViolation, 'connection too slow');
      return written?.();
    }
    let called = false;
    const once = written
      ? () => {
          if (called) return;
          called = true;
          written();
        }
      : undefined;
    try {
      conn.peer.send(frame, once);
    } catch {
      this.closeConnection(conn, CloseCode.goingAway, 'send failed');
      once?.();
    }
  }
}

/** [CP3] Rows after which a room compacts next: `compactAfterRows` ± `compactJitter`, at least 1. */
export function compactionThreshold(
  { compactAfterRows, compactJitter }: Pick<RoomTuning, 'compactAfterRows' | 'compactJitter'>,
  random: () => number = Math.random,
): number {
  return Math.max(1, Math.round(jittered(compactAfterRows, compactJitter, random)));
}

/** `value` ± `fraction` of it, drawn uniformly. */
export function jittered(value: number, fraction: number, random: () => number = Math.random): number {
  return value * (1 + fraction * (2 * random() - 1));
}

/** The state vector of an empty document (what a client with nothing sends). */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/**
 * `Y.encodeStateAsUpdate` without the pending part: peers get what the room integrated, the same
 * content live updates carry ([LS4]). (Yjs would ship pending structs too, and a client can
 * integrate them differently from the room, so peers that joined later would disagree with
 * peers that were there.)
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store;
  const { pendingStructs, pendingDs } = store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}

/**
 * The awareness state as others will see it: `user` is the connection's identity; the client
 * keeps its other fields (cursor, selection) and its colour ([AW1]).
 */
export function bindIdentity(state: AwarenessState, user: Identity): AwarenessState {
  const given = state.user;
  const bound: Record<string, unknown> = { id: user.id, name: user.name };
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const key of ['color', 'colorLight'] as const) {
      const value = (given as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.length <= 64) bound[key] = value;
    }
  }
  return { ...state, user: bound };
}
