// npm run bench:sync [-- --quick] — the sync server benchmark of issue 3 (see bench/README.md).
//
// Lintas's sync server (lib/sync, persisting every update, real access check) and y-websocket
// 2.1.0's reference server (bin/utils, in memory) each run in a child process, one after the
// other, alone on the machine while measured; the clients (stock y-websocket 3 providers) live
// in this process. Prints a markdown table on stdout; progress and server logs go to stderr.
import './harness/log-level';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import type { Database } from '@/db/client';
import { DrizzleMapStore } from '@/lib/sync/persistence';
import { TEST_SECRET } from '@/test/factories';
import { BenchClient, Tracker, markersIn, type ClientOptions, type PhaseStats } from './harness/clients';
import { EditorPool, FreshJoiner, absNow, terminateAllPools } from './harness/editor-pool';
import {
  cpuDelta,
  cpuOf,
  freePort,
  killAllChildren,
  machineCpuMs,
  startServer,
  type LoopDelay,
  type ServerHandle,
  type ServerKind,
} from './harness/proc';
import { Samples, backoffRounds, fmt, fmtRounds, median, ratio, sleep, waitUntil } from './harness/stats';
import { createStorage, createWorld, resetEditMaps, type BenchDbKind, type BenchStorage, type World } from './harness/world';

// ---- configuration ----

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const argValue = (key: string): string | undefined => {
  const prefix = `--${key}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
};
const num = (key: string, env: string, full: number, smoke: number): number => {
  const raw = argValue(key) ?? process.env[env];
  const value = raw === undefined ? (quick ? smoke : full) : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${key} / ${env} must be a non-negative number (got ${raw})`);
  return value;
};

const config = {
  db: (argValue('db') ?? process.env.BENCH_DB ?? 'pglite') as BenchDbKind,
  maps: num('maps', 'BENCH_MAPS', 50, 5),
  editors: num('editors', 'BENCH_EDITORS', 10, 4),
  rate: num('rate', 'BENCH_RATE', 2, 2),
  warmup: num('warmup', 'BENCH_WARMUP', 5, 2),
  duration: num('duration', 'BENCH_DURATION', 20, 8),
  idleClients: num('idle', 'BENCH_IDLE', 1000, 200),
  idlePerMap: num('idle-per-map', 'BENCH_IDLE_PER_MAP', 10, 10),
  bigCards: num('big-cards', 'BENCH_BIG_CARDS', 5000, 5000),
  joinRuns: num('join-runs', 'BENCH_JOIN_RUNS', 3, 1),
  closedLoop: num('closed-loop', 'BENCH_CLOSED_LOOP', 10, 3),
  /** Seconds the server stays down after the kill -9 before it restarts. */
  downtime: num('downtime', 'BENCH_DOWNTIME', 8, 8),
  timeout: num('timeout', 'BENCH_TIMEOUT', 2400, 600),
  /** Before each measurement, wait (at most quietWait s) until other processes use < quiet % of a core. */
  quiet: num('quiet', 'BENCH_QUIET', 40, 40),
  quietWait: num('quiet-wait', 'BENCH_QUIET_WAIT', 60, 10),
  /** A measured window during which other processes used more than `quiet` % is repeated (at most this often). */
  retries: num('retries', 'BENCH_RETRIES', 2, 0),
  /** Worker threads holding the editors (default: one per core). */
  workers: num('workers', 'BENCH_WORKERS', Math.max(1, os.cpus().length), Math.max(1, os.cpus().length)),
  /**
   * Measured edit windows per server (default 1). Rounds after the first repeat only the edit
   * window, on a fresh server each, alternating which server goes first, and the table adds the
   * median of the rounds' broadcast p95 ratios: one pair of windows minutes apart carries the
   * machine's drift (paired runs on one day read 0.86× to 2.0×).
   */
  editRounds: num('edit-rounds', 'BENCH_EDIT_ROUNDS', 1, 1),
  /**
   * Seconds of a second measured window in rounds 2 and later, right after the first (default 0:
   * none). A fresh server's JIT is still at work during the first window; this one measures the
   * same server, load and document minutes of edits later, alongside, not instead.
   */
  lateWindow: num('late-window', 'BENCH_LATE_WINDOW', 0, 0),
  /**
   * Environment (`NAME=value NAME2=value2`) for Lintas in every other pair of rounds (rounds 4–5,
   * 8–9, …; each variant goes first and second equally often): an A/B of a server setting within
   * one run, against the same reference rounds. Runs on different occasions are not comparable;
   * the machine drifts between them.
   */
  lintasAltEnv: parseEnvList(process.env.BENCH_LINTAS_ALT_ENV ?? ''),
  /** Only phase 1 (big-map joins), with a short table of its own: for iterating on initial sync. */
  joinsOnly: argv.includes('--joins-only') || process.env.BENCH_JOINS_ONLY === '1',
  servers: (argValue('servers') ?? process.env.BENCH_SERVERS ?? 'lintas,reference').split(',').map((s) => s.trim()) as ServerKind[],
};
if (config.db !== 'pglite' && config.db !== 'postgres') throw new Error(`BENCH_DB must be pglite or postgres (got ${config.db})`);
for (const s of config.servers) if (s !== 'lintas' && s !== 'reference') throw new Error(`unknown server ${s}`);
if (config.editRounds < 1) throw new Error('--edit-rounds must be at least 1');
if (config.lintasAltEnv && (config.editRounds < 5 || config.servers.length !== 2)) {
  throw new Error('BENCH_LINTAS_ALT_ENV needs --edit-rounds=5 or more and both servers');
}
if (config.editors < 2) throw new Error('at least 2 editors per map (latency is observed on another client)');

const log = (...parts: unknown[]) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);

// ---- cleanup: every exit path kills the server children and drops the database ----

let storage: BenchStorage | null = null;
const liveClients = new Set<BenchClient>();
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of liveClients) c.destroy();
    liveClients.clear();
    terminateAllPools();
    killAllChildren();
    if (storage) {
      const s = storage;
      storage = null;
      await Promise.race([s.destroy().catch((err) => log('could not remove the bench database:', err)), sleep(10_000)]);
    }
  })();
  return cleaning;
}

process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  log(`watchdog: the bench ran longer than ${config.timeout} s; aborting`);
  void cleanup().finally(() => process.exit(3));
}, config.timeout * 1000);
watchdog.unref();
process.setMaxListeners(0); // every provider adds an 'exit' listener

// ---- results ----

interface ServerResult {
  kind: ServerKind;
  startMs: number[];
  /** Initial sync of the big map: Lintas cold from the database on a fresh server; reference: doc in memory. */
  joinFirst: number[];
  /** A second client's join while the room is open. */
  joinSecond: number[];
  /**
   * The first join split: connect → socket open (upgrade, access check), open → the map (sync
   * step 2) arrived whole, and its apply by the client (arrived → synced).
   */
  joinUpgrade: number[];
  joinOpenToMap: number[];
  joinApply: number[];
  /** Lintas: the server's part (connect → the map arrived) of the cold room in a warm process. */
  joinColdWarmServer: number[];
  /** A first join by a client whose thread never ran Yjs (fresh server too), and its apply. */
  joinColdClient: number[];
  joinColdClientApply: number[];
  /** Lintas: a cold join (room not open) in a server process that already served the map once. */
  joinColdWarm: number[];
  /** process.memoryUsage() deltas per 1,000 idle connections (V8 heap used; external incl. ArrayBuffers/WASM). */
  idleHeapPer1000: number;
  /** V8 heap used after the idle clients left, minus before they came. */
  idleHeapAfterLeave: number;
  idleExternalPer1000: number;
  idleConnectMs: number;
  idleRssPer1000: number;
  idleRssBase: number;
  idleRssAfterLeave: number;
  open: PhaseStats;
  openSeconds: number;
  openDelivered: number;
  openExpected: number;
  openFullyDelivered: number;
  openAcked: number;
  openSkipped: number;
  cpuPerEditUs: number;
  pgCpuPerEditUs: number;
  serverCpuPct: number;
  pgCpuPct: number;
  benchCpuPct: number;
  loopDelayP99: number;
  closedLoopDelayP99: number;
  serverLoop: LoopDelay | null;
  /** CPU used on the machine by processes other than the server, the bench (and PostgreSQL), % of one core. */
  otherCpuPct: number;
  closedOtherCpuPct: number;
  loadAvg: string;
  openOthersBefore: number;
  openAttempts: number;
  rssUnderLoad: number;
  ackedLost: number;
  ackedChecked: number;
  unackedPresent: number;
  unackedTotal: number;
  reconnectFromReady: number;
  reconnectFromKill: number;
  reconnectClients: number;
  /** From the first socket attempt that reached the restarted server to the last client synced. */
  reconnectWave: number;
  /** Edits made after the measured window, up to the kill. */
  tailEdits: number;
  /** From the socket attempt that succeeded to synced, over the reconnecting clients. */
  reconnectAttemptP50: number;
  reconnectAttemptMax: number;
  /** The back-off rounds the clients' successful attempts fell in: clients, first attempt → last synced. */
  reconnectRounds: { clients: number; wave: number }[];
  closed: PhaseStats;
  closedRate: number;
  closedCpuPerEditUs: number;
  closedPgCpuPerEditUs: number;
  closedServerCpuPct: number;
  closedBenchCpuPct: number;
  converged: number;
  finalMissing: number;
  finalChecked: number;
  unexpectedCloses: number;
  errorFrames: string[];
  logWarnings: number;
  logSample: string[];
}

