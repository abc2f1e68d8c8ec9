// The embedded PGlite database on its own thread (started by db/pglite-thread.ts). Every
// statement runs here, so the server's event loop is not blocked while Postgres executes it.
// Plain JavaScript on purpose: this file is loaded by Node as is (from the dev server, the bundled
// `dist/server.mjs`, the tests and the benches), never through a TypeScript loader or a bundler.
//
// Messages in:  { id, op: 'query', text, params, rowMode, rawOids, txId }
//               { id, op: 'exec', text, txId } · { id, op: 'copyBytes', text, txId } · { id, op: 'begin' } · { id, op: 'commit' | 'rollback', txId }
//               { id, op: 'close' }
// Answers: lib/worker-rpc-serve.mjs ({ id, ok, result | error }).
import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { failStart, serve, transferring } from '../lib/worker-rpc-serve.mjs';

const keepRaw = (value) => value;

let pg;
try {
  pg = await PGlite.create(workerData?.dataDir ?? undefined, workerData?.startParams ? { startParams: workerData.startParams } : {});
} catch (err) {
  failStart(err);
}

/** Open transactions: id → { tx, finish(commit), settled }; `settled` ends with COMMIT or ROLLBACK. */
const transactions = new Map();
let nextTxId = 1;
const ROLLBACK = Symbol('rollback');

function target(txId) {
  if (txId == null) return pg;
  const t = transactions.get(txId);
  if (!t) throw new Error(`Transaction ${txId} is not open`);
  return t.tx;
}

function begin() {
  return new Promise((resolveBegun, rejectBegun) => {
    const id = nextTxId++;
    const entry = { tx: undefined, finish: undefined, settled: undefined };
    const decided = new Promise((resolve, reject) => {
      entry.finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
    });
    transactions.set(id, entry);
    entry.settled = pg.transaction(async (tx) => {
      entry.tx = tx;
      resolveBegun(id);
      await decided;
    });
    entry.settled.then(
      () => transactions.delete(id),
      (err) => {
        transactions.delete(id);
        if (!entry.tx) rejectBegun(err); // BEGIN itself failed
      },
    );
  });
}

async function end(txId, commit) {
  const t = transactions.get(txId);
  if (!t || !t.tx) throw new Error(`Transaction ${txId} is not open`);
  t.finish(commit);
  try {
    await t.settled;
  } catch (err) {
    if (err !== ROLLBACK) throw err; // a failed COMMIT
  }
  return null;
}

async function handle(msg) {
  switch (msg.op) {
    case 'query': {
      const options = { rowMode: msg.rowMode ?? 'object' };
      if (msg.rawOids?.length) options.parsers = Object.fromEntries(msg.rawOids.map((oid) => [oid, keepRaw]));
      return target(msg.txId).query(msg.text, msg.params ?? [], options);
    }
    case 'exec':
      return target(msg.txId).exec(msg.text);
    case 'copyBytes': {
      // COPY … TO '/dev/blob': the file's bytes move to the caller instead of being copied.
      const { blob } = await target(msg.txId).query(msg.text);
      if (!blob) throw new Error('COPY TO /dev/blob returned no blob');
      const buffer = await blob.arrayBuffer();
      return transferring(new Uint8Array(buffer), [buffer]);
    }
    case 'begin':
      return begin();
    case 'commit':
      return end(msg.txId, true);
    case 'rollback':
      return end(msg.txId, false);
    case 'close':
      await pg.close();
      return null;
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

serve(handle);
