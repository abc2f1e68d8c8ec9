// The storage contract of the sync server and its Drizzle implementation (PGlite and PostgreSQL,
// one code path). The sync server reaches the database only through here (SPEC [PS1]–[CP4]).
import { asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { getDb, rowsOf, type Db } from '@/db/client';
import { mapSnapshots, mapUpdates, maps } from '@/db/schema';
import { mapStats, type MapStats } from '@/lib/map';

export interface MapStore {
  /** Snapshot and every logged update of the map, combined; null when nothing was ever stored. */
  load(mapId: string): Promise<Uint8Array | null>;
  /** Appends the updates in one transaction: all of them are durable when this resolves. */
  append(mapId: string, updates: Uint8Array[]): Promise<void>;
  /** Folds the log into the snapshot, deleting exactly the rows it folded in. */
  compact(mapId: string): Promise<{ merged: number }>;
  /**
   * Writes the map's derived counters (dashboard) from the document, with `updatedAt` = now: call
   * it after the content changed. Answers the encoded document size it measured.
   */
  refreshDerived(mapId: string, doc: Y.Doc): Promise<{ docBytes: number }>;
}

/** What `maps` keeps of a document for lists and dashboards. */
export type DerivedCounts = Pick<MapStats, 'cards' | 'painPoints' | 'painPointsWithoutOwner' | 'opportunities'>;

/**
 * Stored parts (snapshot first, then log rows in commit order) folded into one update by applying
 * them in order to a scratch document and encoding it ([CP1], [PS2]). Unlike `Y.mergeUpdates`,
 * deleted content is garbage-collected (smaller snapshots), and two different contents for one
 * item id (rows from a buggy writer) resolve as the room resolved them: first integrated wins.
 */
export function replayUpdates(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const doc = new Y.Doc();
  try {
    for (const part of parts) {
      Y.applyUpdate(doc, part);
      retryPending(doc, null);
    }
    return Y.encodeStateAsUpdate(doc); // includes the pending part
  } finally {
    doc.destroy();
  }
}

/**
 * Yjs retries pending structs only when a missing clock of theirs arrives; structs that wait on
 * each other (pending from different updates) would wait forever, while the same bytes applied
 * in one go integrate. Re-applying the pending part as a whole settles it the way a fresh
 * document would. Whatever still misses a dependency goes back to pending.
 */
export function retryPending(doc: Y.Doc, origin: unknown): void {
  const pending = doc.store.pendingStructs;
  if (!pending) return;
  doc.store.pendingStructs = null;
  Y.applyUpdateV2(doc, pending.update, origin);
}

/** Two-key advisory lock namespace, so map locks never collide with the migration lock. */
const COMPACTION_LOCK_NAMESPACE = 7_428_002;
/** Rows merged per compaction transaction (bounded memory and statement size). */
const COMPACTION_CHUNK = 5_000;

export interface DrizzleMapStoreOptions {
  /** The database; default: the process's (`getDb()`), looked up on every call. */
  db?: Db | (() => Promise<Db>);
  /** Default: `mapStats` from lib/map (the cards the map shows). */
  counts?: (doc: Y.Doc) => DerivedCounts;
  /**
   * Test seam: runs inside each compaction transaction, after the rows were read and before they
   * are deleted (the contract suite appends from here to prove [CP1]).
   */
  onCompactionRead?: (mapId: string, ids: number[]) => Promise<void> | void;
}

export class DrizzleMapStore implements MapStore {
  private readonly db: () => Promise<Db>;
  private readonly counts: (doc: Y.Doc) => DerivedCounts;
  private readonly onCompactionRead?: DrizzleMapStoreOptions['onCompactionRead'];

  constructor(options: DrizzleMapStoreOptions = {}) {
    this.onCompactionRead = options.onCompactionRead;
    const db = options.db ?? getDb;
    this.db = typeof db === 'function' ? db : async () => db;
    this.counts = options.counts ?? mapStats;
  }

  async load(mapId: string): Promise<Uint8Array | null> {
    const db = await this.db();
    // One statement: it sees one consistent state, so a compaction committing meanwhile cannot
    // make rows vanish between reading the snapshot and reading the log ([PS2]).
    const result = await db.execute(sql`
      select data, 0 as part, 0::bigint as seq from ${mapSnapshots} where ${mapSnapshots.mapId} = ${mapId}
      union all
      select data, 1 as part, id as seq from ${mapUpdates} where ${mapUpdates.mapId} = ${mapId}
      order by part, seq`);
    const parts = rowsOf<{ data: Uint8Array }>(result).map((row) => toBytes(row.data));
    if (parts.length === 0) return null;
    return replayUpdates(parts);
  }

  async append(mapId: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const db = await this.db();
    // One INSERT statement is one transaction: all rows or none.
    await db.insert(mapUpdates).values(updates.map((data) => ({ mapId, data })));
  }

  async compact(mapId: string): Promise<{ merged: number }> {
    let merged = 0;
    for (;;) {
      const n = await this.compactChunk(mapId);
      merged += n;
      if (n < COMPACTION_CHUNK) return { merged };
    }
  }

  private async compactChunk(mapId: string): Promise<number> {
    const db = await this.db();
    return db.transaction(async (tx) => {
      // Serialises compactions of one map across connections and processes ([CP2]).
      await tx.execute(sql`select pg_advisory_xact_lock(${COMPACTION_LOCK_NAMESPACE}, hashtext(${mapId}))`);
      const rows = await tx
        .select({ id: mapUpdates.id, data: mapUpdates.data })
        .from(mapUpdates)
        .where(eq(mapUpdates.mapId, mapId))
        .orderBy(asc(mapUpdates.id))
        .limit(COMPACTION_CHUNK);
      if (rows.length === 0) return 0;
      const [snapshot] = await tx.select({ data: mapSnapshots.data }).from(mapSnapshots).where(eq(mapSnapshots.mapId, mapId));
      const parts = rows.map((row) => toBytes(row.data));
      if (snapshot) parts.unshift(toBytes(snapshot.data));
      const data = replayUpdates(parts);
      await this.onCompactionRead?.(
        mapId,
        rows.map((row) => row.id),
      );
      await tx
        .insert(mapSnapshots)
        .values({ mapId, data })
        .onConflictDoUpdate({ target: mapSnapshots.mapId, set: { data, updatedAt: sql`now()` } });
      // Exactly the rows merged above, never "everything up to now": rows appended meanwhile
      // stay in the log for the next compaction ([CP1]).
      await tx.delete(mapUpdates).where(
        inArray(
          mapUpdates.id,
          rows.map((row) => row.id),
        ),
      );
      return rows.length;
    });
  }

  async refreshDerived(mapId: string, doc: Y.Doc): Promise<{ docBytes: number }> {
    const counts = this.counts(doc);
    const docBytes = Y.encodeStateAsUpdate(doc).byteLength;
    const db = await this.db();
    await db
      .update(maps)
      .set({
        cardCount: counts.cards,
        painPointCount: counts.painPoints,
        unownedPainPointCount: counts.painPointsWithoutOwner,
        opportunityCount: counts.opportunities,
        docBytes,
        updatedAt: sql`now()`,
      })
      .where(eq(maps.id, mapId));
    return { docBytes };
  }
}

/** The default store: the process's database. */
export function drizzleMapStore(options: DrizzleMapStoreOptions = {}): MapStore {
  return new DrizzleMapStore(options);
}

/** bytea arrives as a Buffer (postgres.js) or a Uint8Array (PGlite); Yjs wants a plain view. */
function toBytes(value: Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike);
}
