// The storage contract of the sync server and its Drizzle implementation (PGlite and PostgreSQL,
// one code path). The sync server reaches the database only through here (SPEC [PS1]–[CP4]).
import { asc, eq, sql, type AnyColumn } from 'drizzle-orm';
import * as Y from 'yjs';
import {
  executePrepared,
  getDatabase,
  getDb,
  ownBytes,
  pgArrayLiteral,
  readByteaRows,
  uuidLiteral,
  vacuumIfEmbedded,
  type Db,
  type PreparedStatement,
} from '@/db/client';
import { logger as rootLogger } from '@/lib/log';
import { mapSnapshots, mapUpdates } from '@/db/schema';
import { mapStats, type MapStats } from '@/lib/map';
import { GroupCommit, type Keyed, type QueuedAppend } from './group-commit';
import { UpdateJournal } from './journal';
import { replayUpdates } from './replay.mjs';
import { replayOffThread } from './replay-thread';

export interface MapStore {
  /** Snapshot and every logged update of the map, combined; null when nothing was ever stored. */
  load(mapId: string): Promise<Uint8Array | null>;
  /**
   * What `load` combines, as stored and in one consistent read: the snapshot (if any) first, then
   * the log rows in commit order; empty when nothing was ever stored ([CP4]).
   */
  loadParts(mapId: string): Promise<Uint8Array[]>;
  /** Appends the updates in one transaction: all of them are durable when this resolves. */
  append(mapId: string, updates: Uint8Array[]): Promise<void>;
  /** Folds the log into the snapshot, deleting exactly the rows it folded in. */
  compact(mapId: string): Promise<{ merged: number }>;
  /**
   * Writes the map's derived counters (dashboard) from the document, with `updatedAt` = now: call
   * it after the content changed. `docBytes`: the document's size if the caller knows it well
   * enough; otherwise the store measures it (encodes the document). Answers the size it wrote.
   */
  refreshDerived(mapId: string, doc: Y.Doc, docBytes?: number): Promise<{ docBytes: number }>;
  /** Writes out what it holds (the journal, [JR5]) and releases it; the store is not used after. */
  close?(): Promise<void>;
}

/** What `maps` keeps of a document for lists and dashboards. */
export type DerivedCounts = Pick<MapStats, 'cards' | 'painPoints' | 'painPointsWithoutOwner' | 'opportunities'>;

// The fold of stored parts and the pending-struct retry live in plain JavaScript, so that the
// replay thread runs the same code ([CP1], [CP5]).
export { replayUpdates, retryPending } from './replay.mjs';

const log = rootLogger.child({ module: 'sync' });

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
  /**
   * How compaction folds the parts ([CP5]); default: on the replay thread when they total 256 KiB
   * or more, here otherwise.
   */
  replay?: (parts: readonly Uint8Array[]) => Promise<Uint8Array>;
  /**
   * [CP6] On PGlite (no autovacuum), VACUUM the log after this many compactions that merged rows
   * (default 25: ~25,000 dead rows, a few ms). PostgreSQL's autovacuum does it there.
   */
  vacuumEvery?: number;
  /**
   * [JR1] Journal appends in this folder and fold them into the log (PGlite). Default: with the
   * process's database (no `db` given), its `journalDir`; with a given `db`, none. null: none.
   */
  journal?: { dir: string; foldIntervalMs?: number } | null;
}

/** [AK7] The rows of every map in the batch; ids in array order (`with ordinality`). */
const APPEND_ROWS: PreparedStatement = {
  name: 'lintas_append_updates',
  text: `insert into map_updates (map_id, data)
    select m, decode(d, 'base64') from unnest($1::uuid[], $2::text[]) with ordinality as t(m, d, n)
    order by n`,
  types: ['uuid[]', 'text[]'],
};

/** [DV1] The counters of every map in the batch, `updatedAt` = now. */
const UPDATE_DERIVED: PreparedStatement = {
  name: 'lintas_update_derived',
  text: `update maps set
      card_count = v.cards, pain_point_count = v.pain_points, unowned_pain_point_count = v.unowned,
      opportunity_count = v.opportunities, doc_bytes = v.doc_bytes, updated_at = now()
    from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[])
      as v(id, cards, pain_points, unowned, opportunities, doc_bytes)
    where maps.id = v.id`,
  types: ['uuid[]', 'int[]', 'int[]', 'int[]', 'int[]', 'int[]'],
};

export class DrizzleMapStore implements MapStore {
  private readonly db: () => Promise<Db>;
  private readonly counts: (doc: Y.Doc) => DerivedCounts;
  private readonly onCompactionRead?: DrizzleMapStoreOptions['onCompactionRead'];
  private readonly replay: (parts: readonly Uint8Array[]) => Promise<Uint8Array>;
  private readonly vacuumEvery: number;
  private compactionsSinceVacuum = 0;
  private readonly appends = new GroupCommit<QueuedAppend>((batch) => this.insertRows(batch), { weight: (a) => a.updates.length });
  /** [DV1] Counters of every room that refreshed meanwhile, in one UPDATE at most every 250 ms. */
  private readonly derived = new GroupCommit<DerivedRow>((batch) => this.updateDerived(batch), { minIntervalMs: 250 });

