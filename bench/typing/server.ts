// The app server the typing bench drives: the production build (`scripts/build.mjs`, which only
// rebuilds when sources changed) run as `node dist/server.mjs` in a child process, on its own
// port and a fresh PGlite data folder that is deleted afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppServer {
  baseUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** The last lines the server wrote (for error messages). */
  tail(): string;
  stop(): Promise<void>;
}

/** `node scripts/build.mjs`: a no-op when the build is newer than every source. */
export function ensureBuilt(log: (...parts: unknown[]) => void, timeoutMs: number): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.error) throw new Error(`build failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  const rebuilt = /Building Lintas/.test(r.stdout);
  log(rebuilt ? `built the app in ${((Date.now() - started) / 1000).toFixed(0)} s` : 'build is up to date');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** `preferred` if it is free, else a port the OS picks. */
export async function pickPort(preferred: number): Promise<number> {
  if (await portFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();

/** Kills every server child still running (SIGKILL): for exit paths that cannot wait. */
export function killServers(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  children.clear();
}

export async function startAppServer(options: { port: number; startTimeoutMs: number }): Promise<AppServer> {
  const { port } = options;
  // A fresh data folder per run (PGlite: one process per folder), inside the project like the
  // e2e one, named so that .gitignore/eslint's `.lintas*` patterns cover it.
  const dataDir = path.join(ROOT, `.lintas-bench-typing-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LINTAS_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
    children.delete(child);
  });
  const tail = () => lines.slice(-30).join('\n');
  const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });

  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM'); // graceful: flushes pending appends, closes the database
      const gone = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!gone) child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 100));
    }
    children.delete(child);
    removeData();
  };

  const deadline = Date.now() + options.startTimeoutMs;
  for (;;) {
    if (exited !== undefined) {
      removeData();
      throw new Error(`the app server exited (code ${exited}) before it was ready:\n${tail()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app server was not ready within ${options.startTimeoutMs / 1000} s:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, pid: child.pid!, dataDir, tail, stop };
}
