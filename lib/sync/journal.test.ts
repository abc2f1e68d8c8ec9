// The update journal on its own ([JR1]–[JR6]): records, durability of what append resolved,
// folds (merged per map, failures kept, deleted maps dropped), recovery after a crash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JournalBacklogError, UpdateJournal, decodeRecords, encodeRecords, type FoldMap, type JournalEntry } from './journal';

const MAP_A = '11111111-2222-4333-8444-555555555555';
const MAP_B = 'abcdefab-cdef-4abc-8def-abcdefabcdef';
const bytes = (...values: number[]) => new Uint8Array(values);
const hex = (list: readonly Uint8Array[]) => list.map((u) => Buffer.from(u).toString('hex'));

let dir: string;
let opened: UpdateJournal[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-journal-'));
  opened = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const j of opened) await j.close().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fold that records what it was given, per map, and answers `answer(mapId)`. */
function recorder(answer: (mapId: string) => 'stored' | 'gone' | Error = () => 'stored') {
  const folded: { mapId: string; updates: string[] }[] = [];
  const fold: FoldMap = async (mapId, updates) => {
    const a = answer(mapId);
    if (a instanceof Error) throw a;
    folded.push({ mapId, updates: hex(updates) });
    return a;
  };
  return { fold, folded };
}

async function open(fold: FoldMap, foldIntervalMs = 60_000): Promise<UpdateJournal> {
  const j = await UpdateJournal.open({ dir, fold, foldIntervalMs });
  opened.push(j);
  return j;
}

const journalFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.journal'));
const fileEntries = (): JournalEntry[] => journalFiles().flatMap((f) => decodeRecords(fs.readFileSync(path.join(dir, f))).entries);

describe('journal records', () => {
  it('round-trip map ids and bytes, an empty update included', () => {
    const entries = [
      { mapId: MAP_A, update: bytes(1, 2, 3) },
      { mapId: MAP_B, update: bytes() },
      { mapId: MAP_A, update: new Uint8Array(70_000).fill(7) },
    ];
    const encoded = encodeRecords(entries);
    const { entries: back, validBytes } = decodeRecords(encoded);
    expect(validBytes).toBe(encoded.byteLength);
    expect(back.map((e) => e.mapId)).toEqual([MAP_A, MAP_B, MAP_A]);
    expect(hex(back.map((e) => e.update))).toEqual(hex(entries.map((e) => e.update)));
  });

  it('stop at a record the process did not finish writing, or whose checksum fails', () => {
    const good = encodeRecords([{ mapId: MAP_A, update: bytes(1) }]);
    const next = encodeRecords([{ mapId: MAP_B, update: bytes(2, 2) }]);
    for (let cut = 1; cut < next.byteLength; cut++) {
      const torn = Buffer.concat([good, next.subarray(0, cut)]);
      const { entries, validBytes } = decodeRecords(torn);
      expect(entries.map((e) => e.mapId)).toEqual([MAP_A]);
      expect(validBytes).toBe(good.byteLength);
    }
    const flipped = Buffer.concat([good, next, good]);
    flipped[good.byteLength + 8 + 16] ^= 0xff; // a byte of the second record's update
    const { entries, validBytes } = decodeRecords(flipped);
    expect(entries).toHaveLength(1);
    expect(validBytes).toBe(good.byteLength);
  });

  it('refuse a map id that is not a uuid', () => {
    expect(() => encodeRecords([{ mapId: 'not-a-uuid', update: bytes(1) }])).toThrow(/uuid/);
  });
});