  /** [JR1] Resolved once; null: appends go straight to the log. */
  private journalOpening: Promise<UpdateJournal | null> | null = null;
  private journal: UpdateJournal | null | undefined;
  private readonly journalOption: DrizzleMapStoreOptions['journal'];

  constructor(options: DrizzleMapStoreOptions = {}) {
    this.journalOption = options.journal !== undefined ? options.journal : options.db ? null : undefined;
    if (this.journalOption === null) this.journal = null;
    this.onCompactionRead = options.onCompactionRead;
    this.replay = options.replay ?? ((parts) => replayOffThread(parts));
    this.vacuumEvery = options.vacuumEvery ?? 25;
    const db = options.db ?? getDb;
    this.db = typeof db === 'function' ? db : async () => db;
    this.counts = options.counts ?? mapStats;
  }

  async load(mapId: string): Promise<Uint8Array | null> {
    const parts = await this.loadParts(mapId);
    return parts.length === 0 ? null : replayUpdates(parts);
  }

  async loadParts(mapId: string): Promise<Uint8Array[]> {
    // [JR3] What the journal holds of the map, read before the log: an update folded meanwhile is
    // in the log by the time the log is read (at worst both ways: applying an update twice is a no-op).
    const unfolded = (await this.openJournal())?.unfolded(mapId) ?? [];
    const db = await this.db();
    const map = uuidLiteral(mapId);
    // One statement: it sees one consistent state, so a compaction committing meanwhile cannot
    // make rows vanish between reading the snapshot and reading the log ([CP4]). The bytes come
    // out as they are (binary COPY on PGlite, see `readByteaRows`), not as text.
    const parts = await readByteaRows(
      db,
      `select data, 0 as part, 0::bigint as seq from map_snapshots where map_id = ${map}
       union all
       select data, 1 as part, id as seq from map_updates where map_id = ${map}
       order by part, seq`,
    );
    return unfolded.length > 0 ? parts.concat(unfolded) : parts;
  }

  append(mapId: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return Promise.resolve();
    if (this.journal) return this.journal.append(mapId, updates); // [JR2]
    if (this.journal === undefined) return this.openJournal().then(() => this.append(mapId, updates));
    return this.appends.add({ mapId, updates });
  }

  /** [JR5] Folds the journal into the log and closes it. */
  async close(): Promise<void> {
    const journal = await this.openJournal().catch(() => null);
    await journal?.close();
  }

  /** The journal, opened (and what an earlier process left folded, [JR4]) on first use. */
  private openJournal(): Promise<UpdateJournal | null> {
    this.journalOpening ??= (async () => {
      const dir = this.journalOption === undefined ? await defaultJournalDir() : (this.journalOption?.dir ?? null);
      const journal = dir
        ? await UpdateJournal.open({
            dir,
            foldIntervalMs: this.journalOption?.foldIntervalMs,
            fold: (mapId, updates) => this.foldJournaled(mapId, updates),
          })
        : null;
      this.journal = journal;
      return journal;
    })();
    this.journalOpening.catch(() => (this.journalOpening = null)); // tried again on the next call
    return this.journalOpening;
  }

  /** [JR3] One map's journaled updates as one log row; 'gone' if the map was deleted meanwhile. */
  private async foldJournaled(mapId: string, updates: Uint8Array[]): Promise<'stored' | 'gone'> {
    const row = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    try {
      await this.appends.add({ mapId, updates: [row] });
      return 'stored';
    } catch (err) {
      if (isForeignKeyViolation(err)) return 'gone';
      throw err;
    }
  }

  /**
   * One INSERT (one transaction) for the appends of every room that queued meanwhile, with two
   * array parameters whatever the row count: per row, PGlite's hex serialisation of a bytea
   * parameter and Drizzle's per-value parameters cost more than base64 (PGlite, 30 rows: 4.8 →
   * 2.8 ms). Rows get their ids in array order (`with ordinality`), so each map's stay in order.
   */
  private async insertRows(batch: readonly QueuedAppend[]): Promise<void> {
    const mapIds: string[] = [];
    const data: string[] = [];
    for (const { mapId, updates } of batch) {
      for (const update of updates) {
        mapIds.push(mapId);
        data.push(toBase64(update));
      }
    }
    // Two parameters whatever the rows, prepared once (hot path: see executePrepared).
    await executePrepared(await this.db(), APPEND_ROWS, [pgArrayLiteral(mapIds), pgArrayLiteral(data)]);
  }

  async compact(mapId: string): Promise<{ merged: number }> {
    let merged = 0;
    for (;;) {
      const n = await this.compactChunk(mapId);
      merged += n;
      if (n < COMPACTION_CHUNK) break;
    }
    if (merged > 0) await this.maybeVacuum();
    return { merged };
  }

