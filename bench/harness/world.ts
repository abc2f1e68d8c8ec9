// What the benchmark runs against: a database (a PGlite folder or a fresh PostgreSQL database),
// real users, a workspace, maps with their first document stored as a snapshot (the way
// lib/services/maps.ts createMap stores it), and session cookies as next-auth would set them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import * as Y from 'yjs';
import { openDatabase, type Database, type Db } from '@/db/client';
import { inArray } from 'drizzle-orm';
import { mapSnapshots, mapUpdates } from '@/db/schema';
import { addCard, seedFromTemplate, sortedLanes, sortedStages } from '@/lib/map';
import { makeMapRow, makeMember, makeUser, makeWorkspace, sessionCookie, useTestSecret as setTestSecret } from '@/test/factories';

export type BenchDbKind = 'pglite' | 'postgres';

/** Where the Lintas server keeps its data during the run, and how to open it from the bench. */
export interface BenchStorage {
  kind: BenchDbKind;
  /** Env for the server child. */
  serverEnv: Record<string, string>;
  /** Opens the database in the bench process (PGlite: only while no server holds the folder). */
  open(): Promise<Database>;
  /** PostgreSQL: the pids of the server processes serving this database (backends); PGlite: []. */
  backendPids(): Promise<number[]>;
  /** Removes the database (PostgreSQL: drop; PGlite: delete the folder). */
  destroy(): Promise<void>;
  describe: string;
}

export async function createStorage(kind: BenchDbKind): Promise<BenchStorage> {
  if (kind === 'pglite') {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-bench-'));
    const dataDir = path.join(root, 'data');
    return {
      kind,
      serverEnv: { BENCH_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      backendPids: async () => [],
      destroy: async () => fs.rmSync(root, { recursive: true, force: true }),
      describe: `PGlite folder ${dataDir}`,
    };
  }
  const base = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const host = new URL(base).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`BENCH_DATABASE_URL must point at 127.0.0.1 (got ${host})`);
  const name = `lintas_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    kind,
    serverEnv: { BENCH_DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString() }),
    backendPids: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        const rows = await a<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
        return rows.map((r) => r.pid);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
    destroy: async () => {
      if (dropped) return;
      dropped = true;
      const a = postgres(base, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
    describe: `PostgreSQL database ${name} on ${url.host}`,
  };
}

export interface Editor {
  id: string;
  name: string;
  cookie: string;
}

export interface MapDoc {
  /** The stored first state (snapshot). */
  state: Uint8Array;
  /** The added cards' ids: editor k of a map types into cardIds[k]. */
  cardIds: string[];
}

export interface World {
  editors: Editor[];
  /** Maps for the edit workload (D), each starting from `editDoc`. */
  editMaps: string[];
  /** Maps for the idle-connection memory measurement, each starting from `editDoc`. */
  idleMaps: string[];
  /** The big map, starting from `bigDoc`. */
  bigMap: string;
  editDoc: MapDoc;
  bigDoc: MapDoc;
  /** Cards in the big map (template examples included). */
  bigCards: number;
}

/**
 * A B2C template map grown to `cards` cards in total (the template's examples included, at
 * least the template's examples plus `minExtra`) with cards spread over every stage × lane cell, each added
 * with lib/map's addCard. Cards are added in chunks of 100 by separate peers (addCard scans the
 * cell, so one peer adding 5,000 would take O(n²)), merged and re-encoded as one snapshot, as a
 * compaction would store it.
 */
export function buildMapDoc(cards: number, createdBy: string, textOf: (i: number) => string, minExtra = 0): MapDoc {
  const base = new Y.Doc();
  seedFromTemplate(base, 'b2c', 'en', { title: 'Bench map', createdBy });
  const extra = Math.max(minExtra, cards - base.getMap('cards').size);
  const seed = Y.encodeStateAsUpdate(base);
  const stages = sortedStages(base);
  const lanes = sortedLanes(base).filter((l) => l.kind !== 'emotions');
  const cardIds: string[] = [];
  const CHUNK = 100;
  for (let from = 0; from < extra; from += CHUNK) {
    const peer = new Y.Doc();
    Y.applyUpdate(peer, seed);
    const sv = Y.encodeStateVector(peer);
    peer.transact(() => {
      for (let i = from; i < Math.min(extra, from + CHUNK); i++) {
        const stage = stages[i % stages.length];
        const lane = lanes[Math.floor(i / stages.length) % lanes.length];
        cardIds.push(addCard(peer, { laneId: lane.id, stageId: stage.id, text: textOf(i), createdBy }));
      }
    });
    Y.applyUpdate(base, Y.encodeStateAsUpdate(peer, sv));
    peer.destroy();
  }
  const state = Y.encodeStateAsUpdate(base);
  base.destroy();
  return { state, cardIds };
}

/** The number of cards in a stored document. */
export function cardCount(state: Uint8Array): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const n = doc.getMap('cards').size;
  doc.destroy();
  return n;
}

export interface WorldSize {
  maps: number;
  editorsPerMap: number;
  idleMaps: number;
  bigCards: number;
}

export async function createWorld(db: Db, size: WorldSize): Promise<World> {
  setTestSecret();
  const owner = await makeUser(db, { name: 'Bench Owner' });
  const workspace = await makeWorkspace(db, owner);
  const editors: Editor[] = [];
  for (let k = 0; k < size.editorsPerMap; k++) {
    const user = await makeMember(db, workspace, 'editor');
    editors.push({ id: user.id, name: user.name, cookie: await sessionCookie(user) });
  }
  const editDoc = buildMapDoc(0, owner.id, (k) => `Editor ${k} types here.`, size.editorsPerMap);
  const bigDoc = buildMapDoc(size.bigCards, owner.id, (i) => `Card ${i}: customers compare prices across marketplaces`);
  const newMap = async (state: Uint8Array, cards: number) => {
    const row = await makeMapRow(db, workspace, { template: 'b2c', createdBy: owner.id, cardCount: cards, docBytes: state.byteLength });
    await db.insert(mapSnapshots).values({ mapId: row.id, data: state });
    return row.id;
  };
  const editCards = cardCount(editDoc.state);
  const bigCards = cardCount(bigDoc.state);
  const editMaps: string[] = [];
  for (let i = 0; i < size.maps; i++) editMaps.push(await newMap(editDoc.state, editCards));
  const idleMaps: string[] = [];
  for (let i = 0; i < size.idleMaps; i++) idleMaps.push(await newMap(editDoc.state, editCards));
  const bigMap = await newMap(bigDoc.state, bigCards);
  return { editors, editMaps, idleMaps, bigMap, editDoc, bigDoc, bigCards };
}

/**
 * Puts every edit map back to its first document (`editDoc`), as the reference server starts each
 * round: in memory, with only what its editors bring. Without this, each Lintas round served the
 * edits of every earlier phase and round as well, and a Yjs update costs more to apply (on the
 * server and in every editor) the longer the document's history: both servers must serve the same
 * document for their windows to compare.
 */
export async function resetEditMaps(db: Db, world: World): Promise<void> {
  const ids = world.editMaps;
  await db.transaction(async (tx) => {
    await tx.delete(mapUpdates).where(inArray(mapUpdates.mapId, ids));
    await tx.update(mapSnapshots).set({ data: world.editDoc.state, updatedAt: new Date() }).where(inArray(mapSnapshots.mapId, ids));
  });
}
