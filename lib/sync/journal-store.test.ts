// The sync server's store with its journal ([JR1]–[JR6]), on PGlite and PostgreSQL: what a room
// appends is answered by load at once, reaches the log merged per map at the fold, survives the
// store being abandoned (a killed process), and a deleted map's updates are dropped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mapUpdates, maps } from '@/db/schema';
import { DB_KINDS, createTestDatabase } from '@/test/db';
import { makeMapRow, makeUser, makeWorkspace } from '@/test/factories';
import { keyUpdate, keysOf } from '@/test/sync/keys';
import { DrizzleMapStore } from './persistence';

describe.each(DB_KINDS)('DrizzleMapStore with a journal on %s', (kind) => {
  let database: Database;
  let workspace: { id: string };
  let dir: string;
  const stores: DrizzleMapStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspace = await makeWorkspace(database.db, await makeUser(database.db));
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-journal-store-'));
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const newMap = async () => (await makeMapRow(database.db, workspace)).id;
  const logRows = async (mapId: string) => database.db.select({ id: mapUpdates.id }).from(mapUpdates).where(eq(mapUpdates.mapId, mapId));
  const journaled = () => {
    const store = new DrizzleMapStore({ db: database.db, journal: { dir, foldIntervalMs: 60_000 } });
    stores.push(store);
    return store;
  };
  const plain = () => new DrizzleMapStore({ db: database.db });
  const journalFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.journal'));

  it('[JR2][JR3] appends are answered by load before the fold, and reach the log as one merged row per map at it', async () => {
    const store = journaled();
    const [a, b] = [await newMap(), await newMap()];
    await store.append(a, [keyUpdate('a1')]);
    await store.append(b, [keyUpdate('b1')]);
    await store.append(a, [keyUpdate('a2'), keyUpdate('a3')]);
    expect(await logRows(a)).toHaveLength(0); // journaled only
    expect(keysOf(await store.load(a))).toEqual(['a1', 'a2', 'a3']);
    expect(keysOf(await store.load(b))).toEqual(['b1']);
    await store.close(); // folds
    expect(await logRows(a)).toHaveLength(1);
    expect(await logRows(b)).toHaveLength(1);
    expect(keysOf(await plain().load(a))).toEqual(['a1', 'a2', 'a3']);
    expect(journalFiles()).toEqual([]);
  });

  it('[JR3] a compaction between appends and the fold loses nothing', async () => {
    const store = journaled();
    const mapId = await newMap();
    await plain().append(mapId, [keyUpdate('logged')]);
    await store.append(mapId, [keyUpdate('journaled')]);
    expect(await store.compact(mapId)).toEqual({ merged: 1 });
    expect(keysOf(await store.load(mapId))).toEqual(['journaled', 'logged']);
    await store.close();
    expect(keysOf(await plain().load(mapId))).toEqual(['journaled', 'logged']);
  });

  it('[JR4] a store opened after a crash folds the journal it finds before answering', async () => {
    const mapId = await newMap();
    const crashed = journaled();
    await crashed.append(mapId, [keyUpdate('x')]);
    await crashed.append(mapId, [keyUpdate('y')]);
    stores.splice(stores.indexOf(crashed), 1); // abandoned: no close, no fold
    const next = journaled();
    expect(keysOf(await next.load(mapId))).toEqual(['x', 'y']);
    expect(await logRows(mapId)).toHaveLength(1); // folded at open, before the load
    expect(journalFiles().map((f) => fs.statSync(path.join(dir, f)).size)).toEqual([0]); // only its own, empty file
    await next.append(mapId, [keyUpdate('z')]);
    expect(keysOf(await next.load(mapId))).toEqual(['x', 'y', 'z']);
  });

  it("[JR6] a map deleted before the fold: its updates are dropped, the other maps' stored", async () => {
    const store = journaled();
    const [gone, kept] = [await newMap(), await newMap()];
    await store.append(gone, [keyUpdate('lost')]);
    await store.append(kept, [keyUpdate('kept')]);
    await database.db.delete(maps).where(eq(maps.id, gone));
    await store.close(); // does not throw: nothing is left to retry
    expect(keysOf(await plain().load(kept))).toEqual(['kept']);
    expect(await plain().load(gone)).toBeNull();
    expect(journalFiles()).toEqual([]);
  });
});