  /** [CP6] Every `vacuumEvery` compactions, gives the log's deleted rows back on PGlite. */
  private async maybeVacuum(): Promise<void> {
    if (++this.compactionsSinceVacuum < this.vacuumEvery) return;
    this.compactionsSinceVacuum = 0;
    try {
      await vacuumIfEmbedded(await this.db(), 'map_updates');
    } catch (err) {
      log.warn({ err }, 'vacuuming the update log failed'); // the compaction itself is done
    }
  }

  private async compactChunk(mapId: string): Promise<number> {
    const db = await this.db();
    return db.transaction(async (tx) => {
      // Serialises compactions of one map across connections and processes ([CP2]).
      await tx.execute(sql`select pg_advisory_xact_lock(${COMPACTION_LOCK_NAMESPACE}, hashtext(${mapId}))`);
      await nextTurn();
      const rows = await tx
        .select({ id: mapUpdates.id, data: base64Of(mapUpdates.data) })
        .from(mapUpdates)
        .where(eq(mapUpdates.mapId, mapId))
        .orderBy(asc(mapUpdates.id))
        .limit(COMPACTION_CHUNK);
      if (rows.length === 0) return 0;
      await nextTurn();
      const [snapshot] = await tx
        .select({ data: base64Of(mapSnapshots.data) })
        .from(mapSnapshots)
        .where(eq(mapSnapshots.mapId, mapId));
      const parts = rows.map((row) => fromBase64(row.data));
      if (snapshot) parts.unshift(fromBase64(snapshot.data));
      await nextTurn();
      const data = await this.replay(parts);
      await nextTurn();
      await this.onCompactionRead?.(
        mapId,
        rows.map((row) => row.id),
      );
      // The snapshot travels as base64 text, like the reads: PGlite serialises a 1.5 MiB bytea
      // parameter to hex in 700–780 ms, base64 + decode() takes 39 ms (5,000-card map).
      await tx.execute(sql`
        insert into ${mapSnapshots} (map_id, data) values (${mapId}, decode(${toBase64(data)}, 'base64'))
        on conflict (map_id) do update set data = excluded.data, updated_at = now()`);
      await nextTurn();
      // Exactly the rows merged above, never "everything up to now": rows appended meanwhile
      // stay in the log for the next compaction ([CP1]). One array parameter, not one per id.
      // The map's id leads the log's key, so the delete is an index scan of the map's rows.
      await tx.execute(sql`
        delete from ${mapUpdates}
        where map_id = ${mapId} and id = any(${pgArrayLiteral(rows.map((row) => String(row.id)))}::bigint[])`);
      return rows.length;
    });
  }

  async refreshDerived(mapId: string, doc: Y.Doc, docBytes = Y.encodeStateAsUpdate(doc).byteLength): Promise<{ docBytes: number }> {
    await this.derived.add({ mapId, counts: this.counts(doc), docBytes });
    return { docBytes };
  }

  /** One statement for every map in the batch (the latest counters of each), `updatedAt` = now. */
  private async updateDerived(batch: readonly DerivedRow[]): Promise<void> {
    const latest = [...new Map(batch.map((row) => [row.mapId, row])).values()];
    const column = (pick: (row: DerivedRow) => number | string) => pgArrayLiteral(latest.map((row) => String(pick(row))));
    // Six array parameters whatever the maps, prepared once (hot path: see executePrepared).
    await executePrepared(await this.db(), UPDATE_DERIVED, [
      column((r) => r.mapId),
      column((r) => r.counts.cards),
      column((r) => r.counts.painPoints),
      column((r) => r.counts.painPointsWithoutOwner),
      column((r) => r.counts.opportunities),
      column((r) => r.docBytes),
    ]);
  }
}

interface DerivedRow extends Keyed {
  counts: DerivedCounts;
  docBytes: number;
}

/** [JR1] The process database's journal folder (none on PostgreSQL, or with LINTAS_SYNC_JOURNAL=off). */
async function defaultJournalDir(): Promise<string | null> {
  return (await getDatabase()).journalDir ?? null;
}

/** PostgreSQL's foreign_key_violation (23503), as PGlite, postgres.js or Drizzle report it. */
function isForeignKeyViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}

/** The default store: the process's database. */
export function drizzleMapStore(options: DrizzleMapStoreOptions = {}): MapStore {
  return new DrizzleMapStore(options);
}

/**
 * Lets the event loop take a turn between a compaction's steps. PGlite runs every statement
 * synchronously on this thread and a transaction's statements follow each other in microtasks, so
 * without these a compaction was one block for every socket of the process: 12–31 ms for a small
 * map's 1,000 rows (bench:db-thread), read rows 4–10, read snapshot 1–8, fold 2–13, write 1–3,
 * delete 2–14 ms. Between the steps, frames are read and broadcast; other statements wait for
 * the transaction as before (PGlite runs one at a time).
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function fromBase64(text: string): Uint8Array {
  return ownBytes(Buffer.from(text, 'base64'));
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A bytea column read as base64 text (PGlite decodes bytea hex slowly; SPEC [CP1]). */
function base64Of(column: AnyColumn) {
  return sql<string>`encode(${column}, 'base64')`;
}
