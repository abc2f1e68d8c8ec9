// Property: random concurrent edits from 3–5 stock providers, with random disconnects and
// reconnects, end with every client equal to every other and to a cold load from the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { DrizzleMapStore } from '@/lib/sync/persistence';
import { DB_KINDS } from '@/test/db';
import {
  addCard,
  connectClient,
  makeWorld,
  sameState,
  startSyncServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers';

const OPS = ['add', 'add', 'type', 'type', 'erase', 'delete', 'disconnect', 'reconnect', 'wait'] as const;
type Op = { who: number; op: (typeof OPS)[number]; n: number };

function apply(client: TestClient, { op, n }: Op): Promise<void> | void {
  const cards = client.doc.getMap<Y.Map<unknown>>('cards');
  const ids = [...cards.keys()].sort();
  const pick = () => (ids.length ? cards.get(ids[n % ids.length]) : undefined);
  switch (op) {
    case 'add':
      return addCard(client.doc, `card-${n % 12}`, `t${n}`); // ids collide across clients on purpose
    case 'type': {
      const text = pick()?.get('text');
      if (text instanceof Y.Text) text.insert(n % (text.length + 1), String.fromCharCode(97 + (n % 26)));
      return;
    }
    case 'erase': {
      const text = pick()?.get('text');
      if (text instanceof Y.Text && text.length > 0) text.delete(n % text.length, 1);
      return;
    }
    case 'delete':
      if (ids.length) cards.delete(ids[n % ids.length]);
      return;
    case 'disconnect':
      return client.provider.disconnect();
    case 'reconnect':
      return client.provider.connect();
    case 'wait':
      return new Promise((r) => setTimeout(r, n % 15));
  }
}

describe.each(DB_KINDS)('convergence on %s', (kind) => {
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let server: TestServer;
  let store: DrizzleMapStore;

  beforeAll(async () => {
    world = await makeWorld(kind);
    // compact often, so runs also cover compaction racing appends and loads
    // Every room answers from the stored bytes ([LS5]), whatever the map's size: reloads abound here.
    server = await startSyncServer({ tuning: { compactAfterRows: 5, derivedDebounceMs: 20, answerFromStoreAboveBytes: 0 } });
    store = new DrizzleMapStore({ db: world.db });
  });
  afterAll(async () => {
    await server?.close();
    await world?.close();
  });

  const coldLoad = async (mapId: string) => {
    const doc = new Y.Doc();
    const data = await store.load(mapId);
    if (data) Y.applyUpdate(doc, data);
    return doc;
  };

  it('[AK1][PS2][CP1] random edits, disconnects and reconnects converge, and equal a cold load from the database', async () => {
    const cookies = [world.editor.cookie, world.editor2.cookie, world.owner.cookie, world.editor.cookie, world.editor2.cookie];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.record({ who: fc.nat(4), op: fc.constantFrom(...OPS), n: fc.nat(10_000) }), { minLength: 10, maxLength: 40 }),
        async (count, ops) => {
          const mapId = await world.newMap();
          const clients = cookies.slice(0, count).map((cookie) => connectClient(server.url, mapId, { cookie }));
          try {
            await synced(...clients);
            for (const op of ops) {
              await apply(clients[op.who % count], op);
              if (op.n % 3 === 0) await new Promise((r) => setImmediate(r));
            }
            for (const c of clients) c.provider.connect();
            await waitFor(() => clients.every((c) => c.settled() && sameState(c.doc, clients[0].doc)), {
              timeout: 15_000,
              what: 'clients to converge with every frame acked',
            });
            // every client's state is acked, so the database holds it
            expect(sameState(await coldLoad(mapId), clients[0].doc)).toBe(true);
          } finally {
            for (const c of clients) c.destroy();
          }
          // and after the room unloaded (final compaction) too
          await waitFor(() => !server.sync.rooms.has(mapId), { what: 'room unload' });
          const expected = new Y.Doc();
          Y.applyUpdate(expected, Y.encodeStateAsUpdate(clients[0].doc));
          await waitFor(async () => sameState(await coldLoad(mapId), expected), { what: 'cold load after unload' });
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 6), seed: Number(process.env.SYNC_PROPERTY_SEED ?? 7) },
    );
  }, 120_000);
});
