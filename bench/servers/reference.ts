// Bench child: y-websocket@2.1.0's reference server (bin/utils.cjs setupWSConnection), documents
// in memory only (YPERSISTENCE unset), no access check, on 127.0.0.1:BENCH_PORT. Same IPC as
// servers/lintas.ts: → 'ready'; 'gc' → 'gc-done'; 'close' → exit.
import http from 'node:http';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';
import { serveBenchControl } from './control';

const require = createRequire(import.meta.url);
delete process.env.YPERSISTENCE;
const { setupWSConnection } = require('y-websocket-ref/bin/utils') as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage, opts: { docName: string }) => void;
};

const port = Number(process.env.BENCH_PORT);
if (!port) {
  console.error('BENCH_PORT is required');
  process.exit(2);
}
process.on('disconnect', () => process.exit(1));

const server = http.createServer((_req, res) => res.writeHead(404).end());
// As bin/server.cjs does: a noServer WebSocketServer fed from the http server's upgrades.
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req: http.IncomingMessage) => {
  const path = (req.url ?? '/').split('?')[0];
  setupWSConnection(ws, req, { docName: path.slice('/sync/'.length) });
});
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

serveBenchControl(() => {
  for (const ws of wss.clients) ws.terminate();
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});

process.send?.({ type: 'ready' });
