// The update journal ([JR1]–[JR7] in SPEC.md): on PGlite, an acknowledged update is durable once
// it is in an append-only file of the data folder; every `foldIntervalMs` the file's updates are
// merged per map and written to `map_updates` in one statement, and the file is deleted.
//
// Why: on PGlite every statement runs on the event loop that broadcasts edits. One row per edit,
// 40 statements a second, cost Lintas about 60 µs of CPU per edit at 1,000 edits/s (perf, SPEC
// [AK7]); a write(2) of the same bytes costs a few. The durability is the same as PGlite's own:
// PGlite writes its files without fsync, so both survive the process being killed, neither a
// power cut of the machine.
//
// A record is `u32 length, u32 crc32(body), body` with body = the map's uuid (16 bytes) and the
// update. Recovery reads records until the first that is incomplete or fails its checksum (a write
// the process did not finish, never acknowledged) and ignores the rest of that file.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { logger as rootLogger } from '@/lib/log';

const log = rootLogger.child({ module: 'sync-journal' });

export interface JournalEntry {
  mapId: string;
  update: Uint8Array;
}

/**
 * Writes one map's journaled updates (in order) to the database. Resolves 'stored', or 'gone'
 * when the map no longer exists (its updates are dropped); rejects when it may work later (the
 * updates stay journaled and are tried again at the next fold).
 */
export type FoldMap = (mapId: string, updates: Uint8Array[]) => Promise<'stored' | 'gone'>;

export interface JournalOptions {
  /** The journal's own folder (created if missing). */
  dir: string;
  fold: FoldMap;
  /** Fold at least this often while anything is journaled (default 1,000 ms). */
  foldIntervalMs?: number;
  /** Fold early once the current file holds this many bytes (default 4 MiB). */
  foldAtBytes?: number;
  /**
   * Refuse appends while the updates not yet in the database (kept in memory for `unfolded`) add
   * up to this many bytes (default 64 MiB): the database has been failing for a while, and a room
   * must stop acknowledging rather than grow the process without bound ([JR7]).
   */
  maxUnfoldedBytes?: number;
}

/** [JR7] An append refused because too much is journaled and not yet in the database. */
export class JournalBacklogError extends Error {
  constructor(bytes: number) {
    super(`journal: ${Math.round(bytes / 1024)} KiB of updates are not in the database yet; appends wait until folds succeed`);
    this.name = 'JournalBacklogError';
  }
}

const HEADER = 8;
const UUID_BYTES = 16;
const FILE_PATTERN = /^(\d{12})\.journal$/;

/** One journal file: what it holds that is not yet in the database. */
interface Segment {
  file: string;
  entries: JournalEntry[];
}

interface QueuedWrite {
  records: Buffer;
  entries: JournalEntry[];
  resolve(): void;
  reject(err: unknown): void;
}

export class UpdateJournal {
  private readonly dir: string;
  private readonly foldMap: FoldMap;
  private readonly foldIntervalMs: number;
  private readonly foldAtBytes: number;
  private readonly maxUnfoldedBytes: number;
  /** Bytes of the updates in `segments` and `current` (what `unfolded` can answer). */
  private unfoldedBytes = 0;
  /** Closed files, oldest first, whose entries are not all in the database yet. */
  private readonly segments: Segment[] = [];
  private current: Segment & { fd: number; bytes: number };
  private nextSeq: number;
  private writes: QueuedWrite[] = [];
  private writeScheduled = false;
  private folding: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(options: JournalOptions, recovered: Segment[], nextSeq: number) {
    this.dir = options.dir;
    this.foldMap = options.fold;
    this.foldIntervalMs = options.foldIntervalMs ?? 1_000;
    this.foldAtBytes = options.foldAtBytes ?? 4 * 1024 * 1024;
    this.maxUnfoldedBytes = options.maxUnfoldedBytes ?? 64 * 1024 * 1024;
    this.unfoldedBytes = recovered.reduce((n, s) => n + entryBytes(s.entries), 0);
    this.segments.push(...recovered);
    this.nextSeq = nextSeq;
    this.current = this.openSegment();
    this.timer = setInterval(() => {
      // A fold still running (a slow database) is not queued up behind: the next tick comes soon.
      if (this.hasUnfolded() && !this.folding) void this.fold().catch(() => {}); // logged in fold
    }, this.foldIntervalMs);
    this.timer.unref();
  }