const emptyResult = (kind: ServerKind, tracker: Tracker): ServerResult => ({
  kind,
  startMs: [],
  joinFirst: [],
  joinSecond: [],
  joinUpgrade: [],
  joinColdWarm: [],
  joinOpenToMap: [],
  joinApply: [],
  joinColdClient: [],
  joinColdWarmServer: [],
  joinColdClientApply: [],
  idleHeapPer1000: NaN,
  idleHeapAfterLeave: NaN,
  idleExternalPer1000: NaN,
  idleConnectMs: NaN,
  idleRssPer1000: NaN,
  idleRssBase: NaN,
  idleRssAfterLeave: NaN,
  open: tracker.newPhase('open'),
  openSeconds: NaN,
  openDelivered: 0,
  openExpected: 0,
  openFullyDelivered: 0,
  openAcked: 0,
  openSkipped: 0,
  cpuPerEditUs: NaN,
  pgCpuPerEditUs: NaN,
  serverCpuPct: NaN,
  pgCpuPct: NaN,
  benchCpuPct: NaN,
  loopDelayP99: NaN,
  closedLoopDelayP99: NaN,
  serverLoop: null,
  otherCpuPct: NaN,
  closedOtherCpuPct: NaN,
  loadAvg: '',
  openOthersBefore: NaN,
  openAttempts: 0,
  rssUnderLoad: NaN,
  ackedLost: NaN,
  ackedChecked: 0,
  unackedPresent: NaN,
  unackedTotal: 0,
  reconnectFromReady: NaN,
  reconnectFromKill: NaN,
  reconnectClients: 0,
  reconnectWave: NaN,
  tailEdits: 0,
  reconnectAttemptP50: NaN,
  reconnectAttemptMax: NaN,
  reconnectRounds: [],
  closed: tracker.newPhase('closed'),
  closedRate: NaN,
  closedCpuPerEditUs: NaN,
  closedPgCpuPerEditUs: NaN,
  closedServerCpuPct: NaN,
  closedBenchCpuPct: NaN,
  converged: NaN,
  finalMissing: NaN,
  finalChecked: 0,
  unexpectedCloses: 0,
  errorFrames: [],
  logWarnings: 0,
  logSample: [],
});

// ---- one server, every measurement ----

