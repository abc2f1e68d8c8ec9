// [PR6] Liveness pings: a socket that stops answering is cut; the pings are spread over the interval.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SyncAccess } from '@/lib/sync/access';
import { MemoryMapStore } from './memory-store';
import { startSyncServer, waitFor, type TestServer } from './helpers';

const WS = '11111111-1111-4111-8111-111111111111';
const MAP = '22222222-2222-4222-8222-222222222222';
const grant: SyncAccess = { ok: true, mapId: MAP, workspaceId: WS, mode: 'edit', user: { id: 'u1', name: 'U' } };

interface Pinged {
  ws: WebSocket;
  pings: number[];
  closedAt: number | null;
}

function open(server: TestServer, autoPong: boolean): Promise<Pinged> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url}/${MAP}`, { autoPong });
    const client: Pinged = { ws, pings: [], closedAt: null };
    ws.on('ping', () => client.pings.push(performance.now()));
    ws.on('close', () => (client.closedAt = performance.now()));
    ws.on('error', () => {});
    ws.on('open', () => resolve(client));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

describe('[PR6] liveness pings', () => {
  let server: TestServer | null = null;
  const clients: Pinged[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await server?.close();
    server = null;
  });
  const start = async (pingIntervalMs: number) => {
    server = await startSyncServer({ store: new MemoryMapStore(), resolveAccess: async () => grant, pingIntervalMs });
    return server;
  };

  it('a socket that answers no ping is cut after one interval; one that answers stays', async () => {
    const s = await start(300);
    const silent = await open(s, false);
    const answering = await open(s, true);
    clients.push(silent, answering);
    await waitFor(() => silent.closedAt !== null, { what: 'the silent socket to be cut', timeout: 3000 });
    // pinged once, then cut at its next turn: within two intervals (and some timer slack)
    expect(silent.pings.length).toBeGreaterThanOrEqual(1);
    await waitFor(() => answering.pings.length >= 3, { what: 'three pings answered', timeout: 3000 });
    expect(answering.closedAt).toBeNull();
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('the sockets of one interval are pinged in groups spread over it, not all in one turn', async () => {
    const interval = 1000;
    const s = await start(interval);
    for (let i = 0; i < 10; i++) clients.push(await open(s, true));
    await waitFor(() => clients.every((c) => c.pings.length >= 1), { what: 'every socket pinged', timeout: 4000 });
    const first = clients.map((c) => c.pings[0]);
    // ten sockets in ten groups, one group per tenth of the interval
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(interval * 0.5);
    // and each socket is still pinged once per interval
    await waitFor(() => clients.every((c) => c.pings.length >= 2), { what: 'a second ping each', timeout: 4000 });
    for (const c of clients) expect(c.pings[1] - c.pings[0]).toBeGreaterThan(interval * 0.8);
  });
});
