// The /sync/<mapId> WebSocket endpoint: upgrade → access decided before the socket opens →
// room.join. server.ts routes upgrades here through `handleUpgrade`. Rules: lib/sync/SPEC.md.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isUuid } from '@/db/queries/users';
import { logger as rootLogger } from '@/lib/log';
import { recheckSyncAccess, resolveSyncAccess, warmUpSyncAccess, type AccessRecheck, type SyncAccess, type SyncMode } from './access';
import { subscribeAccessChanges, type AccessChange } from './access-changes';
import { TokenBucket, resolveLimits, type Limits } from './limits';
import { drizzleMapStore, type MapStore } from './persistence';
import { CloseCode, encodeError } from './protocol';
import { Room, type Connection, type Peer, type RoomTuning } from './room';
import { FrameCache, writeFrame } from './wire';

const log = rootLogger.child({ module: 'sync' });
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
/** [PR6] Each socket is pinged once per interval, in this many groups spread over it. */
const PING_GROUPS = 10;

export interface AttachSyncOptions {
  /** Who may open a map; default: the real policy (session cookie, role, share link). */
  resolveAccess?: (req: IncomingMessage, mapId: string) => Promise<SyncAccess>;
  /**
   * [AC6] The mode each open socket would get now (null: none), after an access change. Default:
   * the real policy with the default `resolveAccess`; with another `resolveAccess`, none, and the
   * sockets an access change concerns are closed (their next upgrade decides).
   */
  recheckAccess?: (requests: readonly AccessRecheck[]) => Promise<(SyncMode | null)[]>;
  /** Default: the Drizzle store on the process's database. */
  store?: MapStore;
  limits?: Partial<Limits>;
  tuning?: Partial<RoomTuning>;
  /** Default '/sync/'. */
  pathPrefix?: string;
  /**
   * Add an `upgrade` listener to the http server (tests, small tools). Default false: the caller
   * routes upgrades with `handleUpgrade`, as server.ts does, so nothing answers a socket twice.
   */
  listen?: boolean;
  /** WebSocket ping interval; a socket that missed one pong is terminated. Default 30 s. */
  pingIntervalMs?: number;
  /**
   * Run the upgrade's and the load's queries once at start, for no map, so the first visitor
   * does not pay for cold database caches. Default: true with the default access check and store.
   */
  warmUp?: boolean;
}

export interface SyncServer {
  wss: WebSocketServer;
  /** The open rooms by map id. */
  rooms: Map<string, Room>;
  /** Takes upgrades under the path prefix (true) and leaves every other one alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Refuses new sockets, commits and acks what was accepted, closes every socket (1001). */
  close(): Promise<void>;
  readonly limits: Limits;
}

