// Server child processes (one per measured server, started fresh, killed or closed by the bench)
// and what the kernel says about them: CPU time (/proc/<pid>/stat) and RSS (/proc/<pid>/status).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServerKind = 'lintas' | 'reference';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPTS: Record<ServerKind, string> = {
  lintas: path.resolve(here, '../servers/lintas.ts'),
  reference: path.resolve(here, '../servers/reference.ts'),
};

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  /* 100 Hz is the Linux default */
}

/** user + system CPU time of a process, in ms (10 ms resolution at 100 Hz). NaN if it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in bytes (VmRSS). NaN if it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU ms of each of `pids` (0 for those gone). */
export function cpuOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const v = cpuMs(pid);
    out.set(pid, Number.isNaN(v) ? 0 : v);
  }
  return out;
}

/** CPU ms spent between two readings of `cpuOf` (processes first seen in `after` count in full). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, v] of after) total += Math.max(0, v - (before.get(pid) ?? 0));
  return total;
}

/** CPU ms summed over every process named `postgres` on this machine (the database server). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

/** A free TCP port on 127.0.0.1 (reused for every restart of a server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();

/** Kills every server child still running (exit paths and the watchdog call this). */
export function killAllChildren(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  children.clear();
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface MemoryReading {
  rss: number;
  heapUsed: number;
  /** C++ objects bound to JS, including ArrayBuffers (PGlite's WebAssembly memory among them). */
  external: number;
  arrayBuffers: number;
}

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  /** performance.now() when the child said it was listening. */
  readyAt: number;
  /** ms from fork to listening. */
  startMs: number;
  cpuMs(): number;
  rssBytes(): number;
  /** Restarts the child's event-loop delay histogram. */
  loopReset(): Promise<void>;
  /** The child's event-loop delay since the last reset, in ms. */
  loopRead(): Promise<LoopDelay | null>;
  /** process.memoryUsage() of the child. */
  memory(): Promise<MemoryReading | null>;
  /** Runs the child's garbage collector (twice) so RSS readings are less noisy. */
  gc(): Promise<void>;
  /** Graceful: the server commits and acks what it accepted, closes sockets, exits. */
  close(timeoutMs?: number): Promise<void>;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
  /** Lines the child wrote to stdout/stderr (logs): warnings and errors are worth a look. */
  readonly logLines: string[];
}

export interface StartOptions {
  port: number;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Called with every line of the child's output. */
  onLog?: (line: string) => void;
}

export async function startServer(kind: ServerKind, options: StartOptions): Promise<ServerHandle> {
  const started = performance.now();
  const env: Record<string, string | undefined> = { ...process.env, ...options.env, BENCH_PORT: String(options.port) };
  delete env.YPERSISTENCE; // the reference keeps documents in memory only
  const child = fork(SERVER_SCRIPTS[kind], [], {
    // BENCH_SERVER_NODE_OPTIONS: extra node flags for the server children (e.g. --cpu-prof).
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean)],
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  const logLines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        if (logLines.length < 10_000) logLines.push(line);
        options.onLog?.(line);
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const waiters = new Map<string, (msg: Record<string, unknown>) => void>();
  child.on('message', (msg: { type: string }) => {
    const w = waiters.get(msg.type);
    if (w) {
      waiters.delete(msg.type);
      w(msg);
    }
  });
  /** Resolves with the child's next message of `type`, or null (timeout, exit). */
  const expectMessage = (type: string, timeoutMs: number): Promise<Record<string, unknown> | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(type);
        resolve(null);
      }, timeoutMs);
      waiters.set(type, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      void exited.then(() => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  const expect = async (type: string, timeoutMs: number): Promise<boolean> => (await expectMessage(type, timeoutMs)) !== null;

  const ready = await expect('ready', options.timeoutMs ?? 60_000);
  if (!ready) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${kind} server did not start:\n${logLines.slice(-20).join('\n')}`);
  }
  const readyAt = performance.now();
  const pid = child.pid!;
  let gone = false;
  void exited.then(() => (gone = true));
  const handle: ServerHandle = {
    kind,
    pid,
    port: options.port,
    readyAt,
    startMs: readyAt - started,
    cpuMs: () => cpuMs(pid),
    rssBytes: () => rssBytes(pid),
    loopReset: async () => {
      if (gone) return;
      const done = expect('loop-reset-done', 10_000);
      child.send({ type: 'loop-reset' });
      await done;
    },
    loopRead: async () => {
      if (gone) return null;
      const done = expectMessage('loop-read-done', 10_000);
      child.send({ type: 'loop-read' });
      return (await done) as LoopDelay | null;
    },
    memory: async () => {
      if (gone) return null;
      const done = expectMessage('mem-done', 10_000);
      child.send({ type: 'mem' });
      return (await done) as MemoryReading | null;
    },
    gc: async () => {
      if (gone) return;
      const done = expect('gc-done', 10_000);
      child.send({ type: 'gc' });
      await done;
    },
    close: async (timeoutMs = 30_000) => {
      if (gone) return;
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (gone) return;
      child.kill('SIGKILL');
      await exited;
    },
    exited,
    logLines,
  };
  return handle;
}

/** Machine-wide CPU time from /proc/stat, in ms summed over all cores: busy and total. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const idle = v[3] + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: ((total - idle) * 1000) / clockTicks, total: (total * 1000) / clockTicks };
}
