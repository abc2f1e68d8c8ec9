// The IPC both bench server children answer: event-loop delay ('loop-reset', 'loop-read'),
// memory ('mem'), forced GC ('gc'), and 'close' (the child's own shutdown, called once).
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function serveBenchControl(close: () => Promise<void> | void): void {
  let closing = false;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', async (msg: { type: string }) => {
    if (msg.type === 'loop-reset') {
      loop.reset();
      process.send?.({ type: 'loop-reset-done' });
    } else if (msg.type === 'loop-read') {
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