function serverEnv(kind: ServerKind): Record<string, string> {
  return kind === 'lintas'
    ? { ...storage!.serverEnv, AUTH_SECRET: TEST_SECRET, NEXTAUTH_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', NODE_ENV: 'production' }
    : {};
}

async function runServer(kind: ServerKind, world: World, port: number): Promise<ServerResult> {
  const tracker = new Tracker();
  const r = emptyResult(kind, tracker);
  const url = `ws://127.0.0.1:${port}/sync`;
  const lintas = kind === 'lintas';
  const pgMeasured = lintas && config.db === 'postgres';
  const N = config.editors;
  const logs: string[] = [];

  const start = async (): Promise<ServerHandle> => {
    const server = await startServer(kind, {
      port,
      env: serverEnv(kind),
      onLog: (line) => {
        logs.push(line);
        process.stderr.write(`[${kind} server] ${line}\n`);
      },
    });
    r.startMs.push(server.startMs);
    return server;
  };
  const client = (options: Omit<ClientOptions, 'url' | 'tracker' | 'acks'>): BenchClient => {
    const c = new BenchClient({ ...options, url, tracker, acks: lintas });
    liveClients.add(c);
    return c;
  };
  const drop = (clients: Iterable<BenchClient>) => {
    for (const c of clients) {
      c.destroy();
      liveClients.delete(c);
    }
  };
  const presence = (k: number, editing: string | null = null) => ({
    user: { id: world.editors[k].id, name: world.editors[k].name },
    color: '#3366aa',
    editing,
    cursor: null,
  });
  const mustSync = async (clients: BenchClient[], what: string, timeout = 120_000) => {
    if (!(await waitUntil(() => clients.every((c) => c.synced), timeout, 5))) {
      const n = clients.filter((c) => !c.synced).length;
      throw new Error(`${kind}: ${n}/${clients.length} clients did not sync (${what}) within ${timeout / 1000} s`);
    }
  };

  // 1. Initial sync of the big map, on a fresh server each time. Each measured client joins from
  // a worker thread of its own (FreshJoiner), started before the server, so that a join measures
  // the server and one client alone in its thread, not the bench process (its heap, its GCs).
  //  a. Warmed clients (Yjs already ran in the thread, as in a tab that opened a map before):
  //     the first join, cold from the database; a second client joining the open room; Lintas:
  //     a cold room in a process that already served the map.
  //  b. A cold client (a thread that never ran Yjs) on another fresh server: what a first visit
  //     costs a client, whatever the server.
  const joinerData = (k: number | null, warm: boolean) => ({
    url,
    mapId: world.bigMap,
    cookie: k === null ? undefined : world.editors[k].cookie,
    lintas,
    warmWith: warm ? world.bigDoc.state : undefined,
  });
  const measuredJoin = async (joiner: FreshJoiner, what: string) => {
    const j = await joiner.join(60_000);
    if (!j.synced) throw new Error(`${kind}: ${what} did not sync within 60 s (closes ${j.closeCodes.join(',') || 'none'})`);
    if (j.cards !== world.bigCards) throw new Error(`${kind}: big map has ${j.cards} cards for ${what}, expected ${world.bigCards}`);
    if (j.errors.length) throw new Error(`${kind}: ${what} got error frames ${j.errors.join(', ')}`);
    return j;
  };
  /** A fresh server, quiet, holding the big map (the reference: brought by a seeding client). */
  const bigMapServer = async () => {
    const server = await start();
    await awaitQuiet(server, `${kind} big-map join`);
    let seeder: BenchClient | null = null;
    if (!lintas) {
      seeder = client({ mapId: world.bigMap, initial: world.bigDoc.state });
      seeder.connect();
      await mustSync([seeder], 'big map, seeding client', 60_000);
      // The seeder's sync step 2 (the whole map) arrives after it synced: wait until the server
      // has applied it (its CPU goes quiet) before the measured join.
      await waitCpuIdle(server);
    }
    return {
      server,
      close: async () => {
        if (seeder) drop([seeder]);
        await sleep(300);
        await server.close();
      },
    };
  };
  const fresh: FreshJoiner[] = [];
  for (let run = 0; run < config.joinRuns; run++) {
    for (const k of lintas ? [0, 1, 0] : [null, null]) fresh.push(await FreshJoiner.start(joinerData(k, true)));
    const [first, second, third] = fresh;
    const a = await bigMapServer();
    const j1 = await measuredJoin(first, 'big map, first client');
    r.joinFirst.push(j1.syncedAt - j1.connectStartedAt);
    r.joinUpgrade.push(j1.openedAt - j1.connectStartedAt);
    r.joinOpenToMap.push(j1.step2ArrivedAt - j1.openedAt);
    r.joinApply.push(j1.syncedAt - j1.step2ArrivedAt);
    const j2 = await measuredJoin(second, 'big map, second client');
    r.joinSecond.push(j2.syncedAt - j2.connectStartedAt);
    if (lintas) {
      await Promise.all([first.destroy(), second.destroy()]);
      // Once the room has unloaded (last client gone, compaction done), a cold join again in a
      // process that is no longer fresh: the database and Yjs part without the JIT warm-up.
      await sleep(500);
      await waitCpuIdle(a.server);
      const j3 = await measuredJoin(third, 'big map, cold room in a warm process');
      r.joinColdWarm.push(j3.syncedAt - j3.connectStartedAt);
      r.joinColdWarmServer.push(j3.step2ArrivedAt - j3.connectStartedAt);
    }
    await Promise.all(fresh.splice(0).map((j) => j.destroy()));
    await a.close();

    fresh.push(await FreshJoiner.start(joinerData(lintas ? 0 : null, false)));
    const b = await bigMapServer();
    const jc = await measuredJoin(fresh[0], 'big map, cold client');
    r.joinColdClient.push(jc.syncedAt - jc.connectStartedAt);
    r.joinColdClientApply.push(jc.syncedAt - jc.step2ArrivedAt);
    await Promise.all(fresh.splice(0).map((j) => j.destroy()));
    await b.close();
    log(
      `${kind}: big map join ${run + 1}/${config.joinRuns}: ${fmt(r.joinFirst.at(-1))} ms (second client ${fmt(r.joinSecond.at(-1))} ms, a cold client ${fmt(r.joinColdClient.at(-1))} ms)`,
    );
  }

  if (config.joinsOnly) return r;

  // 2. Idle connections: RSS before and after connecting them, on a fresh server.
  let server = await start();
  await awaitQuiet(server, `${kind} idle memory`);
  await server.gc();
  r.idleRssBase = server.rssBytes();
  const mem0 = await server.memory();
  const idle: BenchClient[] = [];
  const idleMaps = Math.ceil(config.idleClients / config.idlePerMap);
  for (let i = 0; i < config.idleClients; i++) {
    const k = i % N;
    idle.push(
      client({
        mapId: world.idleMaps[Math.floor(i / config.idlePerMap) % idleMaps],
        cookie: world.editors[k].cookie,
        initial: world.editDoc.state,
        presence: presence(k),
      }),
    );
  }
  const idleStart = performance.now();
  for (const c of idle) c.connect();
  await mustSync(idle, 'idle clients');
  r.idleConnectMs = Math.max(...idle.map((c) => c.syncedAt)) - idleStart;
  await sleep(2000);
  await server.gc();
  const idleRss = server.rssBytes();
  const mem1 = await server.memory();
  r.idleRssPer1000 = ((idleRss - r.idleRssBase) / idle.length) * 1000;
  if (mem0 && mem1) {
    r.idleHeapPer1000 = ((mem1.heapUsed - mem0.heapUsed) / idle.length) * 1000;
    r.idleExternalPer1000 = ((mem1.external - mem0.external) / idle.length) * 1000;
  }
  r.unexpectedCloses += idle.reduce((s, c) => s + c.closes, 0);
  drop(idle);
  await sleep(3000);
  await server.gc();
  r.idleRssAfterLeave = server.rssBytes();
  const mem2 = await server.memory();
  if (mem0 && mem2) r.idleHeapAfterLeave = mem2.heapUsed - mem0.heapUsed;
  log(
    `${kind}: ${idle.length} idle clients: +${fmt((idleRss - r.idleRssBase) / 2 ** 20)} MiB (${fmt(r.idleRssPer1000 / 2 ** 20)} MiB per 1,000), connected in ${fmt(r.idleConnectMs)} ms`,
  );
  // The edit workload gets a fresh server, as every later round does. On the server that had the
  // forced full GCs above (needed to read RSS), Lintas's next window read 2.5–4.5× the reference's
  // p95 in 6 of 7 runs; without the GCs (two samples), 10.5 ms against 16–25 ms in its later
  // rounds, and 1.11× on a fresh server.
  await server.close();
  server = await start();

  // 3. The edit workload: D maps × N editors, each typing into its own card at `rate` edits/s.
  //    The editors live in worker threads (all clients of a map in one worker): one thread for
  //    500 providers saturates at 1,000 edits/s and the bench would measure its own queue.
  const pool = await EditorPool.start({ url, lintas, world, workers: config.workers });
  try {
    const connected = await pool.all<{ synced: boolean }>('connect', { timeout: 120_000 }, 130_000);
    if (!connected.every((c) => c.synced)) throw new Error(`${kind}: editors did not sync within 120 s`);
    const statsOf = async () => {
      const all = await pool.all<{ closes: number; errors: string[] }>('stats');
      return { closes: all.reduce((a, x) => a + x.closes, 0), errors: all.flatMap((x) => x.errors) };
    };

    // The machine is shared: a window during which other processes used more than `quiet` % of
    // a core is measured again (at most `retries` more times); the last attempt is kept.
    for (let attempt = 0; ; attempt++) {
      r.openOthersBefore = await awaitQuiet(server, `${kind} edit workload`, false);
      r.openAttempts = attempt + 1;
      // After the measured window, editing goes on (unmeasured "tail") while the measured edits
      // drain, and the server is killed in the middle of it: acks are checked under load.
      const startAt = absNow() + 300;
      await pool.all('openLoop', { startAt, warmup: config.warmup, duration: config.duration, tailSeconds: 40, rate: config.rate });
      const w = await measureWindow(server, pgMeasured, startAt + config.warmup * 1000, config.duration, () => void server.loopReset());
      r.serverLoop = await server.loopRead();
      r.loadAvg = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      r.otherCpuPct = w.otherCpuPct;
      r.rssUnderLoad = server.rssBytes();
      const results = await pool.all<OpenResults>('openResults', { drainMs: 10_000 }, 60_000);
      r.open = tracker.newPhase('open');
      r.open.broadcast = Samples.merge(results.map((x) => x.broadcast));
      r.open.ack = Samples.merge(results.map((x) => x.ack));
      r.open.edits = sum(results.map((x) => x.edits));
      r.open.observations = sum(results.map((x) => x.observations));
      r.open.acks = sum(results.map((x) => x.acks));
      r.openExpected = sum(results.map((x) => x.expected));
      r.openDelivered = r.open.observations;
      r.openFullyDelivered = sum(results.map((x) => x.fullyDelivered));
      r.openAcked = r.open.acks;
      r.openSkipped = sum(results.map((x) => x.skipped));
      r.loopDelayP99 = Math.max(...results.map((x) => x.lagP99));
      r.unexpectedCloses += sum(results.map((x) => x.closes));
      r.openSeconds = w.windowMs / 1000;
      r.cpuPerEditUs = (w.serverMs * 1000) / r.open.edits;
      r.pgCpuPerEditUs = (w.pgMs * 1000) / r.open.edits;
      r.serverCpuPct = (w.serverMs / w.windowMs) * 100;
      r.pgCpuPct = (w.pgMs / w.windowMs) * 100;
      r.benchCpuPct = (w.benchMs / w.windowMs) * 100;
      log(
        `${kind}: open loop ${r.open.edits} edits in ${fmt(r.openSeconds)} s, broadcast p95 ${fmt(r.open.broadcast.p(95))} ms` +
          (lintas ? `, ack p95 ${fmt(r.open.ack.p(95))} ms` : '') +
          `, server CPU ${fmt(r.serverCpuPct)} %, bench CPU ${fmt(r.benchCpuPct)} %, other processes ${fmt(r.otherCpuPct)} %`,
      );
      if (r.otherCpuPct < config.quiet || attempt >= config.retries) {
        if (r.otherCpuPct >= config.quiet) quietMisses.push(`${kind} edit window (${fmt(r.otherCpuPct)} %)`);
        break;
      }
      log(`${kind}: other processes used ${fmt(r.otherCpuPct)} % of a core during the window: measuring again`);
      await pool.all('stopLoop');
      await pool.all('waitAcked', { timeout: 20_000 }, 30_000);
      await sleep(1000);
    }
    await sleep(500);

    // 4. kill -9 while the tail is typing; (Lintas) every acknowledged edit must be in the
    //    database; restart; reconnect. The server stays down for the same time with both
    //    servers (clients back off to the provider's maximum, 2.5 s, meanwhile).
    const killedAt = performance.now();
    await server.kill();
    const stopped = await pool.all<{ tailEdits: number }>('stopLoop');
    r.tailEdits = sum(stopped.map((x) => x.tailEdits));
    await pool.all('waitDesynced', { timeout: 10_000 }, 20_000);
    if (lintas) {
      const state = await pool.all<{ maps: { index: number; acked: number[]; unacked: number[] }[] }>('ackState');
      const acked = new Map<number, number[]>();
      const unacked = new Map<number, number[]>();
      for (const w of state) {
        for (const m of w.maps) {
          acked.set(m.index, m.acked);
          unacked.set(m.index, m.unacked);
        }
      }
      const stored = await storedMarkers(world);
      const a = countMissing(stored, acked);
      const u = countMissing(stored, unacked);
      r.ackedLost = a.missing;
      r.ackedChecked = a.checked;
      r.unackedTotal = u.checked;
      r.unackedPresent = u.checked - u.missing;
      log(
        `lintas: after kill -9: ${r.ackedLost} of ${r.ackedChecked} acknowledged edits missing; ` +
          `${r.unackedPresent} of ${r.unackedTotal} unacknowledged edits stored anyway`,
      );
    }
    const downtime = killedAt + config.downtime * 1000 - performance.now();
    if (downtime > 0) await sleep(downtime);
    await awaitQuiet(null, `${kind} reconnect`);
    server = await start();
    const readyAbs = performance.timeOrigin + server.readyAt;
    const resync = await pool.all<{ ok: boolean; unsynced: number; syncedAt: number[]; lastAttemptAt: number[] }>(
      'waitSynced',
      { timeout: 180_000 },
      190_000,
    );
    if (!resync.every((x) => x.ok))
      throw new Error(`${kind}: ${sum(resync.map((x) => x.unsynced))} clients did not re-sync after the restart`);
    const syncedAt = resync.flatMap((x) => x.syncedAt);
    const attemptAt = resync.flatMap((x) => x.lastAttemptAt);
    const lastSync = Math.max(...syncedAt);
    r.reconnectClients = syncedAt.length;
    r.reconnectFromReady = lastSync - readyAbs;
    r.reconnectFromKill = lastSync - (performance.timeOrigin + killedAt);
    // The provider backs off without jitter: clients disconnected together retry together, so
    // "from ready" carries a 0–2.5 s phase that has nothing to do with the server. And when the
    // server starts listening in the middle of one round of attempts (500 spread over tens of
    // ms), that round's early ones are refused and succeed a round (2.5 s) later: "first attempt
    // → all synced" then measures the back-off too (PostgreSQL, 4 December 2026: 48 clients in
    // 467 ms, then 452 more 2.5 s later). So the row is the slowest round's first attempt → its
    // last client synced.
    r.reconnectRounds = backoffRounds(attemptAt, syncedAt);
    r.reconnectWave = Math.max(...r.reconnectRounds.map((round) => round.wave));
    const handling = new Samples();
    syncedAt.forEach((t, i) => handling.push(t - attemptAt[i]));
    r.reconnectAttemptP50 = handling.p(50);
    r.reconnectAttemptMax = handling.max();
    log(
      `${kind}: ${r.reconnectClients} clients re-synced, the slowest back-off round in ${fmt(r.reconnectWave)} ms from its first attempt, ` +
        `${fmt(r.reconnectFromReady)} ms after it was ready ` +
        `(${fmt(r.reconnectFromKill)} ms after kill; successful attempt → synced p50 ${fmt(r.reconnectAttemptP50)} ms, max ${fmt(r.reconnectAttemptMax)} ms; ` +
        `back-off rounds: ${fmtRounds(r.reconnectRounds)})`,
    );
    await sleep(2000);
    // Closes between the kill and here are expected (the kill, refused attempts while it was down).
    const closesAfterReconnect = (await statsOf()).closes;

    // 5. Closed loop: each editor's next edit follows the moment its designated peer saw the last.
    for (let attempt = 0; ; attempt++) {
      await awaitQuiet(server, `${kind} closed loop`, false);
      const startAt = absNow() + 300;
      const warmMs = 1000;
      const durationMs = config.closedLoop * 1000;
      const running = pool.all<ClosedResults>('closedLoop', { startAt, warmMs, durationMs }, durationMs + 60_000);
      const pgc = await pgWindow(pgMeasured);
      await sleep(Math.max(0, startAt + warmMs - absNow()));
      const c0 = { t: performance.now(), cpu: server.cpuMs(), bench: process.cpuUsage(), machine: machineCpuMs() };
      pgc.start();
      await sleep(Math.max(0, startAt + warmMs + durationMs - absNow()));
      const c1 = { t: performance.now(), cpu: server.cpuMs(), bench: process.cpuUsage(c0.bench), machine: machineCpuMs(), pg: 0 };
      c1.pg = await pgc.stop();
      const results = await running;
      const done = sum(results.map((x) => x.done));
      r.closed = tracker.newPhase('closed');
      r.closed.broadcast = Samples.merge(results.map((x) => x.broadcast));
      r.closed.ack = Samples.merge(results.map((x) => x.ack));
      r.closedOtherCpuPct = Math.max(
        0,
        ((c1.machine.busy - c0.machine.busy - (c1.cpu - c0.cpu) - (c1.bench.user + c1.bench.system) / 1000 - c1.pg) / (c1.t - c0.t)) * 100,
      );
      r.closedRate = done / ((c1.t - c0.t) / 1000);
      r.closedCpuPerEditUs = ((c1.cpu - c0.cpu) * 1000) / done;
      r.closedPgCpuPerEditUs = (c1.pg * 1000) / done;
      r.closedServerCpuPct = ((c1.cpu - c0.cpu) / (c1.t - c0.t)) * 100;
      r.closedBenchCpuPct = ((c1.bench.user + c1.bench.system) / 1000 / (c1.t - c0.t)) * 100;
      r.closedLoopDelayP99 = Math.max(...results.map((x) => x.lagP99));
      log(
        `${kind}: closed loop ${fmt(r.closedRate)} edits/s, server CPU ${fmt(r.closedServerCpuPct)} %, ` +
          `bench CPU ${fmt(r.closedBenchCpuPct)} %, other processes ${fmt(r.closedOtherCpuPct)} %`,
      );
      if (r.closedOtherCpuPct < config.quiet || attempt >= config.retries) {
        if (r.closedOtherCpuPct >= config.quiet) quietMisses.push(`${kind} closed loop (${fmt(r.closedOtherCpuPct)} %)`);
        break;
      }
      log(`${kind}: other processes used ${fmt(r.closedOtherCpuPct)} % of a core during the closed loop: measuring again`);
      await sleep(1000);
    }

    // 6. Quiesce: every map's clients equal.
    const converged = await pool.all<{ converged: number }>('converged', { timeout: 20_000 }, 30_000);
    r.converged = sum(converged.map((x) => x.converged));
    const final = await statsOf();
    r.unexpectedCloses += final.closes - closesAfterReconnect;
    r.errorFrames.push(...final.errors);

    // 7. Graceful shutdown; (Lintas) every edit ever made must be stored.
    await server.close();
    if (lintas) {
      const state = await pool.all<{ maps: { index: number; acked: number[]; unacked: number[] }[] }>('ackState');
      const every = new Map<number, number[]>();
      for (const w of state) for (const m of w.maps) every.set(m.index, [...m.acked, ...m.unacked]);
      const all = countMissing(await storedMarkers(world), every);
      r.finalMissing = all.missing;
      r.finalChecked = all.checked;
      log(`lintas: after the graceful shutdown: ${r.finalMissing} of ${r.finalChecked} edits missing from the database`);
    }
  } finally {
    await pool.destroy();
  }
  r.logWarnings = logs.filter((l) => /"level":(40|50|60)|error|warn/i.test(l)).length;
  r.logSample = logs.slice(0, 5);
  return r;
}

/**
 * CPU of the PostgreSQL backends serving the bench database over a window (0 when not measured).
 * Shared background processes (WAL writer, checkpointer) are not counted.
 */
// ---- one more edit window (`--edit-rounds`) ----

interface RoundResult {
  /** Lintas ran with BENCH_LINTAS_ALT_ENV. */
  alt?: boolean;
  /** The second window (`--late-window`), when measured. */
  late?: Omit<RoundResult, 'alt' | 'late'>;
  broadcast: Samples;
  ack: Samples;
  /** Server CPU per edit (with PostgreSQL's processes for Lintas on PostgreSQL), µs. */
  cpuPerEditUs: number;
  otherCpuPct: number;
  /** The bench workers' event-loop delay p99 (ms): hundreds of ms mean the round timed the bench's own queue. */
  benchDelayP99: number;
}

/** Phase 3's measured window alone, on a fresh server: the same editors, load and measurement. */
async function editRound(kind: ServerKind, world: World, port: number, extraEnv: Record<string, string> = {}): Promise<RoundResult> {
  const lintas = kind === 'lintas';
  if (lintas) {
    // The same document as the reference serves: the first one, not every earlier round's edits.
    const database = await storage!.open();
    try {
      await journaledStore(database).close(); // a journal left by an earlier server is folded first
      await resetEditMaps(database.db, world);
    } finally {
      await database.close();
    }
  }
  const server = await startServer(kind, {
    port,
    env: { ...serverEnv(kind), ...extraEnv },
    onLog: (line) => process.stderr.write(`[${kind} server] ${line}\n`),
  });
  const pool = await EditorPool.start({ url: `ws://127.0.0.1:${port}/sync`, lintas, world, workers: config.workers });
  try {
    const connected = await pool.all<{ synced: boolean }>('connect', { timeout: 120_000 }, 130_000);
    if (!connected.every((c) => c.synced)) throw new Error(`${kind}: editors did not sync within 120 s`);
    await awaitQuiet(server, `${kind} edit round`, false);
    const startAt = absNow() + 300;
    const late = config.lateWindow;
    await pool.all('openLoop', { startAt, warmup: config.warmup, duration: config.duration, late, tailSeconds: 5, rate: config.rate });
    const windowStart = startAt + config.warmup * 1000;
    const pgMeasured = lintas && config.db === 'postgres';
    const w = await measureWindow(server, pgMeasured, windowStart, config.duration, () => void server.loopReset());
    await server.loopRead(); // ends the window's CPU profile (BENCH_PROFILE_DIR)
    const wLate = late > 0 ? await measureWindow(server, pgMeasured, windowStart + config.duration * 1000, late) : null;
    const results = await pool.all<OpenResults>('openResults', { drainMs: 10_000 }, 60_000 + late * 1000);
    await pool.all('stopLoop');
    if (lintas) await pool.all('waitAcked', { timeout: 20_000 }, 30_000);
    const edits = sum(results.map((x) => x.edits));
    const lateEdits = sum(results.map((x) => x.late?.edits ?? 0));
    return {
      broadcast: Samples.merge(results.map((x) => x.broadcast)),
      ack: Samples.merge(results.map((x) => x.ack)),
      cpuPerEditUs: ((w.serverMs + w.pgMs) * 1000) / edits,
      otherCpuPct: w.otherCpuPct,
      benchDelayP99: Math.max(...results.map((x) => x.lagP99)),
      late: wLate
        ? {
            broadcast: Samples.merge(results.map((x) => x.late!.broadcast)),
            ack: Samples.merge(results.map((x) => x.late!.ack)),
            cpuPerEditUs: ((wLate.serverMs + wLate.pgMs) * 1000) / lateEdits,
            otherCpuPct: wLate.otherCpuPct,
            benchDelayP99: Math.max(...results.map((x) => x.late!.lagP99)),
          }
        : undefined,
    };
  } finally {
    await pool.destroy();
    await server.close();
  }
}

/** CPU used during phase 3's measured window (ms), and by processes other than ours (% of a core). */
interface WindowCpu {
  windowMs: number;
  serverMs: number;
  /** PostgreSQL's processes (0 unless measured). */
  pgMs: number;
  benchMs: number;
  otherCpuPct: number;
}

/**
 * Waits until `windowStart` (absolute ms) and measures the `seconds` after it; `atStart` runs as
 * the window opens.
 */
async function measureWindow(
  server: ServerHandle,
  pgMeasured: boolean,
  windowStart: number,
  seconds: number,
  atStart?: () => void,
): Promise<WindowCpu> {
  const pg = await pgWindow(pgMeasured);
  await sleep(Math.max(0, windowStart - absNow()));
  const m0 = { t: performance.now(), cpu: server.cpuMs(), bench: process.cpuUsage(), machine: machineCpuMs() };
  pg.start();
  atStart?.();
  await sleep(Math.max(0, windowStart + seconds * 1000 - absNow()));
  const m1 = { t: performance.now(), cpu: server.cpuMs(), bench: process.cpuUsage(m0.bench), machine: machineCpuMs() };
  const pgMs = await pg.stop();
  const windowMs = m1.t - m0.t;
  const serverMs = m1.cpu - m0.cpu;
  const benchMs = (m1.bench.user + m1.bench.system) / 1000;
  const otherCpuPct = Math.max(0, ((m1.machine.busy - m0.machine.busy - serverMs - benchMs - pgMs) / windowMs) * 100);
  return { windowMs, serverMs, pgMs, benchMs, otherCpuPct };
}

async function pgWindow(enabled: boolean): Promise<{ start(): void; stop(): Promise<number> }> {
  if (!enabled) return { start() {}, stop: async () => 0 };
  const pids = await storage!.backendPids();
  let before = new Map<number, number>();
  return {
    start() {
      before = cpuOf(pids);
    },
    async stop() {
      const after = cpuOf(pids);
      for (const pid of await storage!.backendPids()) if (!after.has(pid)) after.set(pid, cpuOf([pid]).get(pid)!);
      return cpuDelta(before, after);
    },
  };
}

/**
 * The machine is shared: before a measurement, wait until processes other than the server and
 * the bench use less than `config.quiet` % of a core over 2 s (at most `config.quietWait` s).
 * Answers the other processes' load seen last, in % of a core.
 */
async function awaitQuiet(server: ServerHandle | null, what: string, record = true): Promise<number> {
  const end = performance.now() + config.quietWait * 1000;
  let others = NaN;
  for (;;) {
    const a = { m: machineCpuMs(), s: server?.cpuMs() ?? 0, b: process.cpuUsage(), t: performance.now() };
    await sleep(2000);
    const b = { m: machineCpuMs(), s: server?.cpuMs() ?? 0, b: process.cpuUsage(a.b), t: performance.now() };
    others = ((b.m.busy - a.m.busy - (b.s - a.s) - (b.b.user + b.b.system) / 1000) / (b.t - a.t)) * 100;
    if (others < config.quiet) return others;
    if (performance.now() > end) {
      log(`machine busy before ${what}: other processes use ${fmt(others)} % of a core; measuring anyway`);
      if (record) quietMisses.push(`${what} (${fmt(others)} %)`);
      return others;
    }
  }
}
const quietMisses: string[] = [];

/** Resolves once the server used less than 20 ms of CPU in 300 ms (bounded by 20 s). */
async function waitCpuIdle(server: ServerHandle): Promise<void> {
  const end = performance.now() + 20_000;
  let last = server.cpuMs();
  while (performance.now() < end) {
    await sleep(300);
    const now = server.cpuMs();
    if (now - last < 20) return;
    last = now;
  }
}

/** The sync server's store on `database`, with its journal (PGlite in a folder, SPEC [JR1]). */
function journaledStore(database: Database): DrizzleMapStore {
  return new DrizzleMapStore({ db: database.db, journal: database.journalDir ? { dir: database.journalDir } : null });
}

/** Marker ids found in each edit map, cold-loaded from the database (no server running). */
async function storedMarkers(world: World): Promise<Set<number>[]> {
  const database = await storage!.open();
  try {
    // As the server reads a map: with what its journal holds (after a kill -9: what recovery folds).
    const store = journaledStore(database);
    const stored: Set<number>[] = [];
    for (const mapId of world.editMaps) {
      const data = await store.load(mapId);
      const doc = new Y.Doc();
      if (data) Y.applyUpdate(doc, data);
      stored.push(markersIn(doc));
      doc.destroy();
    }
    await store.close();
    return stored;
  } finally {
    await database.close();
  }
}

/** How many of `expected` (edit ids by map index) are missing from `stored`. */
function countMissing(stored: Set<number>[], expected: Map<number, number[]>): { checked: number; missing: number } {
  let checked = 0;
  let missing = 0;
  for (const [m, ids] of expected) {
    for (const id of ids) {
      checked++;
      if (!stored[m].has(id)) missing++;
    }
  }
  return { checked, missing };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

interface OpenResults {
  edits: number;
  observations: number;
  expected: number;
  fullyDelivered: number;
  acks: number;
  skipped: number;
  broadcast: Float64Array;
  ack: Float64Array;
  lagP99: number;
  /** The second window (`--late-window`). */
  late: { edits: number; broadcast: Float64Array; ack: Float64Array; lagP99: number } | null;
  closes: number;
}

interface ClosedResults {
  done: number;
  broadcast: Float64Array;
  ack: Float64Array;
  lagP99: number;
}

// ---- the table ----

function printTable(results: Partial<Record<ServerKind, ServerResult>>, world: World) {
  const L = results.lintas;
  const R = results.reference;
  const mark = (ok: boolean | null) => (ok === null ? '' : ok ? ' ✅' : ' ❌');
  const cmp = (v: number, limit: number) => (Number.isNaN(v) ? null : v <= limit);
  const MiB = 2 ** 20;
  const rows: string[][] = [];
  const row = (metric: string, l: string, r: string, ratioValue: number, target: string, stretch: string) =>
    rows.push([metric, l, r, fmt(ratioValue, '×'), target, stretch]);
  const ms = (v: number | undefined) => fmt(v, 'ms');
  const bp = (p: number) => [L?.open.broadcast.p(p) ?? NaN, R?.open.broadcast.p(p) ?? NaN];
  const D = config.maps;
  const N = config.editors;

  const [b50l, b50r] = bp(50);
  const [b95l, b95r] = bp(95);
  const [b99l, b99r] = bp(99);
  row('edit → other client, p50', ms(b50l), ms(b50r), ratio(b50l, b50r), '', '');
  const b95ratio = ratio(b95l, b95r);
  row(
    'edit → other client, p95',
    ms(b95l),
    ms(b95r),
    b95ratio,
    `≤ 1.2× ref${mark(cmp(b95ratio, 1.2))}`,
    `≤ 1.0×${mark(cmp(b95ratio, 1.0))}`,
  );
  row('edit → other client, p99', ms(b99l), ms(b99r), ratio(b99l, b99r), '', '');
  const a = (p: number) => L?.open.ack.p(p) ?? NaN;
  row('edit → durable ack, p50', ms(a(50)), 'n/a (no acks)', NaN, '', '');
  row('edit → durable ack, p95', ms(a(95)), 'n/a (no acks)', NaN, `≤ 600 ms${mark(cmp(a(95), 600))}`, `≤ 50 ms${mark(cmp(a(95), 50))}`);
  row('edit → durable ack, p99', ms(a(99)), 'n/a (no acks)', NaN, '', '');
  const offered = (x?: ServerResult) => (x ? x.open.edits / x.openSeconds : NaN);
  row(`edits/s offered (${D}×${N} editors × ${config.rate}/s)`, fmt(offered(L)), fmt(offered(R)), ratio(offered(L), offered(R)), '', '');
  const processed = (x?: ServerResult) => (x ? x.openFullyDelivered / x.openSeconds : NaN);
  row('updates/s processed (delivered to every peer)', fmt(processed(L)), fmt(processed(R)), ratio(processed(L), processed(R)), '', '');
  const acked = L ? L.openAcked / L.openSeconds : NaN;
  row('updates/s durably acknowledged', fmt(acked), 'n/a', NaN, '', '');
  const cr = ratio(L?.closedRate, R?.closedRate);
  row(
    `max sustained edits/s (closed loop, ${D * N} editors)`,
    fmt(L?.closedRate),
    fmt(R?.closedRate),
    cr,
    '',
    `≥ 1.0×${mark(Number.isNaN(cr) ? null : cr >= 1)}`,
  );
  const cpuL = L ? L.cpuPerEditUs + (config.db === 'postgres' ? L.pgCpuPerEditUs : 0) : NaN;
  const cpuRatio = ratio(cpuL, R?.cpuPerEditUs);
  row(
    config.db === 'postgres' ? 'server CPU per edit (Lintas + PostgreSQL processes)' : 'server CPU per edit (PGlite in-process)',
    fmt(cpuL, 'µs'),
    fmt(R?.cpuPerEditUs, 'µs'),
    cpuRatio,
    '',
    `≤ 1.0×${mark(cmp(cpuRatio, 1.0))}`,
  );
  if (config.db === 'postgres') row('… of which PostgreSQL', fmt(L?.pgCpuPerEditUs, 'µs'), '—', NaN, '', '');
  row(
    'server CPU during the window',
    fmt(L?.serverCpuPct, '%'),
    fmt(R?.serverCpuPct, '%'),
    ratio(L?.serverCpuPct, R?.serverCpuPct),
    '',
    '',
  );
  row(
    'acknowledged edits lost (kill -9 while editing, after the run)',
    L ? `${L.ackedLost} of ${L.ackedChecked}` : '—',
    'n/a (in memory)',
    NaN,
    `0${mark(L ? L.ackedLost === 0 : null)}`,
    '',
  );
  const idleRatio = ratio(L?.idleRssPer1000, R?.idleRssPer1000);
  row(
    `server RSS per 1,000 idle connections (${config.idleClients} clients, ${config.idlePerMap}/map)`,
    fmt((L?.idleRssPer1000 ?? NaN) / MiB, 'MiB'),
    fmt((R?.idleRssPer1000 ?? NaN) / MiB, 'MiB'),
    idleRatio,
    '',
    `≤ 1.0×${mark(cmp(idleRatio, 1.0))}`,
  );
  const jl = median(L?.joinFirst ?? []);
  const jr = median(R?.joinFirst ?? []);
  const joinRatio = ratio(jl, jr);
  row(
    `initial sync, ${world.bigCards.toLocaleString('en-US')}-card map (${fmtBytes(world.bigDoc.state.byteLength)}; Lintas cold from DB, ref in memory; a warmed client in its own thread)`,
    ms(jl),
    ms(jr),
    joinRatio,
    `≤ 300 ms${mark(cmp(jl, 300))}`,
    `≤ 1.0×${mark(cmp(joinRatio, 1.0))}`,
  );
  const wl = median(L?.joinSecond ?? []);
  const wr = median(R?.joinSecond ?? []);
  row('… a second client joining the open room', ms(wl), ms(wr), ratio(wl, wr), '', '');
  const sl = median((L?.joinUpgrade ?? []).map((u, i) => u + L!.joinOpenToMap[i]));
  const sr = median((R?.joinUpgrade ?? []).map((u, i) => u + R!.joinOpenToMap[i]));
  row("… of which the server's part (connect → the map arrived whole)", ms(sl), ms(sr), ratio(sl, sr), '', '');
  const coldL = median(L?.joinColdClient ?? []);
  const coldR = median(R?.joinColdClient ?? []);
  row(
    `… a cold client (its thread never ran Yjs; its apply ${ms(median(L?.joinColdClientApply ?? []))} / ${ms(median(R?.joinColdClientApply ?? []))})`,
    ms(coldL),
    ms(coldR),
    ratio(coldL, coldR),
    '',
    '',
  );
  const rc = ratio(L?.reconnectWave, R?.reconnectWave);
  row(
    `${L?.reconnectClients ?? R?.reconnectClients ?? D * N} clients reconnect after kill -9 + restart (per back-off round, first attempt → last synced; the slowest round)`,
    ms(L?.reconnectWave),
    ms(R?.reconnectWave),
    rc,
    '',
    `≤ 1.0×${mark(cmp(rc, 1.0))}`,
  );
  row(
    '… from the new server listening (adds the provider back-off phase, 0–2.5 s)',
    ms(L?.reconnectFromReady),
    ms(R?.reconnectFromReady),
    ratio(L?.reconnectFromReady, R?.reconnectFromReady),
    '',
    '',
  );
  const header = ['metric', 'Lintas', 'reference', 'ratio (Lintas/ref)', 'issue target', 'stretch target (DESIGN.md)'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  const out: string[] = [];
  out.push(`### Sync benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push('');
  out.push(
    `Workload: ${D} maps × ${N} editors (stock y-websocket ${pkgVersion('y-websocket')} providers in the bench process, editors in ${config.workers} worker threads), ` +
      `${config.rate} edits/s each into their own card's Y.Text, ${config.warmup} s warm-up + ${config.duration} s measured; ` +
      `Lintas on **${config.db === 'postgres' ? 'PostgreSQL' : 'PGlite'}**, persisting and acknowledging every update; reference = y-websocket ${pkgVersion('y-websocket-ref')} bin/utils, in memory. ` +
      `Servers measured one after the other, each alone (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}).`,
  );
  const busy = [L, R]
    .filter((x): x is ServerResult => !!x)
    .map((x) => `${x.kind === 'lintas' ? 'Lintas' : 'reference'} ${fmt(x.otherCpuPct)} %`);
  out.push('');
  out.push(
    `Other processes on the machine during the edit windows (% of one core): ${busy.join(', ')}` +
      (quietMisses.length ? ` — ⚠ measured on a busy machine: ${quietMisses.join('; ')}` : ''),
  );
  out.push('');
  out.push(...lines);
  out.push('');
  out.push('Details:');
  for (const x of [L, R]) {
    if (!x) continue;
    const name = x.kind === 'lintas' ? 'Lintas' : 'reference';
    out.push(
      `- ${name}: edit window attempts ${x.openAttempts}; deliveries ${x.openDelivered}/${x.openExpected} (${fmt((x.openDelivered / x.openExpected) * 100, '%')}), ` +
        `edits skipped while disconnected ${x.openSkipped}; bench process CPU ${fmt(x.benchCpuPct, '%')} (closed loop ${fmt(x.closedBenchCpuPct, '%')}), ` +
        `bench workers event-loop delay p99 ${fmt(x.loopDelayP99, 'ms')} (closed loop ${fmt(x.closedLoopDelayP99, 'ms')}); server event-loop delay p50/p99/max ${fmt(x.serverLoop?.p50, 'ms')}/${fmt(x.serverLoop?.p99, 'ms')}/${fmt(x.serverLoop?.max, 'ms')}; ` +
        `other processes on the machine ${fmt(x.otherCpuPct, '%')} of a core (closed loop ${fmt(x.closedOtherCpuPct, '%')}), load average ${x.loadAvg}; server CPU in the closed loop ${fmt(x.closedServerCpuPct, '%')}, ` +
        `${fmt(x.closedCpuPerEditUs + (x.kind === 'lintas' && config.db === 'postgres' ? x.closedPgCpuPerEditUs : 0), 'µs')}/edit; ` +
        `closed-loop broadcast p50/p95 ${fmt(x.closed.broadcast.p(50), 'ms')}/${fmt(x.closed.broadcast.p(95), 'ms')}` +
        (x.kind === 'lintas' ? `, ack p50/p95 ${fmt(x.closed.ack.p(50), 'ms')}/${fmt(x.closed.ack.p(95), 'ms')}` : '') +
        `; RSS idle baseline ${fmt(x.idleRssBase / MiB, 'MiB')}, after the idle clients left ${fmt(x.idleRssAfterLeave / MiB, 'MiB')} (V8 heap ${x.idleHeapAfterLeave >= 0 ? '+' : ''}${fmt(x.idleHeapAfterLeave / MiB, 'MiB')} over the baseline), under load ${fmt(x.rssUnderLoad / MiB, 'MiB')}; ` +
        `${config.idleClients}-client connect burst ${fmt(x.idleConnectMs, 'ms')}; reconnect from the kill ${fmt(x.reconnectFromKill, 'ms')} (down ${config.downtime} s), successful attempt → synced p50 ${fmt(x.reconnectAttemptP50, 'ms')}, max ${fmt(x.reconnectAttemptMax, 'ms')}; back-off rounds of the successful attempts ${fmtRounds(x.reconnectRounds)}; server start → listening ${x.startMs.map((v) => fmt(v)).join('/')} ms; ` +
        `big-map first joins ${x.joinFirst.map((v) => fmt(v)).join('/')} ms (upgrade ${x.joinUpgrade.map((v) => fmt(v)).join('/')} ms + open → map arrived ${x.joinOpenToMap.map((v) => fmt(v)).join('/')} ms + the client's apply ${x.joinApply.map((v) => fmt(v)).join('/')} ms), second joins ${x.joinSecond.map((v) => fmt(v)).join('/')} ms` +
        (x.kind === 'lintas'
          ? `, cold room in a warm process ${x.joinColdWarm.map((v) => fmt(v)).join('/')} ms (the server's part ${x.joinColdWarmServer.map((v) => fmt(v)).join('/')} ms)`
          : '') +
        `, cold clients ${x.joinColdClient.map((v) => fmt(v)).join('/')} ms (their apply ${x.joinColdClientApply.map((v) => fmt(v)).join('/')} ms)` +
        '; ' +
        `idle memory per 1,000 connections: V8 heap ${fmt(x.idleHeapPer1000 / MiB, 'MiB')}, external ${fmt(x.idleExternalPer1000 / MiB, 'MiB')}; maps converged ${x.converged}/${config.maps}; ` +
        `unexpected socket closes ${x.unexpectedCloses}; error frames ${x.errorFrames.length}${x.errorFrames.length ? ` (${[...new Set(x.errorFrames)].join(', ')})` : ''}; ` +
        `server log warnings/errors ${x.logWarnings}` +
        (x.kind === 'lintas'
          ? `; kill -9 during the tail (${x.tailEdits} edits after the window): unacknowledged edits stored anyway ${x.unackedPresent}/${x.unackedTotal}; edits missing after reconnect + graceful shutdown ${x.finalMissing} of ${x.finalChecked}`
          : '') +
        '.',
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** `--joins-only`: every big-map join of phase 1, per server (ms, connect → synced). */
function printJoinTable(results: Partial<Record<ServerKind, ServerResult>>, world: World) {
  const all = (xs: number[]) => (xs.length ? xs.map((v) => fmt(v)).join(' / ') : '—');
  const out = [
    `## Initial sync, ${world.bigCards.toLocaleString('en-US')}-card map (${fmtBytes(world.bigDoc.state.byteLength)}), ${config.joinRuns} × 2 fresh servers each, ${config.db}; every client in a thread of its own, warmed unless cold`,
    '',
    '| server | first join (median) | first joins | upgrade | open → map arrived | client applies | second client | cold room, warm process | a cold client | its apply |',
    '| --- | ---: | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const kind of config.servers) {
    const x = results[kind];
    if (!x) continue;
    out.push(
      `| ${kind} | ${fmt(median(x.joinFirst))} | ${all(x.joinFirst)} | ${all(x.joinUpgrade)} | ${all(x.joinOpenToMap)} | ${all(x.joinApply)} | ${all(x.joinSecond)} | ${kind === 'lintas' ? `${all(x.joinColdWarm)} (server ${all(x.joinColdWarmServer)})` : '—'} | ${all(x.joinColdClient)} | ${all(x.joinColdClientApply)} |`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `--edit-rounds`: each round's edit window, and the median of the rounds' p95 ratios. */
function printRoundsTable(rounds: Partial<Record<ServerKind, RoundResult>>[]) {
  const out = [
    '',
    `## Broadcast over ${rounds.length} edit rounds (${config.maps} maps × ${config.editors} editors × ${config.rate} edits/s, ${config.duration} s each, fresh server each, every edit map back to its first document, order alternating)`,
    '',
    "| round | first | Lintas p50 / p95 | reference p50 / p95 | p95 ratio | ack p95 | CPU per edit, Lintas / ref | bench workers' event-loop delay p99, Lintas / ref | other processes |",
    '| ---: | --- | --- | --- | ---: | ---: | --- | --- | --- |',
  ];
  const ratios: number[] = [];
  rounds.forEach((round, i) => {
    const L = round.lintas;
    const R = round.reference;
    const r95 = ratio(L?.broadcast.p(95), R?.broadcast.p(95));
    if (!Number.isNaN(r95)) ratios.push(r95);
    const first = i % 2 === 1 ? config.servers[config.servers.length - 1] : config.servers[0]; // as in main()
    out.push(
      `| ${i + 1}${L?.alt ? ' alt' : ''} | ${first} | ${fmt(L?.broadcast.p(50))} / ${fmt(L?.broadcast.p(95))} ms | ${fmt(R?.broadcast.p(50))} / ${fmt(R?.broadcast.p(95))} ms | ` +
        `${fmt(r95, '×')} | ${fmt(L?.ack.p(95), 'ms')} | ${fmt(L?.cpuPerEditUs)} / ${fmt(R?.cpuPerEditUs)} µs | ` +
        `${fmt(L?.benchDelayP99)} / ${fmt(R?.benchDelayP99)} ms | ` +
        `${fmt(L?.otherCpuPct, '%')} / ${fmt(R?.otherCpuPct, '%')} |`,
    );
  });
  const med = median(ratios);
  out.push(
    '',
    `Median of the rounds' broadcast p95 ratios: **${fmt(med, '×')}** (issue target ≤ 1.2×${Number.isNaN(med) ? '' : med <= 1.2 ? ' ✅' : ' ❌'}).`,
  );
  if (config.lateWindow > 0) {
    // Rounds 2 and later (round 1, measured with the other phases, has no second window).
    out.push(
      '',
      `### The same rounds, ${config.lateWindow} s more, right after the measured window (the same servers, older by its length; the issue's figure stays the one above)`,
      '',
      "| round | Lintas p50 / p95 | reference p50 / p95 | p95 ratio | ack p95 | CPU per edit, Lintas / ref | bench workers' event-loop delay p99, Lintas / ref |",
      '| ---: | --- | --- | ---: | ---: | --- | --- |',
    );
    const lateRatios: number[] = [];
    rounds.forEach((round, i) => {
      const L = round.lintas?.late;
      const R = round.reference?.late;
      if (!L && !R) return;
      const r95 = ratio(L?.broadcast.p(95), R?.broadcast.p(95));
      if (!Number.isNaN(r95)) lateRatios.push(r95);
      out.push(
        `| ${i + 1}${round.lintas?.alt ? ' alt' : ''} | ${fmt(L?.broadcast.p(50))} / ${fmt(L?.broadcast.p(95))} ms | ${fmt(R?.broadcast.p(50))} / ${fmt(R?.broadcast.p(95))} ms | ` +
          `${fmt(r95, '×')} | ${fmt(L?.ack.p(95), 'ms')} | ${fmt(L?.cpuPerEditUs)} / ${fmt(R?.cpuPerEditUs)} µs | ${fmt(L?.benchDelayP99)} / ${fmt(R?.benchDelayP99)} ms |`,
      );
    });
    const first = rounds.slice(1).map((r) => ratio(r.lintas?.broadcast.p(95), r.reference?.broadcast.p(95)));
    out.push(
      '',
      `Median of these rounds' broadcast p95 ratios: **${fmt(median(lateRatios), '×')}**; ` +
        `the same rounds' first windows: ${fmt(median(first.filter((x) => !Number.isNaN(x))), '×')}.`,
    );
  }
  if (config.lintasAltEnv) {
    // Round 1 (after the other phases) is left out of both sides of the A/B.
    for (const alt of [false, true]) {
      const picked = rounds.slice(1).filter((r) => (r.lintas?.alt ?? false) === alt);
      const of = (f: (L: RoundResult, R: RoundResult) => number) => median(picked.map((r) => f(r.lintas!, r.reference!)));
      out.push(
        `- Lintas ${alt ? `with \`${envText(config.lintasAltEnv)}\`` : 'as configured'} (${picked.length} rounds after the first): ` +
          `median broadcast p95 ratio ${fmt(
            of((L, R) => ratio(L.broadcast.p(95), R.broadcast.p(95))),
            '×',
          )}, ` +
          `median CPU per edit ratio ${fmt(
            of((L, R) => L.cpuPerEditUs / R.cpuPerEditUs),
            '×',
          )}, ` +
          `median ack p95 ${fmt(
            of((L) => L.ack.p(95)),
            'ms',
          )}`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Rounds 4–5, 8–9, 12–13…: each pair has one round with each server first. */
function isAltRound(round: number): boolean {
  return Math.floor((round - 2) / 2) % 2 === 1;
}

/** An environment as `NAME=value NAME2=value2` (the form `parseEnvList` reads). */
function envText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

/** `NAME=value NAME2=value2` → an environment; null when empty. */
function parseEnvList(text: string): Record<string, string> | null {
  const entries = text
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 1) throw new Error(`BENCH_LINTAS_ALT_ENV: expected NAME=value, got ${JSON.stringify(pair)}`);
      return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
    });
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function fmtBytes(n: number): string {
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '?';
  }
}

// ---- main ----

async function main(): Promise<number> {
  log(`config ${JSON.stringify(config)}`);
  storage = await createStorage(config.db);
  log(`database: ${storage.describe}`);
  const setup = await storage.open();
  const t = performance.now();
  const world = await createWorld(setup.db, {
    maps: config.maps,
    editorsPerMap: config.editors,
    idleMaps: Math.ceil(config.idleClients / config.idlePerMap),
    bigCards: config.bigCards,
  });
  await setup.close();
  log(
    `world ready in ${fmt(performance.now() - t)} ms: ${world.editMaps.length} edit maps, ${world.idleMaps.length} idle maps, big map ${world.bigCards} cards (${fmtBytes(world.bigDoc.state.byteLength)})`,
  );
  const port = await freePort();
  const results: Partial<Record<ServerKind, ServerResult>> = {};
  for (const kind of config.servers) {
    log(`---- ${kind} ----`);
    results[kind] = await runServer(kind, world, port);
    killAllChildren();
  }
  // Round 1 is the window each server measured above; later rounds alternate the order.
  const rounds: Partial<Record<ServerKind, RoundResult>>[] = [];
  if (!config.joinsOnly && config.editRounds > 1) {
    const first: Partial<Record<ServerKind, RoundResult>> = {};
    for (const [kind, r] of Object.entries(results) as [ServerKind, ServerResult][]) {
      first[kind] = {
        broadcast: r.open.broadcast,
        ack: r.open.ack,
        cpuPerEditUs: r.cpuPerEditUs + (kind === 'lintas' && config.db === 'postgres' ? r.pgCpuPerEditUs : 0),
        otherCpuPct: r.otherCpuPct,
        benchDelayP99: r.loopDelayP99,
      };
    }
    rounds.push(first);
    for (let round = 2; round <= config.editRounds; round++) {
      const order = round % 2 === 0 ? [...config.servers].reverse() : config.servers;
      const got: Partial<Record<ServerKind, RoundResult>> = {};
      for (const kind of order) {
        log(`---- ${kind}: edit round ${round}/${config.editRounds} ----`);
        const alt = kind === 'lintas' && config.lintasAltEnv !== null && isAltRound(round);
        if (alt) log(`lintas: round ${round} with ${envText(config.lintasAltEnv!)}`);
        got[kind] = { ...(await editRound(kind, world, port, alt ? config.lintasAltEnv! : {})), alt };
        log(`${kind}: edit round ${round}: broadcast p95 ${fmt(got[kind]!.broadcast.p(95))} ms, ${fmt(got[kind]!.cpuPerEditUs)} µs/edit`);
        killAllChildren();
      }
      rounds.push(got);
    }
  }
  if (config.joinsOnly) printJoinTable(results, world);
  else printTable(results, world);
  if (rounds.length > 1) printRoundsTable(rounds);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  log('bench failed:', err instanceof Error ? (err.stack ?? err.message) : String(err));
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