  /**
   * Opens the journal in `dir`. Files left by an earlier process (killed, or its last fold failed)
   * are read back and folded before this resolves; if that fold fails, their entries stay
   * journaled (and `unfolded` answers them) until a later fold succeeds.
   */
  static async open(options: JournalOptions): Promise<UpdateJournal> {
    fs.mkdirSync(options.dir, { recursive: true });
    const recovered: Segment[] = [];
    let maxSeq = 0;
    for (const name of fs.readdirSync(options.dir).sort()) {
      const match = FILE_PATTERN.exec(name);
      if (!match) continue;
      maxSeq = Math.max(maxSeq, Number(match[1]));
      const file = path.join(options.dir, name);
      const bytes = fs.readFileSync(file);
      const { entries, validBytes } = decodeRecords(bytes);
      if (validBytes < bytes.byteLength) {
        log.warn({ file, ignoredBytes: bytes.byteLength - validBytes }, 'journal: an unfinished write at the end of the file was ignored');
      }
      recovered.push({ file, entries });
    }
    const journal = new UpdateJournal(options, recovered, maxSeq + 1);
    if (recovered.length > 0) {
      const count = recovered.reduce((n, s) => n + s.entries.length, 0);
      log.info({ files: recovered.length, updates: count }, 'journal: folding what an earlier process left');
      await journal.fold().catch(() => {}); // logged; retried by the timer
    }
    return journal;
  }

  /**
   * Journals `updates` of `mapId`; resolves once they are written to the file (durable against
   * the process dying). Appends made in one turn of the event loop share one write.
   */
  append(mapId: string, updates: readonly Uint8Array[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    if (this.unfoldedBytes >= this.maxUnfoldedBytes) return Promise.reject(new JournalBacklogError(this.unfoldedBytes));
    const entries = updates.map((update) => ({ mapId, update }));
    const records = encodeRecords(entries);
    return new Promise((resolve, reject) => {
      this.writes.push({ records, entries, resolve, reject });
      if (this.writeScheduled) return;
      this.writeScheduled = true;
      setImmediate(() => this.writeQueued());
    });
  }

  /** The updates of `mapId` journaled and not yet folded into the database, in order. */
  unfolded(mapId: string): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const segment of [...this.segments, this.current]) {
      for (const entry of segment.entries) if (entry.mapId === mapId) out.push(entry.update);
    }
    return out;
  }

  /** Whether any journaled update is not yet in the database. */
  hasUnfolded(): boolean {
    return this.current.entries.length > 0 || this.segments.length > 0;
  }

  /**
   * Starts a new file and writes every closed file's updates to the database, merged per map (one
   * fold at a time; a call during a fold waits for it and folds again). Files whose updates are
   * all stored (or whose maps are gone) are deleted. Rejects if some map's updates could not be
   * stored; they stay journaled for the next fold.
   */
  async fold(): Promise<void> {
    while (this.folding) await this.folding.catch(() => {});
    const run = this.foldOnce();
    this.folding = run;
    try {
      await run;
    } finally {
      this.folding = null;
    }
  }

  /** Folds everything, then stops: what could not be folded stays in the files for the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.writeQueued();
    this.closed = true;
    clearInterval(this.timer);
    try {
      await this.fold();
    } catch {
      // logged in fold; the files stay for the next start
    } finally {
      fs.closeSync(this.current.fd);
      if (this.current.entries.length === 0) fs.rmSync(this.current.file, { force: true });
    }
  }

  private async foldOnce(): Promise<void> {
    if (this.current.entries.length > 0) this.rotate();
    const segments = [...this.segments];
    if (segments.length === 0) return;
    const byMap = new Map<string, Uint8Array[]>();
    for (const segment of segments) {
      for (const { mapId, update } of segment.entries) {
        let list = byMap.get(mapId);
        if (!list) byMap.set(mapId, (list = []));
        list.push(update);
      }
    }
    const maps = [...byMap.keys()];
    const results = await Promise.allSettled(maps.map((mapId) => this.foldMap(mapId, byMap.get(mapId)!)));
    const kept = new Set<string>();
    results.forEach((result, i) => {
      if (result.status === 'rejected') kept.add(maps[i]);
      else if (result.value === 'gone') log.warn({ mapId: maps[i] }, 'journal: updates of a deleted map were dropped');
    });
    for (const segment of segments) {
      const before = entryBytes(segment.entries);
      segment.entries = segment.entries.filter((e) => kept.has(e.mapId));
      this.unfoldedBytes -= before - entryBytes(segment.entries);
      if (segment.entries.length > 0) continue;
      fs.rmSync(segment.file, { force: true });
      this.segments.splice(this.segments.indexOf(segment), 1);
    }
    if (kept.size > 0) {
      const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      log.error({ maps: kept.size, err: reasons[0] }, 'journal: folding into the database failed; the updates stay journaled');
      throw new AggregateError(reasons, `journal: ${kept.size} map(s) could not be folded`);
    }
  }

  /** Writes every queued append in one write(2); a failed write leaves the file as it was. */
  private writeQueued(): void {
    this.writeScheduled = false;
    const batch = this.writes;
    if (batch.length === 0) return;
    this.writes = [];
    const current = this.current;
    const bytes = batch.length === 1 ? batch[0].records : Buffer.concat(batch.map((w) => w.records));
    try {
      writeFully(current.fd, bytes);
    } catch (err) {
      // A partial record would hide every later one from recovery: cut the file back, or, if
      // even that fails, leave it (its valid records are still read) and write a new one.
      try {
        fs.ftruncateSync(current.fd, current.bytes);
      } catch {
        this.rotate();
      }
      for (const w of batch) w.reject(err);
      return;
    }
    current.bytes += bytes.byteLength;
    for (const w of batch) current.entries.push(...w.entries);
    for (const w of batch) this.unfoldedBytes += entryBytes(w.entries);
    for (const w of batch) w.resolve();
    if (current.bytes >= this.foldAtBytes && !this.folding) void this.fold().catch(() => {});
  }

  /** Closes the current file (its entries wait in `segments`) and starts the next one. */
  private rotate(): void {
    const { fd, file, entries } = this.current;
    fs.closeSync(fd);
    this.segments.push({ file, entries });
    this.current = this.openSegment();
  }

  private openSegment(): Segment & { fd: number; bytes: number } {
    const file = path.join(this.dir, `${String(this.nextSeq++).padStart(12, '0')}.journal`);
    return { file, fd: fs.openSync(file, 'a'), bytes: 0, entries: [] };
  }
}

