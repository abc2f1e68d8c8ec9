// The sync server end to end: real http server, real access check, real database, stock provider.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { mapSnapshots, mapUpdates, maps, shareLinks } from '@/db/schema';
import { hashToken, newToken } from '@/lib/auth/tokens';
import { DrizzleMapStore } from '@/lib/sync/persistence';
import {
  MessageType,
  decodeError,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '@/lib/sync/protocol';
import { DB_KINDS } from '@/test/db';
import { deferred, MemoryMapStore } from './memory-store';
import {
  addCard,
  addGrid,
  connectClient,
  makeWorld,
  openRaw,
  sameState,
  startSyncServer,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers';

describe.each(DB_KINDS)('sync server on %s', (kind) => {
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let server: TestServer;
  let store: DrizzleMapStore;
  const clients: TestClient[] = [];
  const client = (mapId: string, cookie?: string, params?: Record<string, string>) => {
    const c = connectClient(server.url, mapId, { cookie, params });
    clients.push(c);
    return c;
  };
  const storedCards = async (mapId: string) => {
    const doc = new Y.Doc();
    const data = await store.load(mapId);
    if (data) Y.applyUpdate(doc, data);
    return doc.getMap('cards');
  };

  beforeAll(async () => {
    world = await makeWorld(kind);
    server = await startSyncServer({ tuning: { derivedDebounceMs: 50 } });
    store = new DrizzleMapStore({ db: world.db });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.close();
    await world?.close();
  });

  it('[AC1] the upgrade is refused before the socket opens: 401, 404, 403, 400', async () => {
    const mapId = await world.newMap();
    const at = (id: string) => `${server.url}/${id}`;
    expect(await upgradeStatus(at(mapId))).toEqual({ status: 401, body: 'sign in required' });
    expect((await upgradeStatus(at(mapId), { cookie: world.outsider.cookie })).status).toBe(404);
    expect((await upgradeStatus(at('6f1c2a8e-0000-4000-8000-000000000000'), { cookie: world.editor.cookie })).status).toBe(404);
    expect((await upgradeStatus(at(mapId), { cookie: world.editor.cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect(await upgradeStatus(at('not-a-map'), { cookie: world.editor.cookie })).toEqual({ status: 400, body: 'malformed map id' });
    expect((await upgradeStatus(at(`${mapId}/x`), { cookie: world.editor.cookie })).status).toBe(400);
    expect((await upgradeStatus(at(mapId), { cookie: world.editor.cookie, origin: `http://127.0.0.1:${server.port}` })).status).toBe(101);
    expect((await upgradeStatus(at(mapId.toUpperCase()), { cookie: world.viewer.cookie })).status).toBe(101);
    await waitFor(() => !server.sync.rooms.has(mapId), { what: 'room unload' });
  });

  it('[AC5] concurrent upgrades sharing access statements each get their own answer', async () => {
    const mapId = await world.newMap();
    const other = await world.newMap();
    const at = (id: string) => `${server.url}/${id}`;
    const asked = [
      { url: at(mapId), cookie: world.editor.cookie, status: 101 },
      { url: at(mapId), cookie: undefined, status: 401 },
      { url: at(mapId), cookie: world.outsider.cookie, status: 404 },
      { url: at(other), cookie: world.viewer.cookie, status: 101 },
      { url: at('6f1c2a8e-0000-4000-8000-000000000000'), cookie: world.editor.cookie, status: 404 },
      { url: at(other.toUpperCase()), cookie: world.editor2.cookie, status: 101 },
    ];
    const answers = await Promise.all([...asked, ...asked].map((a) => upgradeStatus(a.url, a.cookie ? { cookie: a.cookie } : {})));
    expect(answers.map((a) => a.status)).toEqual([...asked, ...asked].map((a) => a.status));
    await waitFor(() => !server.sync.rooms.has(mapId) && !server.sync.rooms.has(other), { what: 'room unload' });
  });

  it('[AC2] upgrades outside /sync/ are left to others', () => {
    const socket = { on() {}, end() {}, destroy() {} } as unknown as Duplex;
    expect(server.sync.handleUpgrade({ url: '/_next/webpack-hmr', headers: {} } as IncomingMessage, socket, Buffer.alloc(0))).toBe(false);
    expect(server.sync.handleUpgrade({ url: '/synchronise', headers: {} } as IncomingMessage, socket, Buffer.alloc(0))).toBe(false);
  });

  it('[AK1][AW1][AW5] two editors converge, and see each other present under their real names', async () => {
    const mapId = await world.newMap();
    const a = client(mapId, world.editor.cookie);
    const b = client(mapId, world.editor2.cookie);
    a.provider.awareness.setLocalStateField('user', { name: 'Somebody Else', color: '#ff0000' });
    a.provider.awareness.setLocalStateField('cursor', { cardId: 'c1' });
    await synced(a, b);
    addCard(a.doc, 'c1', 'hello');
    addCard(b.doc, 'c2', 'world');
    await waitFor(() => a.doc.getMap('cards').size === 2 && b.doc.getMap('cards').size === 2, { what: 'cards on both' });
    const text = (b.doc.getMap('cards').get('c1') as Y.Map<unknown>).get('text') as Y.Text;
    text.insert(5, ', there');
    await waitFor(() => sameState(a.doc, b.doc), { what: 'convergence' });
    expect(((a.doc.getMap('cards').get('c1') as Y.Map<unknown>).get('text') as Y.Text).toString()).toBe('hello, there');
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), { what: 'presence of a at b' });
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({
      user: { id: world.editor.id, name: world.editor.name, color: '#ff0000' },
      cursor: { cardId: 'c1' },
    });
    await waitFor(() => a.acked === a.sent && b.acked === b.sent, { what: 'acks' });
    expect((await storedCards(mapId)).size).toBe(2);
  });

  it('[RO1][RO2] a viewer receives live edits; its own are refused with read-only and never stored', async () => {
    const mapId = await world.newMap();
    const editor = client(mapId, world.editor.cookie);
    const viewer = client(mapId, world.viewer.cookie);
    viewer.provider.awareness.setLocalStateField('user', { name: 'Admin' });
    await synced(editor, viewer);
    addCard(editor.doc, 'from-editor');
    await waitFor(() => viewer.doc.getMap('cards').has('from-editor'), { what: 'live edit at viewer' });
    addCard(viewer.doc, 'from-viewer');
    await waitFor(() => viewer.errors.length > 0, { what: 'error frame' });
    expect(viewer.errors[0].code).toBe('read-only');
    addCard(editor.doc, 'still-live');
    await waitFor(() => viewer.doc.getMap('cards').has('still-live'), { what: 'live edit after refusal' });
    await waitFor(() => editor.acked === editor.sent, { what: 'editor acks' });
    expect(editor.doc.getMap('cards').has('from-viewer')).toBe(false);
    expect(viewer.acked).toBeLessThan(viewer.sent); // the refused edit is not saved, and says so
    await waitFor(() => editor.provider.awareness.getStates().has(viewer.doc.clientID), { what: 'viewer presence' });
    expect(editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user).toEqual({
      id: world.viewer.id,
      name: world.viewer.name,
    });
    // reload from the database: no trace of the viewer's card
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => !server.sync.rooms.has(mapId), { what: 'room unload' });
    const cards = await storedCards(mapId);
    expect([...cards.keys()].sort()).toEqual(['from-editor', 'still-live']);
  });

  it('[RO1][RO2][AW1] a share-link guest reads live, cannot write, and appears as Guest', async () => {
    const mapId = await world.newMap();
    const token = newToken();
    await world.db.insert(shareLinks).values({ mapId, tokenHash: hashToken(token), createdBy: world.owner.id });
    expect((await upgradeStatus(`${server.url}/${mapId}?share=wrong`)).status).toBe(401);
    const editor = client(mapId, world.editor.cookie);
    const guest = client(mapId, undefined, { share: token });
    guest.provider.awareness.setLocalStateField('user', { name: 'The Boss' });
    await synced(editor, guest);
    addCard(editor.doc, 'shared');
    await waitFor(() => guest.doc.getMap('cards').has('shared'), { what: 'live edit at guest' });
    addCard(guest.doc, 'graffiti');
    await waitFor(() => guest.errors.some((e) => e.code === 'read-only'), { what: 'read-only error' });
    await waitFor(() => editor.provider.awareness.getStates().has(guest.doc.clientID), { what: 'guest presence' });
    expect(editor.provider.awareness.getStates().get(guest.doc.clientID)?.user).toEqual({ id: null, name: 'Guest' });
    await waitFor(() => editor.acked === editor.sent, { what: 'editor acks' });
    expect((await storedCards(mapId)).has('graffiti')).toBe(false);
  });

  it('[AK1] every doc-changing frame is acked exactly once, and only once its edit is in the database', async () => {
    const mapId = await world.newMap();
    const c = client(mapId, world.editor.cookie);
    await synced(c);
    const checks: Promise<void>[] = [];
    let ackedSoFar = 0;
    const previous = c.provider.messageHandlers[100];
    c.provider.messageHandlers[100] = (...args) => {
      previous(...args);
      expect(c.acked).toBeLessThanOrEqual(c.sent);
      const newlyAcked = c.frames.slice(ackedSoFar, c.acked).filter((l): l is string => l !== null);
      ackedSoFar = c.acked;
      // the ack arrived: the database must already hold those edits
      checks.push(
        storedCards(mapId).then((cards) => {
          for (const label of newlyAcked) expect(cards.has(label), `${label} stored when acked`).toBe(true);
        }),
      );
    };
    for (let i = 0; i < 25; i++) {
      c.label = `card-${i}`;
      addCard(c.doc, `card-${i}`);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    c.label = null;
    await waitFor(() => c.acked === c.sent, { what: 'all acks' });
    await Promise.all(checks);
    expect(c.sent).toBe(26); // the connect-time sync step 2 and 25 updates
    await new Promise((r) => setTimeout(r, 50));
    expect(c.acked).toBe(26); // and nothing acked twice
  });

  it('[LM1] a frame over 2 MiB closes that connection with 1009; the server keeps serving others', async () => {
    const mapId = await world.newMap();
    const a = client(mapId, world.editor.cookie);
    const b = client(mapId, world.editor2.cookie);
    await synced(a, b);
    const raw = await openRaw(`${server.url}/${mapId}`, { cookie: world.editor.cookie });
    raw.ws.send(new Uint8Array(2 * 1024 * 1024 + 1));
    expect((await raw.closed).code).toBe(1009);
    addCard(a.doc, 'after');
    await waitFor(() => b.doc.getMap('cards').has('after'), { what: 'others still served' });
  });

  it('[LM3] a connection over its message rate gets rate-limited and 1008', async () => {
    const limited = await startSyncServer({ limits: { messagesPerSecond: 5, messageBurst: 10 } });
    try {
      const mapId = await world.newMap();
      const raw = await openRaw(`${limited.url}/${mapId}`, { cookie: world.editor.cookie });
      for (let i = 0; i < 30; i++) if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(encodeQueryAwareness());
      const closed = await raw.closed;
      expect(closed).toEqual({ code: 1008, reason: 'rate limit' });
      const errors = raw.messages.filter((m) => m[0] === MessageType.error).map((m) => decodeError(m).code);
      expect(errors).toEqual(['rate-limited']);
    } finally {
      await limited.close();
    }
  });

  it('[LS3] a room whose load fails closes its sockets with 4500 and stores nothing', async () => {
    const failing = new MemoryMapStore();
    failing.loadGate = deferred();
    const other = await startSyncServer({ store: failing });
    try {
      const mapId = await world.newMap();
      const raw = await openRaw(`${other.url}/${mapId}`, { cookie: world.editor.cookie });
      const doc = new Y.Doc();
      addCard(doc, 'lost');
      raw.ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
      raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
      await waitFor(() => other.sync.rooms.has(mapId), { what: 'room' });
      failing.loadGate.reject(new Error('database unavailable'));
      expect(await raw.closed).toEqual({ code: 4500, reason: 'load failed' });
      expect(raw.messages).toHaveLength(0); // nothing was answered before the load
      expect(failing.calls.append).toBe(0);
      expect(other.sync.rooms.has(mapId)).toBe(false);
      // the next connection gets a new room that loads again
      failing.loadGate = null;
      const again = await openRaw(`${other.url}/${mapId}`, { cookie: world.editor.cookie });
      await waitFor(() => again.messages.length > 0, { what: 'sync step 1' });
      again.ws.close();
    } finally {
      await other.close();
    }
  });

  it('[UL1][CP3][DV1] the room unloads when the last client leaves, with its data stored and compacted', async () => {
    const mapId = await world.newMap();
    const c = client(mapId, world.editor.cookie);
    await synced(c);
    expect(server.sync.rooms.has(mapId)).toBe(true);
    addGrid(c.doc);
    addCard(c.doc, 'kept');
    addCard(c.doc, 'kept-too');
    c.destroy(); // no waiting for acks: the room commits what it accepted before unloading
    await waitFor(() => !server.sync.rooms.has(mapId), { what: 'room unload' });
    await waitFor(async () => (await world.db.select().from(mapSnapshots).where(eq(mapSnapshots.mapId, mapId))).length === 1, {
      what: 'compaction on unload',
    });
    expect(await world.db.select().from(mapUpdates).where(eq(mapUpdates.mapId, mapId))).toHaveLength(0);
    expect([...(await storedCards(mapId)).keys()].sort()).toEqual(['kept', 'kept-too']);
    const [row] = await world.db.select().from(maps).where(eq(maps.id, mapId));
    expect(row.cardCount).toBe(2);
    expect(row.docBytes).toBeGreaterThan(0);
  });

  it('[UL3] close() acks what it accepted, closes sockets with 1001, refuses new upgrades', async () => {
    const own = await startSyncServer();
    const mapId = await world.newMap();
    const c = connectClient(own.url, mapId, { cookie: world.editor.cookie });
    clients.push(c);
    const codes: number[] = [];
    c.provider.on('connection-close', (event) => event && codes.push(event.code));
    await synced(c);
    for (let i = 0; i < 10; i++) {
      c.label = `card-${i}`;
      addCard(c.doc, c.label);
    }
    await new Promise((r) => setTimeout(r, 5));
    await own.sync.close();
    expect(codes).toEqual([1001]);
    expect(c.acked).toBeGreaterThan(1);
    const cards = await storedCards(mapId);
    for (const label of c.ackedLabels()) expect(cards.has(label)).toBe(true);
    expect((await upgradeStatus(`${own.url}/${mapId}`, { cookie: world.editor.cookie })).status).toBe(503);
    c.destroy();
    await own.close();
  });

  it('[PR2][PR3] fuzz: random and mutated frames close only their own connection; honest clients still converge', async () => {
    const mapId = await world.newMap();
    const honestA = client(mapId, world.editor.cookie);
    await synced(honestA);
    addCard(honestA.doc, 'before-fuzz');

    const seedDoc = new Y.Doc();
    addCard(seedDoc, 'seed');
    const update = Y.encodeStateAsUpdate(seedDoc);
    const valid = [
      encodeSyncStep1(Y.encodeStateVector(seedDoc)),
      encodeSyncStep2(update),
      encodeUpdate(update),
      encodeAwareness(encodeAwarenessUpdate([{ clientId: 99, clock: 1, state: { user: { name: 'x' } } }])),
      encodeQueryAwareness(),
    ];
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.nat())
      .map(([frame, flips, cut]) => {
        const copy = frame.slice();
        for (const [at, value] of flips) copy[at % copy.length] = value;
        return cut % 4 === 0 ? copy.slice(0, cut % copy.length) : copy;
      });
    const frames = fc.sample(fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 80 }), mutated), {
      numRuns: 300,
      seed: Number(process.env.SYNC_FUZZ_SEED ?? 42),
    });

    let raw = await openRaw(`${server.url}/${mapId}`, { cookie: world.editor2.cookie });
    let isOpen = true;
    const watch = (r: typeof raw) => void r.closed.then(() => (isOpen = false));
    watch(raw);
    const codes = new Map<number, number>();
    for (const frame of frames) {
      if (!isOpen) {
        const { code } = await raw.closed;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        raw = await openRaw(`${server.url}/${mapId}`, { cookie: world.editor2.cookie });
        isOpen = true;
        watch(raw);
      }
      raw.ws.send(frame);
      // a probe: its answer (or the close) says the server has dealt with the frame
      const answered = raw.messages.length;
      raw.ws.send(encodeQueryAwareness());
      await waitFor(() => !isOpen || raw.messages.length > answered, { interval: 1, what: 'probe answer' });
    }
    raw.ws.close();
    expect([...codes.keys()].every((code) => [1002, 1007].includes(code))).toBe(true);
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(100);

    // the server still runs; two honest providers converge with what survived
    const honestB = client(mapId, world.viewer.cookie);
    const honestC = client(mapId, world.editor.cookie);
    await synced(honestB, honestC);
    addCard(honestC.doc, 'after-fuzz');
    await waitFor(() => sameState(honestA.doc, honestC.doc) && sameState(honestB.doc, honestC.doc), { what: 'convergence after fuzz' });
    expect(honestB.doc.getMap('cards').has('before-fuzz')).toBe(true);
    expect(honestB.doc.getMap('cards').has('after-fuzz')).toBe(true);
    // and what was stored still loads
    await waitFor(() => honestA.acked === honestA.sent && honestC.acked === honestC.sent, { what: 'acks' });
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, (await store.load(mapId))!);
    // what the room integrated is exactly what is stored (parts left pending by a fuzzed frame
    // are neither stored nor shipped: [AK3], [LS4])
    expect(sameState(reloaded, honestC.doc)).toBe(true);
  });
});
