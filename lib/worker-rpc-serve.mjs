// The worker side of lib/worker-rpc.ts. Plain JavaScript on purpose: worker files are loaded by
// Node as they are (from the dev server, the bundled `dist/server.mjs`, the tests and the
// benches), never through a TypeScript loader or a bundler.
import { parentPort } from 'node:worker_threads';

/** The fields of an error worth carrying across (PostgreSQL's `code`, `constraint`, …). */
export function errorFields(err) {
  const out = { name: err?.name ?? 'Error', message: String(err?.message ?? err) };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) {
      if (k !== 'query' && k !== 'params' && (typeof v === 'string' || typeof v === 'number')) out[k] = v;
    }
  }
  return out;
}

/** Tells the parent the worker could not start, then ends it. */
export function failStart(err) {
  parentPort.postMessage({ type: 'failed', error: errorFields(err) });
  process.exit(1);
}

/**
 * Answers every request with `handle(request)`: `{ id, ok: true, result }` or `{ id, ok: false,
 * error }`. `handle` may return `{ result, transfer }` through `transferring()` to move buffers.
 * Sends `{ type: 'ready' }` once listening.
 */
export function serve(handle) {
  parentPort.on('message', (msg) => {
    Promise.resolve()
      .then(() => handle(msg))
      .then(
        (result) => {
          if (result instanceof Transferring) parentPort.postMessage({ id: msg.id, ok: true, result: result.value }, result.transfer);
          else parentPort.postMessage({ id: msg.id, ok: true, result });
        },
        (err) => parentPort.postMessage({ id: msg.id, ok: false, error: errorFields(err) }),
      );
  });
  parentPort.postMessage({ type: 'ready' });
}

class Transferring {
  constructor(value, transfer) {
    this.value = value;
    this.transfer = transfer;
  }
}

/** A result whose buffers move to the parent instead of being copied. */
export function transferring(value, transfer) {
  return new Transferring(value, transfer);
}