function entryBytes(entries: readonly JournalEntry[]): number {
  let bytes = 0;
  for (const e of entries) bytes += e.update.byteLength;
  return bytes;
}

function writeFully(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.byteLength; ) offset += fs.writeSync(fd, bytes, offset);
}

/** The 16 bytes of each map id seen recently: parsing it anew cost ~5 µs per edit (profile). */
const uuidCache = new Map<string, Buffer>();

function uuidBytes(mapId: string): Buffer {
  let bytes = uuidCache.get(mapId);
  if (bytes) return bytes;
  const hex = mapId.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`journal: not a uuid: ${mapId}`);
  bytes = Buffer.from(hex, 'hex');
  if (uuidCache.size >= 10_000) uuidCache.clear(); // open maps are far fewer
  uuidCache.set(mapId, bytes);
  return bytes;
}

/** Records for `entries`, back to back. */
export function encodeRecords(entries: readonly JournalEntry[]): Buffer {
  let size = 0;
  for (const e of entries) size += HEADER + UUID_BYTES + e.update.byteLength;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const { mapId, update } of entries) {
    const bodyStart = at + HEADER;
    out.set(uuidBytes(mapId), bodyStart);
    out.set(update, bodyStart + UUID_BYTES);
    const bodyLength = UUID_BYTES + update.byteLength;
    out.writeUInt32LE(bodyLength, at);
    out.writeUInt32LE(crc32(out.subarray(bodyStart, bodyStart + bodyLength)), at + 4);
    at = bodyStart + bodyLength;
  }
  return out;
}

/** The complete, intact records at the start of `bytes`, and how many bytes they span. */
export function decodeRecords(bytes: Uint8Array): { entries: JournalEntry[]; validBytes: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: JournalEntry[] = [];
  let at = 0;
  while (at + HEADER <= buf.byteLength) {
    const bodyLength = buf.readUInt32LE(at);
    const bodyStart = at + HEADER;
    if (bodyLength < UUID_BYTES || bodyStart + bodyLength > buf.byteLength) break;
    const body = buf.subarray(bodyStart, bodyStart + bodyLength);
    if (crc32(body) !== buf.readUInt32LE(at + 4)) break;
    const hex = body.toString('hex', 0, UUID_BYTES);
    const mapId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    // Its own copy: the file's buffer is dropped after recovery.
    entries.push({ mapId, update: new Uint8Array(body.subarray(UUID_BYTES)) });
    at = bodyStart + bodyLength;
  }
  return { entries, validBytes: at };
}
