// A tiny sync server for tests that kill a process: opens the database from the environment
// (DATABASE_URL, or PGlite in LINTAS_DATA_DIR), serves /sync/* and prints `DB=<kind>[/worker] PORT=<n>` when ready.
// Run with `node --import tsx test/sync/fixture-server.ts`; needs AUTH_SECRET.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, setDatabase } from '@/db/client';
import { PGliteThreadClient } from '@/db/pglite-thread';
import { attachSync } from '@/lib/sync/server';

const url = process.env.DATABASE_URL;
const dataDir = process.env.LINTAS_DATA_DIR;
if (!url && !dataDir) throw new Error('set DATABASE_URL or LINTAS_DATA_DIR');
if (!process.env.AUTH_SECRET) throw new Error('set AUTH_SECRET');

const database = await openDatabase(url ? { url } : { dataDir });
setDatabase(database);
const server = http.createServer((_req, res) => res.writeHead(404).end());
const sync = attachSync(server, { listen: true });
server.listen(0, '127.0.0.1', () => {
  // Which thread runs PGlite, so a test can tell it really ran where it asked.
  const onWorker = (database.db as { $client?: unknown }).$client instanceof PGliteThreadClient;
  process.stdout.write(`DB=${database.kind}${onWorker ? '/worker' : ''} PORT=${(server.address() as AddressInfo).port}\n`);
});

const stop = async () => {
  await sync.close();
  server.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
