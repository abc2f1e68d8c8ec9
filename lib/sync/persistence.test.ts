// The storage contract, one suite for every backend (PGlite always; PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import * as Y from 'yjs';
import { executeRaw, type Database } from '@/db/client';
import { mapSnapshots, mapUpdates, maps } from '@/db/schema';
import { DB_KINDS, createTestDatabase } from '@/test/db';
import { makeMapRow, makeUser, makeWorkspace } from '@/test/factories';
import { mapStats } from '@/lib/map';
import { keyUpdate, keysOf } from '@/test/sync/keys';
import { DrizzleMapStore, replayUpdates } from './persistence';
import { replayOffThread, replayThreadUsed, stopReplayThread } from './replay-thread';

const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe.each(DB_KINDS)('MapStore contract on %s', (kind) => {
  let database: Database;
  let workspace: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const owner = await makeUser(database.db);
    workspace = await makeWorkspace(database.db, owner);
  });
  afterAll(async () => {
    await stopReplayThread();
    await database?.close();
  });

  const newMap = async () => (await makeMapRow(database.db, workspace)).id;
  const logRows = async (mapId: string) => database.db.select({ id: mapUpdates.id }).from(mapUpdates).where(eq(mapUpdates.mapId, mapId));

  it('[PS1] load of a map with nothing stored is null', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    expect(await store.load(await newMap())).toBeNull();
  });

  it('[PS1] append then load returns the merge of everything appended', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    await store.append(mapId, [keyUpdate('a')]);
    expect(keysOf(await store.load(mapId))).toEqual(['a']);
    await store.append(mapId, [keyUpdate('b'), keyUpdate('c')]);
    await store.append(mapId, []);
    expect(keysOf(await store.load(mapId))).toEqual(['a', 'b', 'c']);
    expect(await logRows(mapId)).toHaveLength(3);
  });

  it('[PS1] an append that fails stores none of its updates', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(store.append(missing, [keyUpdate('x'), keyUpdate('y')])).rejects.toThrow();
    expect(await store.load(missing)).toBeNull();
    // and the store keeps working
    await store.append(mapId, [keyUpdate('z')]);
    expect(keysOf(await store.load(mapId))).toEqual(['z']);
  });

  it('[CP4] loadParts answers the snapshot first, then the log rows in commit order, byte for byte', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    expect(await store.loadParts(mapId)).toEqual([]);
    const big = new Y.Doc();
    for (const key of range(2000, 'big')) big.getMap('k').set(key, 'x'.repeat(40)); // a snapshot of ~100 KiB
    const snapshot = Y.encodeStateAsUpdate(big);
    await database.db.insert(mapSnapshots).values({ mapId, data: snapshot });
    const rows = [keyUpdate('r1'), keyUpdate('r2'), keyUpdate('r3')];
    for (const row of rows) await store.append(mapId, [row]);
    const parts = await store.loadParts(mapId);
    expect(parts.map((p) => Buffer.from(p).toString('hex'))).toEqual([snapshot, ...rows].map((p) => Buffer.from(p).toString('hex')));
    expect(parts.every((p) => p instanceof Uint8Array && p.byteOffset === 0 && p.byteLength === p.buffer.byteLength)).toBe(true);
  });

  it('[AK7] appends of many maps at once all commit (grouped), and a map that fails fails alone', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapIds = await Promise.all(range(20, 'm').map(() => newMap()));
    const missing = '00000000-0000-4000-8000-000000000001';
    const results = await Promise.allSettled([
      ...mapIds.flatMap((mapId, i) => [store.append(mapId, [keyUpdate(`first${i}`)]), store.append(mapId, [keyUpdate(`second${i}`)])]),
      store.append(missing, [keyUpdate('nowhere')]),
    ]);
    expect(results.slice(0, -1).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.at(-1)?.status).toBe('rejected');
    for (const [i, mapId] of mapIds.entries()) expect(keysOf(await store.load(mapId))).toEqual([`first${i}`, `second${i}`]);
    expect(await store.load(missing)).toBeNull();
  });

  it('[CP1] compaction merges the log into the snapshot and deletes the rows it merged', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    const keys = range(30, 'k');
    for (const key of keys) await store.append(mapId, [keyUpdate(key)]);
    expect(await store.compact(mapId)).toEqual({ merged: 30 });
    expect(await logRows(mapId)).toHaveLength(0);
    const [snapshot] = await database.db.select().from(mapSnapshots).where(eq(mapSnapshots.mapId, mapId));
    expect(keysOf(snapshot.data)).toEqual(keys);
    expect(keysOf(await store.load(mapId))).toEqual(keys);
    // a second compaction merges the snapshot with the new rows
    await store.append(mapId, [keyUpdate('late')]);
    expect(await store.compact(mapId)).toEqual({ merged: 1 });
    expect(await store.compact(mapId)).toEqual({ merged: 0 });
    expect(keysOf(await store.load(mapId))).toEqual([...keys, 'late']);
  });

  it('[CP1] a compaction lets the event loop take turns between its steps', async () => {
    const store = new DrizzleMapStore({ db: database.db, replay: async (parts) => replayUpdates([...parts]) });
    const mapId = await newMap();
    for (const key of range(50, 'turn')) await store.append(mapId, [keyUpdate(key)]);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const compaction = store.compact(mapId);
    // Each turn of the loop runs `count` once: a compaction in one block (PGlite runs statements
    // synchronously, in microtasks) would let it run at most once or twice before it ends.
    expect(await compaction).toEqual({ merged: 50 });
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(keysOf(await store.load(mapId))).toEqual(range(50, 'turn'));
  });

  it('[CP5] a compaction folded on the replay thread stores the fold of exactly what it read', async () => {
    const store = new DrizzleMapStore({ db: database.db, replay: (parts) => replayOffThread(parts, 0) });
    const mapId = await newMap();
    for (const key of range(40, 'k')) await store.append(mapId, [keyUpdate(key)]);
    const expected = replayUpdates(await store.loadParts(mapId));
    const used = replayThreadUsed();
    expect(await store.compact(mapId)).toEqual({ merged: 40 });
    expect(replayThreadUsed()).toBe(used + 1);
    expect(await logRows(mapId)).toHaveLength(0);
    const [snapshot] = await database.db.select().from(mapSnapshots).where(eq(mapSnapshots.mapId, mapId));
    expect(Buffer.from(snapshot.data).equals(Buffer.from(expected))).toBe(true);
    expect(keysOf(snapshot.data)).toEqual(range(40, 'k'));
  });

  it('[CP1] rows appended while a compaction runs are not deleted by it', async () => {
    const base = new DrizzleMapStore({ db: database.db });
    const appended: Promise<void>[] = [];
    let round = 0;
    const store = new DrizzleMapStore({
      db: database.db,
      onCompactionRead: async (mapId) => {
        // Inside the compaction transaction, after it read the log. On PostgreSQL the append
        // commits on another connection right now; PGlite has one connection, so it queues
        // behind the transaction (awaiting it here would deadlock).
        const p = base.append(mapId, [keyUpdate(`during${round++}`)]);
        appended.push(p);
        if (kind === 'postgres') await p;
      },
    });
    const mapId = await newMap();
    await base.append(mapId, [keyUpdate('before1'), keyUpdate('before2')]);
    expect(await store.compact(mapId)).toEqual({ merged: 2 });
    await Promise.all(appended);
    const left = await logRows(mapId);
    expect(left).toHaveLength(1); // the row appended during compaction survived
    expect(keysOf(await base.load(mapId))).toEqual(['before1', 'before2', 'during0']);
  });

  it('[CP2][PS2] concurrent appends, compactions and loads lose nothing', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    const keys = range(60, 'c');
    const ops: Promise<unknown>[] = [];
    const loads: Promise<Uint8Array | null>[] = [];
    for (const [i, key] of keys.entries()) {
      ops.push(store.append(mapId, [keyUpdate(key)]));
      if (i % 7 === 3) ops.push(store.compact(mapId));
      if (i % 11 === 5) loads.push(store.load(mapId));
      if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve)); // let grouped appends go out
    }
    await Promise.all(ops);
    // Appends commit in order, so every load saw exactly a prefix of them: no row vanished
    // between snapshot and log, none was seen twice or out of order.
    const seen = (await Promise.all(loads)).map(keysOf);
    for (const keysSeen of seen) expect(keysSeen).toEqual(keys.slice(0, keysSeen.length));
    expect(seen.some((k) => k.length > 0 && k.length < keys.length)).toBe(true); // some loads ran mid-stream
    expect(keysOf(await store.load(mapId))).toEqual(keys);
    await store.compact(mapId);
    expect(await logRows(mapId)).toHaveLength(0);
    expect(keysOf(await store.load(mapId))).toEqual(keys);
  });

  // Registered only on PostgreSQL (a second session is a second connection; PGlite has one).
  if (kind === 'postgres')
    it('[CP2] a compaction waits for the map lock held by another session', async () => {
      const store = new DrizzleMapStore({ db: database.db });
      const mapId = await newMap();
      await store.append(mapId, [keyUpdate('a')]);
      const url = (await database.db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
      const other = new URL(process.env.TEST_DATABASE_URL!);
      other.pathname = `/${url[0].name}`;
      const session = postgres(other.toString(), { max: 1, onnotice: () => {} });
      try {
        await session`select pg_advisory_lock(7428002, hashtext(${mapId}))`;
        let done = false;
        const compaction = store.compact(mapId).then((r) => ((done = true), r));
        await new Promise((r) => setTimeout(r, 300));
        expect(done).toBe(false);
        await session`select pg_advisory_unlock(7428002, hashtext(${mapId}))`;
        expect(await compaction).toEqual({ merged: 1 });
      } finally {
        await session.end();
      }
    });

  it('[DV1] refreshes of many maps at once share statements, and each map gets its own counters', async () => {
    const store = new DrizzleMapStore({
      db: database.db,
      counts: (doc) => ({ cards: doc.getMap('k').size, painPoints: 1, painPointsWithoutOwner: 0, opportunities: 2 }),
    });
    const mapIds = await Promise.all(range(12, 'd').map(() => newMap()));
    const docs = mapIds.map((_, i) => {
      const doc = new Y.Doc();
      for (let k = 0; k <= i; k++) doc.getMap('k').set(`key${k}`, k);
      return doc;
    });
    await Promise.all(mapIds.map((mapId, i) => store.refreshDerived(mapId, docs[i])));
    // the same map twice in one batch: the later counters win
    const again = new Y.Doc();
    again.getMap('k').set('only', 1);
    await Promise.all([store.refreshDerived(mapIds[0], docs[5]), store.refreshDerived(mapIds[0], again)]);
    const rows = await database.db.select().from(maps).where(inArray(maps.id, mapIds));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(mapIds[0])).toMatchObject({ cardCount: 1, docBytes: Y.encodeStateAsUpdate(again).byteLength });
    for (let i = 1; i < mapIds.length; i++) {
      expect(byId.get(mapIds[i])).toMatchObject({
        cardCount: i + 1,
        painPointCount: 1,
        opportunityCount: 2,
        docBytes: Y.encodeStateAsUpdate(docs[i]).byteLength,
      });
    }
  });

  it('[DV1] refreshDerived writes the counters, the document size and updatedAt', async () => {
    const store = new DrizzleMapStore({ db: database.db });
    const mapId = await newMap();
    const [before] = await database.db.select().from(maps).where(eq(maps.id, mapId));
    const doc = new Y.Doc();
    doc.getMap('stages').set('s1', new Y.Map<unknown>([['name', 'Aware']]));
    const lanes = doc.getMap('lanes');
    const lane = (kind: string) => new Y.Map<unknown>([['kind', kind]]);
    lanes.set('lp', lane('painpoints'));
    lanes.set('lo', lane('opportunities'));
    lanes.set('la', lane('actions'));
    const cards = doc.getMap('cards');
    const card = (laneId: string, department?: string) => {
      const m = new Y.Map<unknown>([
        ['laneId', laneId],
        ['stageId', 's1'],
      ]);
      if (department) m.set('department', department);
      return m;
    };
    cards.set('c1', card('lp'));
    cards.set('c2', card('lp', 'dep1'));
    cards.set('c3', card('lo'));
    cards.set('c4', card('la'));
    cards.set('orphan', card('no-such-lane')); // not shown on the map: not counted
    expect(mapStats(doc)).toMatchObject({ cards: 4, painPoints: 2, painPointsWithoutOwner: 1, opportunities: 1 });
    await new Promise((r) => setTimeout(r, 5));
    const { docBytes } = await store.refreshDerived(mapId, doc);
    const [after] = await database.db.select().from(maps).where(eq(maps.id, mapId));
    expect(after).toMatchObject({
      cardCount: 4,
      painPointCount: 2,
      unownedPainPointCount: 1,
      opportunityCount: 1,
      docBytes: Y.encodeStateAsUpdate(doc).byteLength,
    });
    expect(docBytes).toBe(after.docBytes);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // [DV2] a size the caller knows is written as given, without encoding the document
    expect(await store.refreshDerived(mapId, doc, 12_345)).toEqual({ docBytes: 12_345 });
    const [given] = await database.db.select().from(maps).where(eq(maps.id, mapId));
    expect(given).toMatchObject({ cardCount: 4, docBytes: 12_345 });
  });
});