describe('UpdateJournal', () => {
  it('[JR2] an append has resolved only once its records are in the file, and appends of one turn share one write', async () => {
    const { fold } = recorder();
    const j = await open(fold);
    const write = vi.spyOn(fs, 'writeSync');
    const a = j.append(MAP_A, [bytes(1), bytes(2)]);
    const b = j.append(MAP_B, [bytes(3)]);
    expect(fileEntries()).toEqual([]); // nothing written in the turn of the call
    await Promise.all([a, b]);
    expect(write).toHaveBeenCalledTimes(1);
    // What a process started after a kill -9 at this point would read:
    expect(fileEntries().map((e) => [e.mapId, Buffer.from(e.update).toString('hex')])).toEqual([
      [MAP_A, '01'],
      [MAP_A, '02'],
      [MAP_B, '03'],
    ]);
    expect(hex(j.unfolded(MAP_A))).toEqual(['01', '02']);
    expect(hex(j.unfolded(MAP_B))).toEqual(['03']);
  });

  it('[JR3] a fold hands each map its updates in order, then deletes the file and forgets them', async () => {
    const { fold, folded } = recorder();
    const j = await open(fold);
    await j.append(MAP_A, [bytes(1)]);
    await j.append(MAP_B, [bytes(9)]);
    await j.append(MAP_A, [bytes(2), bytes(3)]);
    await j.fold();
    expect(folded).toEqual([
      { mapId: MAP_A, updates: ['01', '02', '03'] },
      { mapId: MAP_B, updates: ['09'] },
    ]);
    expect(j.unfolded(MAP_A)).toEqual([]);
    expect(j.hasUnfolded()).toBe(false);
    expect(fileEntries()).toEqual([]); // only the new, empty current file is left
    // later appends go to the new file and fold on their own
    await j.append(MAP_A, [bytes(4)]);
    await j.fold();
    expect(folded.at(-1)).toEqual({ mapId: MAP_A, updates: ['04'] });
  });

  it('[JR3] folds on its own every foldIntervalMs', async () => {
    const { fold, folded } = recorder();
    const j = await open(fold, 30);
    await j.append(MAP_A, [bytes(5)]);
    await vi.waitFor(() => expect(folded).toEqual([{ mapId: MAP_A, updates: ['05'] }]), { timeout: 2000 });
    await vi.waitFor(() => expect(j.hasUnfolded()).toBe(false));
  });

  it('[JR3] a map whose fold fails keeps its updates (and the file) for the next fold; the others are done', async () => {
    let failing = true;
    const { fold, folded } = recorder((mapId) => (mapId === MAP_B && failing ? new Error('database down') : 'stored'));
    const j = await open(fold);
    await j.append(MAP_A, [bytes(1)]);
    await j.append(MAP_B, [bytes(2)]);
    await expect(j.fold()).rejects.toThrow(/could not be folded/);
    expect(j.unfolded(MAP_A)).toEqual([]);
    expect(hex(j.unfolded(MAP_B))).toEqual(['02']);
    expect(fileEntries().map((e) => e.mapId)).toEqual([MAP_A, MAP_B]); // the file stays whole
    await j.append(MAP_B, [bytes(3)]);
    failing = false;
    await j.fold();
    expect(folded).toEqual([
      { mapId: MAP_A, updates: ['01'] },
      { mapId: MAP_B, updates: ['02', '03'] }, // older first
    ]);
    expect(fileEntries()).toEqual([]);
  });

  it('[JR7] while folds fail, appends are refused once the backlog reaches its cap, and taken again once folded', async () => {
    let down = true;
    const { fold, folded } = recorder(() => (down ? new Error('database down') : 'stored'));
    const j = await UpdateJournal.open({ dir, fold, foldIntervalMs: 60_000, maxUnfoldedBytes: 10 });
    opened.push(j);
    await j.append(MAP_A, [new Uint8Array(6).fill(1)]);
    await expect(j.fold()).rejects.toThrow(/could not be folded/);
    await j.append(MAP_B, [new Uint8Array(4).fill(2)]); // 10 bytes now: the cap
    await expect(j.append(MAP_A, [bytes(3)])).rejects.toBeInstanceOf(JournalBacklogError);
    await expect(j.append(MAP_B, [bytes(3)])).rejects.toThrow(/not in the database yet/);
    // Nothing refused was written or kept.
    expect(fileEntries().map((e) => e.update.byteLength)).toEqual([6, 4]);
    expect(j.unfolded(MAP_A).map((u) => u.byteLength)).toEqual([6]);
    down = false;
    await j.fold();
    expect(folded.map((f) => f.mapId).sort()).toEqual([MAP_A, MAP_B].sort());
    await j.append(MAP_A, [bytes(4)]);
    expect(hex(j.unfolded(MAP_A))).toEqual(['04']);
  });

  it('[JR7] the backlog counts what a killed process left', async () => {
    const first = await open(recorder().fold);
    await first.append(MAP_A, [new Uint8Array(8)]);
    opened = [];
    const j = await UpdateJournal.open({ dir, fold: recorder(() => new Error('database down')).fold, foldIntervalMs: 60_000, maxUnfoldedBytes: 8 });
    opened.push(j);
    await expect(j.append(MAP_A, [bytes(1)])).rejects.toBeInstanceOf(JournalBacklogError);
  });

  it("[JR6] a deleted map's updates are dropped at the fold", async () => {
    const { fold, folded } = recorder((mapId) => (mapId === MAP_B ? 'gone' : 'stored'));
    const j = await open(fold);
    await j.append(MAP_B, [bytes(1)]);
    await j.fold();
    expect(folded).toEqual([{ mapId: MAP_B, updates: ['01'] }]);
    expect(j.hasUnfolded()).toBe(false);
    expect(fileEntries()).toEqual([]);
  });

  it('[JR4] a new process folds what a killed one left, ignoring a record it did not finish', async () => {
    const first = await open(recorder().fold);
    await first.append(MAP_A, [bytes(1), bytes(2)]);
    await first.append(MAP_B, [bytes(3)]);
    // The process dies in the middle of its next write (no close, no fold).
    const file = path.join(dir, journalFiles()[0]);
    fs.appendFileSync(file, encodeRecords([{ mapId: MAP_A, update: bytes(4, 4, 4) }]).subarray(0, 13));
    opened = []; // abandoned, as a killed process would leave it
    const { fold, folded } = recorder();
    const second = await open(fold);
    expect(folded).toEqual([
      { mapId: MAP_A, updates: ['01', '02'] },
      { mapId: MAP_B, updates: ['03'] },
    ]);
    expect(second.hasUnfolded()).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
    // its own file does not reuse the old name
    await second.append(MAP_A, [bytes(5)]);
    expect(journalFiles()).toHaveLength(1);
    expect(journalFiles()[0] > path.basename(file)).toBe(true);
  });

  it('[JR4] if the recovery fold fails, the left updates are still answered and folded later', async () => {
    const first = await open(recorder().fold);
    await first.append(MAP_A, [bytes(7)]);
    opened = [];
    let down = true;
    const { fold, folded } = recorder(() => (down ? new Error('database down') : 'stored'));
    const second = await open(fold);
    expect(hex(second.unfolded(MAP_A))).toEqual(['07']);
    down = false;
    await second.fold();
    expect(folded).toEqual([{ mapId: MAP_A, updates: ['07'] }]);
    expect(second.hasUnfolded()).toBe(false);
  });

  it('[JR2] a failed write rejects its appends and leaves the file readable for the ones after', async () => {
    const j = await open(recorder().fold);
    await j.append(MAP_A, [bytes(1)]);
    const real = fs.writeSync.bind(fs) as (fd: number, buf: Buffer, offset: number) => number;
    // Half of the record reaches the file, then the disk is full.
    vi.spyOn(fs, 'writeSync')
      .mockImplementationOnce(((fd: number, buf: Buffer, offset: number) => real(fd, buf.subarray(0, 10), offset)) as typeof fs.writeSync)
      .mockImplementationOnce((() => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }) as typeof fs.writeSync);
    await expect(j.append(MAP_A, [bytes(2, 2, 2, 2, 2, 2)])).rejects.toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    await j.append(MAP_A, [bytes(3)]);
    const file = path.join(dir, journalFiles()[0]);
    const { entries, validBytes } = decodeRecords(fs.readFileSync(file));
    expect(validBytes).toBe(fs.statSync(file).size);
    expect(hex(entries.map((e) => e.update))).toEqual(['01', '03']);
    expect(hex(j.unfolded(MAP_A))).toEqual(['01', '03']);
  });

  it('[JR5] close folds everything and leaves no file; appends after it are refused', async () => {
    const { fold, folded } = recorder();
    const j = await open(fold);
    const pending = j.append(MAP_A, [bytes(8)]); // queued, not yet written
    await j.close();
    await pending;
    expect(folded).toEqual([{ mapId: MAP_A, updates: ['08'] }]);
    expect(journalFiles()).toEqual([]);
    await expect(j.append(MAP_A, [bytes(9)])).rejects.toThrow(/closed/);
  });

  it('[JR5] close keeps the files when the last fold fails, for the next start', async () => {
    const j = await open(recorder(() => new Error('database down')).fold);
    await j.append(MAP_A, [bytes(6)]);
    await j.close();
    expect(fileEntries().map((e) => Buffer.from(e.update).toString('hex'))).toEqual(['06']);
    const { fold, folded } = recorder();
    await open(fold);
    expect(folded).toEqual([{ mapId: MAP_A, updates: ['06'] }]);
  });
});
