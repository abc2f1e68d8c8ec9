// The custom server: Next.js and the WebSocket sync endpoint on one port (DESIGN.md).
import http from 'node:http';
import next from 'next';
import { closeDatabase, dataDir, getDatabase } from '@/db/client';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { attachSync } from '@/lib/sync/server';
import { logger } from '@/lib/log';

const dev = process.argv.includes('--dev') || process.env.NODE_ENV === 'development';
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

async function main() {
  ensureAuthSecret(process.env, dataDir());
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;

  // Open (and migrate) the database before serving: a locked data folder or an unreachable
  // PostgreSQL is a start-up error, not a broken first request.
  const database = await getDatabase();
  logger.info({ db: database.kind, dataDir: database.kind === 'pglite' ? dataDir() : undefined, pgliteThread: database.pgliteThread }, 'database ready');

  const app = next({ dev, hostname: 'localhost', port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();

  const server = http.createServer((req, res) => {
    // The client address for sign-in throttling (a client cannot set this header itself).
    req.headers['x-lintas-remote-addr'] = req.socket.remoteAddress ?? 'unknown';
    handle(req, res).catch((err) => {
      logger.error({ err, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const sync = attachSync(server);
  server.on('upgrade', (req, socket, head) => {
    if (sync.handleUpgrade(req, socket, head)) return;
    // Next attaches its own upgrade listener (dev HMR) after the first request; forward only
    // until it has, or both would answer the same socket.
    if (server.listeners('upgrade').length > 1) return;
    nextUpgrade(req, socket, head).catch(() => socket.destroy());
  });

  server.listen(port, host, () => {
    logger.info(`Lintas ready on http://localhost:${port} (${dev ? 'development' : 'production'}, ${database.kind})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await sync.close(); // flush pending appends before the database goes
    await app.close?.();
    await closeDatabase();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, `Lintas could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