describe('MapStore on PGlite, which runs no autovacuum', () => {
  it('[CP6] compactions vacuum the log every vacuumEvery times, so its deleted rows do not pile up on disk', async () => {
    const database = await createTestDatabase('pglite');
    try {
      const owner = await makeUser(database.db);
      const mapId = (await makeMapRow(database.db, await makeWorkspace(database.db, owner))).id;
      const heapBytes = async () =>
        Number((await executeRaw<{ n: string }>(database.db, "select pg_relation_size('map_updates') as n", []))[0].n);
      const cycles = async (store: DrizzleMapStore, n: number) => {
        for (let i = 0; i < n; i++) {
          await store.append(mapId, range(400, `c${i}-`).map(keyUpdate));
          expect(await store.compact(mapId)).toEqual({ merged: 400 });
        }
      };
      const vacuuming = new DrizzleMapStore({ db: database.db, vacuumEvery: 2 });
      await cycles(vacuuming, 8); // a vacuum after every second compaction, the last one just now
      const withVacuum = await heapBytes();
      const never = new DrizzleMapStore({ db: database.db, vacuumEvery: Number.POSITIVE_INFINITY });
      await cycles(never, 8);
      const without = await heapBytes();
      // Without it, every compaction's deleted rows stay on disk: 8 cycles' worth, at least 4× more.
      expect(without).toBeGreaterThan(0);
      expect(without).toBeGreaterThan(withVacuum * 4);
      expect(keysOf(await never.load(mapId))).toHaveLength(400 * 8); // both stores wrote the same 8 × 400 keys; nothing lost
    } finally {
      await database.close();
    }
  });
});
