// npm run bench:db-thread [-- --rounds=N] — what PGlite's statements cost the server's event loop,
// with PGlite on the server's thread (`main`) and on a worker thread (`worker`,
// LINTAS_PGLITE_THREAD=worker, opt-in). Runs the sync server's own statements through DrizzleMapStore
// on a PGlite folder seeded like bench:sync's (20 small maps, one 5,000-card map of 1.5 MiB):
//   append      one group commit of 25 small updates (the hot path, ~40 per second per 1,000 edits/s)
//   load big    a cold room loading the 5,000-card map (snapshot + log)
//   compact big merging 1,000 log rows into the 5,000-card map's snapshot (its Yjs replay on the replay thread)
// For each: wall time per operation, the main thread's busy time per operation (event-loop
// utilisation) and the longest event-loop stall seen meanwhile (gaps of a 1 ms timer). The
// busy time and the stall are what every other room waits for. Prints a markdown table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openDatabase, type PgliteThread } from '@/db/client';
import { DrizzleMapStore } from '@/lib/sync/persistence';
import { createWorld } from './harness/world';
import { fmt, median } from './harness/stats';

const argv = process.argv.slice(2);
const arg = (key: string, fallback: number) => Number(argv.find((a) => a.startsWith(`--${key}=`))?.slice(key.length + 3) ?? fallback);
const rounds = arg('rounds', 1);
const APPENDS = 400;
const ROWS_PER_APPEND = 25;
const LOADS = 10;
const COMPACTIONS = 3;
const LOG_ROWS = 1_000;

const log = (...parts: unknown[]) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);

/** A small card edit, as an editor's keystroke produces it. */
function smallUpdates(count: number, seed: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + ((seed + i) % 26)));
  doc.destroy();
  return out;
}

/**
 * `count` log rows as a map in use gets them: ten editors typing into their own cards, one
 * keystroke per row (each update's left origin is the editor's previous character).
 */
function typingRows(count: number): Uint8Array[] {
  const editors = Array.from({ length: 10 }, () => new Y.Doc());
  const rows: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const editor = editors[i % editors.length];
    let row: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (row = u);
    editor.on('update', keep);
    const text = editor.getText(`card-${i % editors.length}`);
    text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    editor.off('update', keep);
    for (const other of editors) if (other !== editor) Y.applyUpdate(other, row!);
    rows.push(row!);
  }
  for (const editor of editors) editor.destroy();
  return rows;
}

interface Row {
  thread: PgliteThread;
  op: string;
  wallMs: number[];
  busyMs: number[];
  stallMaxMs: number;
  stallP99Ms: number;
}

/**
 * Runs `run` `times` times. A 1 ms interval timer ticks meanwhile: a gap between two ticks is a
 * stall of the event loop (what every other room would have waited). Each run is followed by a
 * short pause, so a loop blocked to the end of a run still records its gap.
 */
async function measure(thread: PgliteThread, op: string, times: number, run: (i: number) => Promise<unknown>): Promise<Row> {
  const wallMs: number[] = [];
  const busyMs: number[] = [];
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  for (let i = 0; i < times; i++) {
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    await run(i);
    wallMs.push(performance.now() - t0);
    busyMs.push(performance.eventLoopUtilization(elu).active);
    await new Promise((r) => setTimeout(r, 3));
  }
  clearInterval(ticker);
  gaps.sort((a, b) => a - b);
  return { thread, op, wallMs, busyMs, stallMaxMs: gaps.at(-1) ?? NaN, stallP99Ms: gaps[Math.floor(gaps.length * 0.99)] ?? NaN };
}

/** Separate measurements of one operation as one row: every sample, the worst stalls. */
function oneRow(runs: Row[]): Row {
  return {
    ...runs[0],
    wallMs: runs.flatMap((r) => r.wallMs),
    busyMs: runs.flatMap((r) => r.busyMs),
    stallMaxMs: Math.max(...runs.map((r) => r.stallMaxMs)),
    stallP99Ms: Math.max(...runs.map((r) => r.stallP99Ms)),
  };
}

async function runMode(thread: PgliteThread): Promise<Row[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-dbthread-'));
  const database = await openDatabase({ dataDir: path.join(root, 'data'), pgliteThread: thread });
  try {
    const world = await createWorld(database.db, { maps: 20, editorsPerMap: 2, idleMaps: 0, bigCards: 5_000 });
    const store = new DrizzleMapStore({ db: database.db });
    const updates = smallUpdates(ROWS_PER_APPEND, 1);
    // Warm the statements (parse, plan) and the JIT before measuring.
    for (let i = 0; i < 20; i++) await store.append(world.editMaps[i % world.editMaps.length], updates);
    await store.loadParts(world.bigMap);

    const rows: Row[] = [];
    rows.push(
      await measure(thread, `append (${ROWS_PER_APPEND} rows)`, APPENDS, (i) =>
        store.append(world.editMaps[i % world.editMaps.length], updates),
      ),
    );
    rows.push(await measure(thread, 'load big map (1.5 MiB)', LOADS, () => store.loadParts(world.bigMap)));
    const fill = async () => {
      for (let i = 0; i < LOG_ROWS / ROWS_PER_APPEND; i++) await store.append(world.bigMap, smallUpdates(ROWS_PER_APPEND, i));
    };
    const compactions: Row[] = [];
    for (let i = 0; i < COMPACTIONS; i++) {
      await fill();
      compactions.push(
        await measure(thread, `compact big map (${LOG_ROWS.toLocaleString('en')} rows)`, 1, () => store.compact(world.bigMap)),
      );
    }
    // The common case at the load: a small map whose log rows hold one edit each (a group
    // commit every 25 ms, the map's 10 editors typing 20 edits a second between them).
    const small: Row[] = [];
    for (let i = 0; i < COMPACTIONS; i++) {
      const mapId = world.editMaps[i];
      await store.compact(mapId); // start from a snapshot, as a map in use does
      for (const row of typingRows(LOG_ROWS)) await store.append(mapId, [row]);
      small.push(await measure(thread, `compact small map (${LOG_ROWS.toLocaleString('en')} one-edit rows)`, 1, () => store.compact(mapId)));
    }
    rows.push(oneRow(small), oneRow(compactions));
    return rows;
  } finally {
    await database.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const all: Row[] = [];
for (let r = 0; r < rounds; r++) {
  for (const thread of ['main', 'worker'] as const) {
    log(`round ${r + 1}/${rounds}: PGlite on the ${thread} thread`);
    all.push(...(await runMode(thread)));
  }
}

const ops = [...new Set(all.map((r) => r.op))];
console.log(`### PGlite statements and the server's event loop — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n`);
console.log(
  `${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}; ${rounds} round(s); medians per operation, stalls = gaps of a 1 ms timer during the operations (longest, and p99 of all ticks).\n`,
);
console.log('| operation | PGlite on | wall, p50 | main thread busy, p50 | longest stall | stall p99 |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const op of ops) {
  for (const thread of ['main', 'worker'] as const) {
    const rows = all.filter((r) => r.op === op && r.thread === thread);
    const wall = median(rows.flatMap((r) => r.wallMs));
    const busy = median(rows.flatMap((r) => r.busyMs));
    const stall = Math.max(...rows.map((r) => r.stallMaxMs));
    const p99 = Math.max(...rows.map((r) => r.stallP99Ms));
    console.log(`| ${op} | ${thread} | ${fmt(wall)} ms | ${fmt(busy)} ms | ${fmt(stall)} ms | ${fmt(p99)} ms |`);
  }
}
