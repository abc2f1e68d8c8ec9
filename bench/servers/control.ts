// The IPC both bench server children answer: event-loop delay ('loop-reset', 'loop-read'),
// memory ('mem'), forced GC ('gc'), and 'close' (the child's own shutdown, called once).
// With BENCH_PROFILE_DIR set, each measured window (loop-reset → loop-read) is also CPU-profiled
// into <dir>/<server>-<pid>-<n>.cpuprofile (open it in Chrome DevTools → Performance).
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const profileDir = process.env.BENCH_PROFILE_DIR;
let profiler: Session | null = null;
let profiles = 0;

async function startProfile(): Promise<void> {
  if (!profileDir || profiler) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!profileDir || !profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = null;
  fs.mkdirSync(profileDir, { recursive: true });
  const name = `${path.basename(process.argv[1] ?? 'server', '.ts')}-${process.pid}-${++profiles}.cpuprofile`;
  fs.writeFileSync(path.join(profileDir, name), JSON.stringify(profile));
}

export function serveBenchControl(close: () => Promise<void> | void): void {
  let closing = false;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'loop-reset') {
      await stopProfile();
      await startProfile();
      loop.reset();
      process.send?.({ type: 'loop-reset-done' });
    } else if (msg.type === 'loop-read') {
      await stopProfile();
      process.send?.({ type: 'loop-read-done', p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 });
    } else if (msg.type === 'mem') {
      const m = process.memoryUsage();
      process.send?.({ type: 'mem-done', rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers });
    } else if (msg.type === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      await new Promise((r) => setImmediate(r));
      gc?.();
      process.send?.({ type: 'gc-done' });
    } else if (msg.type === 'close' && !closing) {
      closing = true;
      await close();
    }
  });
}
