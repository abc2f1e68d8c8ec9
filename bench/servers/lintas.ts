// Bench child: the Lintas sync server alone on an http server (127.0.0.1:BENCH_PORT), on the
// bench's database (BENCH_DATABASE_URL for PostgreSQL, else the PGlite folder BENCH_DATA_DIR),
// with the real access check (session cookie → role). Talks to the bench over IPC:
// → { type: 'ready' } once listening; 'gc' → 'gc-done'; 'close' → graceful shutdown and exit.
import http from 'node:http';
import { openDatabase, setDatabase } from '@/db/client';
import { attachSync } from '@/lib/sync/server';
import { serveBenchControl } from './control';

const port = Number(process.env.BENCH_PORT);
const url = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_DATA_DIR || undefined;
if (!port || (!url && !dataDir)) {
  console.error('BENCH_PORT and BENCH_DATABASE_URL or BENCH_DATA_DIR are required');
  process.exit(2);
}

// The bench died (or closed the channel): leave at once, like a crash would.
process.on('disconnect', () => process.exit(1));

const database = await openDatabase(url ? { url } : { dataDir });
setDatabase(database);
const server = http.createServer((_req, res) => res.writeHead(404).end());
const sync = attachSync(server, { listen: true });
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

serveBenchControl(async () => {
  try {
    await sync.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
  } catch (err) {
    console.error('close failed', err);
    process.exit(1);
  }
  process.exit(0);
});

process.send?.({ type: 'ready' });