export function attachSync(httpServer: Server | null, options: AttachSyncOptions = {}): SyncServer {
  const limits = resolveLimits(options.limits);
  const prefix = options.pathPrefix ?? '/sync/';
  const resolveAccess = options.resolveAccess ?? resolveSyncAccess;
  const recheckAccess = options.recheckAccess ?? (options.resolveAccess ? null : recheckSyncAccess);
  const store = options.store ?? drizzleMapStore();
  if (options.warmUp ?? (!options.resolveAccess && !options.store)) {
    void Promise.allSettled([warmUpSyncAccess(), store.loadParts(NIL_UUID)]).then((results) => {
      for (const r of results) if (r.status === 'rejected') log.warn({ err: r.reason }, 'sync warm-up failed');
    });
  }
  const rooms = new Map<string, Room>();
  const live = new Set<Room>(); // rooms not yet fully closed (unloading ones included)
  const upgrades = new Set<Promise<void>>();
  /** [PR6] Each open socket, in its ping group, with whether it answered since its last ping. */
  const pingGroups = Array.from({ length: PING_GROUPS }, () => new Map<WebSocket, boolean>());
  let joined = 0;
  // [PR5] A broadcast's frame, framed once for all its sockets.
  const frames = new FrameCache();
  let closing = false;

  // [LM1] ws closes a connection that sends a bigger frame with 1009.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: limits.maxFrameBytes });

  const roomFor = (mapId: string, workspaceId: string): Room => {
    const open = rooms.get(mapId);
    if (open?.accepting) return open;
    const room = new Room(mapId, {
      store,
      workspaceId,
      limits,
      tuning: options.tuning,
      onClose: (r) => {
        if (rooms.get(mapId) === r) rooms.delete(mapId);
      },
    });
    rooms.set(mapId, room);
    live.add(room);
    void room.closed.then(() => live.delete(room));
    return room;
  };

  // ---- [AC6] access changes reach open sockets ----
  /** Counts access changes: an upgrade decided while one happened is decided again once open. */
  let accessEpoch = 0;

  /** Closes (4403) each socket whose mode is no longer what it was given; all of them if unsure. */
  const recheck = async (targets: { room: Room; conn: Connection }[]): Promise<void> => {
    let modes: (SyncMode | null | undefined)[] = targets.map(() => undefined);
    if (recheckAccess) {
      try {
        modes = await recheckAccess(targets.map(({ room, conn }) => ({ mapId: room.mapId, userId: conn.user.id })));
      } catch (err) {
        log.warn({ err }, 'rechecking sync access failed: the sockets concerned reconnect');
      }
    }
    targets.forEach(({ room, conn }, i) => {
      if (modes[i] === conn.mode) return;
      log.info({ mapId: room.mapId, userId: conn.user.id, was: conn.mode, now: modes[i] ?? null }, 'access changed: socket closed');
      room.closeConnection(conn, CloseCode.accessChanged, 'access changed');
    });
  };

  const onAccessChange = (change: AccessChange): void => {
    accessEpoch++;
    const targets: { room: Room; conn: Connection }[] = [];
    for (const room of live) {
      if (room.workspaceId !== change.workspaceId || (change.mapId && room.mapId !== change.mapId)) continue;
      for (const conn of room.connections) if (!change.userId || conn.user.id === change.userId) targets.push({ room, conn });
    }
    if (targets.length > 0) void recheck(targets);
  };
  const unsubscribe = subscribeAccessChanges(onAccessChange);

  const connect = (
    ws: WebSocket,
    socket: Duplex,
    mapId: string,
    access: Extract<SyncAccess, { ok: true }>,
    epoch: number,
  ): void => {
    // [PR3] Every socket has an error handler; ws closes the socket itself after one.
    ws.on('error', (err) => log.debug({ mapId, err: err.message }, 'socket error'));
    const pingGroup = pingGroups[joined++ % PING_GROUPS];
    pingGroup.set(ws, true);
    ws.on('pong', () => {
      if (pingGroup.has(ws)) pingGroup.set(ws, true);
    });
    const room = roomFor(mapId, access.workspaceId);
    const peer: Peer = {
      // [PR5] Each frame is written at once; while the socket is open, as bytes framed once per
      // broadcast. Once it is closing, `ws` reports the failed send as it does for its own.
      send: (frame, written) => {
        if (ws.readyState === ws.OPEN && socket.writable) writeFrame(socket, frames.frame(frame), written);
        else ws.send(frame, { binary: true }, written && (() => written()));
      },
      close: (code, reason) => ws.close(code, reason),
      get bufferedAmount() {
        return ws.bufferedAmount;
      },
    };
    const conn = room.join(peer, access.mode, access.user);
    const bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => {
      if (conn.closed) return;
      if (!bucket.take()) {
        peer.send(encodeError('rate-limited', 'Too many messages.'));
        room.closeConnection(conn, CloseCode.policyViolation, 'rate limit');
        return;
      }
      if (!isBinary) {
        room.closeConnection(conn, CloseCode.unsupportedData, 'binary frames only');
        return;
      }
      room.receive(conn, bytesOf(data));
    });
    ws.on('close', () => {
      pingGroup.delete(ws);
      room.leave(conn);
    });
    // Its rights were read before a change committed: decide them again, as for the open ones.
    if (epoch !== accessEpoch) void recheck([{ room, conn }]);
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith(prefix)) return false;
    socket.on('error', (err) => log.debug({ err: err.message }, 'upgrade socket error'));
    if (closing) {
      refuse(socket, 503, 'server shutting down');
      return true;
    }
    const mapId = path.slice(prefix.length).toLowerCase();
    if (!isUuid(mapId)) {
      refuse(socket, 400, 'malformed map id');
      return true;
    }
    const upgrade = (async () => {
      const epoch = accessEpoch;
      let access: SyncAccess;
      try {
        access = await resolveAccess(req, mapId);
      } catch (err) {
        log.error({ mapId, err }, 'resolving sync access failed');
        refuse(socket, 503, 'try again later');
        return;
      }
      if (!access.ok) return refuse(socket, access.status, access.reason);
      if (closing) return refuse(socket, 503, 'server shutting down');
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => connect(ws, socket, mapId, access, epoch));
    })().catch((err) => {
      log.error({ mapId, err }, 'upgrade failed');
      socket.destroy();
    });
    upgrades.add(upgrade);
    void upgrade.finally(() => upgrades.delete(upgrade));
    return true;
  };

  // [PR6] One group per tick: pinging every socket in one turn took ~9 ms of the loop for the
  // ~500 sockets of a sync bench round (CPU profile).
  const pingInterval = options.pingIntervalMs ?? 30_000;
  let pingTurn = 0;
  const pinger = setInterval(() => {
    const group = pingGroups[pingTurn++ % PING_GROUPS];
    for (const [ws, answered] of group) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      group.set(ws, false);
      ws.ping();
    }
  }, pingInterval / PING_GROUPS);
  pinger.unref();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (handleUpgrade(req, socket, head)) return;
    if (httpServer && httpServer.listenerCount('upgrade') === 1) socket.destroy(); // nobody else will
  };
  if (options.listen && httpServer) httpServer.on('upgrade', onUpgrade);

  const close = async (): Promise<void> => {
    closing = true;
    unsubscribe();
    clearInterval(pinger);
    await Promise.allSettled([...upgrades]);
    await Promise.allSettled([...live].map((room) => room.shutdown()));
    // Let the close handshakes (and the acks queued before them) reach the clients; then cut.
    const handshakes = [...wss.clients].map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    const grace = new Promise((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([Promise.all(handshakes), grace]);
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    // [JR5] The journal of the store it made is folded into the log (a store given is the caller's).
    if (!options.store) await store.close?.();
  };

  return { wss, rooms, handleUpgrade, close, limits };
}

/** A plain HTTP answer on the raw socket: the upgrade is refused before any WebSocket exists. */
function refuse(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = reason.slice(0, 100);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}

/** A frame as its own bytes (a view on a pooled buffer would pin that buffer in the doc). */
function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data.byteLength === data.buffer.byteLength ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}
