// Integration helpers: a real http server with attachSync, the stock y-websocket provider as the
// client (with the session cookie), raw ws clients for what a provider never sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import type { Database, DbKind } from '@/db/client';
import { setDatabase } from '@/db/client';
import type { Role } from '@/db/schema';
import { attachSync, type AttachSyncOptions, type SyncServer } from '@/lib/sync/server';
import { readErrorBody } from '@/lib/sync/protocol';
import { createTestDatabase } from '@/test/db';
// aliased: a function named use* reads as a React hook to the linter
import { makeMapRow, makeMember, makeUser, makeWorkspace, sessionCookie, useTestSecret as applyTestSecret } from '@/test/factories';

export interface TestServer {
  sync: SyncServer;
  port: number;
  /** ws://127.0.0.1:port/sync — the provider appends /<mapId>. */
  url: string;
  close(): Promise<void>;
}

export async function startSyncServer(options: AttachSyncOptions = {}): Promise<TestServer> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const sync = attachSync(server, { listen: true, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    sync,
    port,
    url: `ws://127.0.0.1:${port}/sync`,
    close: async () => {
      await sync.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TestUser = { id: string; name: string; email: string; cookie: string };

/** A database with a workspace, a map and a user per role, wired as the process's database. */
export async function makeWorld(kind: DbKind) {
  applyTestSecret();
  const database: Database = await createTestDatabase(kind);
  setDatabase(database);
  const db = database.db;
  const withCookie = async (u: { id: string; name: string; email: string }): Promise<TestUser> => ({
    id: u.id,
    name: u.name,
    email: u.email,
    cookie: await sessionCookie(u),
  });
  const ownerRow = await makeUser(db);
  const workspace = await makeWorkspace(db, ownerRow);
  const member = async (role: Role) => withCookie(await makeMember(db, workspace, role));
  const world = {
    database,
    db,
    workspace,
    owner: await withCookie(ownerRow),
    editor: await member('editor'),
    editor2: await member('editor'),
    viewer: await member('viewer'),
    outsider: await withCookie(await makeUser(db)),
    newMap: async () => (await makeMapRow(db, workspace)).id,
    close: async () => {
      setDatabase(undefined);
      await database.close();
    },
  };
  return world;
}

// ---- provider clients ----

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Doc-changing frames (sync step 2, update) sent on every socket so far. */
  readonly sent: number;
  /** Acked frames, summed over every socket so far. */
  readonly acked: number;
  /** Whether every doc-changing frame of the current socket was acked. */
  settled(): boolean;
  errors: { code: string; message: string }[];
  /** Labels of the doc-changing frames sent, in order (see `label`), and how many were acked. */
  frames: (string | null)[];
  ackedLabels(): string[];
  /** Label for the frames sent from now on (a frame is sent synchronously inside an edit). */
  label: string | null;
  destroy(): void;
}

class CountingSocket extends WebSocket {
  sentDocFrames = 0;
  ackedDocFrames = 0;
  onDocFrame: (() => void) | null = null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override send(data: any, ...rest: any[]): void {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
    if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2) && this.readyState === WebSocket.OPEN) {
      this.sentDocFrames++;
      this.onDocFrame?.();
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (super.send as any)(data, ...rest);
  }
}

export function connectClient(
  url: string,
  mapId: string,
  options: { cookie?: string; origin?: string; params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {},
): TestClient {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const frames: (string | null)[] = [];
  let ackedTotal = 0;
  let label: string | null = null;
  class ClientSocket extends CountingSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
      this.onDocFrame = () => frames.push(label);
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, mapId, doc, {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    WebSocketPolyfill: ClientSocket as any,
    // Node 20 has a global BroadcastChannel: providers in one process would sync through it and
    // bypass the server entirely.
    disableBc: true,
    params: options.params ?? {},
    maxBackoffTime: 300,
    connect: options.connect ?? true,
  });
  provider.messageHandlers[100] = (_encoder, decoder) => {
    const n = decoding.readVarUint(decoder);
    ackedTotal += n;
    const ws = provider.ws as unknown as CountingSocket | null;
    if (ws) ws.ackedDocFrames += n;
  };
  const errors: { code: string; message: string }[] = [];
  provider.messageHandlers[101] = (_encoder, decoder) => {
    errors.push(readErrorBody(decoder));
  };
  // Acks count frames in send order over all sockets of this client: frames of a socket that
  // closed before its acks arrived are lost from the count, so `ackedLabels` is exact only while
  // the client has used one socket (as in the kill -9 test).
  return {
    doc,
    provider,
    errors,
    frames,
    get label() {
      return label;
    },
    set label(value: string | null) {
      label = value;
    },
    get sent() {
      return frames.length;
    },
    get acked() {
      return ackedTotal;
    },
    settled() {
      const ws = provider.ws as unknown as CountingSocket | null;
      return !!ws && provider.synced && ws.sentDocFrames === ws.ackedDocFrames;
    },
    ackedLabels() {
      return frames.slice(0, ackedTotal).filter((l): l is string => l !== null);
    },
    destroy() {
      provider.destroy();
      provider.awareness.destroy(); // otherwise its interval keeps the process alive
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeout = 10_000, interval = 10, what = 'condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const synced = (...clients: TestClient[]) => waitFor(() => clients.every((c) => c.provider.synced), { what: 'providers to sync' });

/** JSON with object keys sorted: Y.Map iterates in local insertion order, which differs by peer. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Same state vector and the same cards. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const sv = (d: Y.Doc) => stableJson(Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(d))));
  return sv(a) === sv(b) && stableJson(a.getMap('cards').toJSON()) === stableJson(b.getMap('cards').toJSON());
}

/** The stage and lane `addCard` puts cards in (cards outside the grid are not counted). */
export function addGrid(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getMap('stages').set(
      'stage-1',
      new Y.Map<unknown>([
        ['id', 'stage-1'],
        ['name', 'Aware'],
        ['order', 1],
      ]),
    );
    doc.getMap('lanes').set(
      'lane-1',
      new Y.Map<unknown>([
        ['id', 'lane-1'],
        ['kind', 'actions'],
        ['name', 'Actions'],
        ['order', 1],
      ]),
    );
  });
}

/** Adds a card the way lib/map shapes one (without depending on lib/map's operations). */
export function addCard(doc: Y.Doc, id: string, text = id): void {
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    card.set('id', id);
    card.set('laneId', 'lane-1');
    card.set('stageId', 'stage-1');
    card.set('order', 1);
    card.set('text', new Y.Text(text));
    doc.getMap('cards').set(id, card);
  });
}

// ---- raw ws clients ----

export interface RawClient {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
}

export function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024 });
    const messages: Uint8Array[] = [];
    const closed = new Promise<{ code: number; reason: string }>((res) =>
      ws.on('close', (code, reason) => res({ code, reason: reason.toString() })),
    );
    ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
    ws.on('error', (err) => reject(err));
    ws.on('open', () => resolve({ ws, messages, closed }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** The HTTP status an upgrade gets (101 when it opens), and the body of a refusal. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => {});
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
      res.on('error', reject);
    });
  });
}
