// [AC6] Rights that change while a socket is open: the services publish the change, the sync
// server decides the concerned sockets again and closes (4403) those whose rights changed, on
// both databases, with the real policy and the stock provider (which stops on 4403).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import type { Role } from '@/db/schema';
import { removeMember, updateMember } from '@/lib/services/members';
import { deleteMap, updateMap } from '@/lib/services/maps';
import { deleteWorkspace } from '@/lib/services/workspaces';
import type { AccessRecheck, SyncAccess, SyncMode } from '@/lib/sync/access';
import { publishAccessChange } from '@/lib/sync/access-changes';
import { CloseCode } from '@/lib/sync/protocol';
import { DB_KINDS } from '@/test/db';
import { makeMapRow, makeMember, makeWorkspace, sessionCookie } from '@/test/factories';
import { deferred, MemoryMapStore } from './memory-store';
import { addCard, connectClient, makeWorld, startSyncServer, synced, upgradeStatus, waitFor, type TestClient, type TestServer } from './helpers';

/** A provider client that remembers the close the server made final (4400–4499 stop the stock provider). */
function watched(client: TestClient) {
  const finalCloses: { code: number; reason: string }[] = [];
  client.provider.on('closed', (event: { code: number; reason: string }) => finalCloses.push(event));
  return Object.assign(client, { finalCloses });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DB_KINDS)('[AC6] access changes on open sockets, %s', (kind) => {
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = (mapId: string, cookie: string) => {
    const c = watched(connectClient(server.url, mapId, { cookie }));
    clients.push(c);
    return c;
  };
  const owner = () => ({ ...world.owner, locale: null });
  const member = async (role: Role) => {
    const user = await makeMember(world.db, world.workspace, role);
    return { ...user, cookie: await sessionCookie(user) };
  };
  const upgrade = (mapId: string, cookie: string) => upgradeStatus(`${server.url}/${mapId}`, { cookie });
  /** An edit of `c` and whether the server took it: acked, or refused read-only. */
  const edit = async (c: TestClient, id: string) => {
    const [acked, refused] = [c.acked, c.errors.length];
    addCard(c.doc, id);
    await waitFor(() => c.acked > acked || c.errors.length > refused, { what: `an answer to ${id}` });
    return c.acked > acked ? 'acked' : c.errors.at(-1)!.code;
  };

  beforeAll(async () => {
    world = await makeWorld(kind);
    server = await startSyncServer();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await server?.close();
    await world?.close();
  });

  it('a demoted editor is closed with 4403 and comes back read-only; the others stay', async () => {
    const mapId = await world.newMap();
    const demoted = await member('editor');
    const a = client(mapId, demoted.cookie);
    const b = client(mapId, world.editor.cookie);
    const v = client(mapId, world.viewer.cookie);
    await synced(a, b, v);
    expect(await edit(a, 'before')).toBe('acked');

    await updateMember(world.db, owner(), world.workspace.slug, demoted.id, { role: 'viewer' });
    await waitFor(() => a.finalCloses.length > 0, { what: 'the demoted socket to close' });
    expect(a.finalCloses).toEqual([{ code: CloseCode.accessChanged, reason: 'access changed' }]);
    expect(a.provider.shouldConnect).toBe(false); // the stock provider does not hammer the server

    // Same rights as before: untouched, and still editing.
    expect(b.provider.wsconnected && v.provider.wsconnected).toBe(true);
    expect(await edit(b, 'b-after')).toBe('acked');
    expect(b.finalCloses).toEqual([]);

    // The next socket of the demoted user is decided afresh: it reads, and may not write.
    const again = client(mapId, demoted.cookie);
    await synced(again);
    expect(again.doc.getMap('cards').has('b-after')).toBe(true);
    expect(await edit(again, 'as-viewer')).toBe('read-only');
  });

  it('a role change that keeps the mode (editor → owner) closes nothing', async () => {
    const mapId = await world.newMap();
    const promoted = await member('editor');
    const demoted = await member('editor');
    const p = client(mapId, promoted.cookie);
    const d = client(mapId, demoted.cookie);
    await synced(p, d);

    await updateMember(world.db, owner(), world.workspace.slug, promoted.id, { role: 'owner' });
    // A change that does close, published after: once it has, the first recheck has answered too.
    await updateMember(world.db, owner(), world.workspace.slug, demoted.id, { role: 'commenter' });
    await waitFor(() => d.finalCloses.length > 0, { what: 'the commenter socket to close' });
    await sleep(100);
    expect(p.finalCloses).toEqual([]);
    expect(p.provider.wsconnected).toBe(true);
    expect(await edit(p, 'still-editing')).toBe('acked');
    // Back to editor: only a department change does not publish anything.
    await updateMember(world.db, owner(), world.workspace.slug, promoted.id, { role: 'editor', departmentId: null });
    await sleep(100);
    expect(p.finalCloses).toEqual([]);
  });

  it('a removed member is closed, and refused (404) from then on', async () => {
    const mapId = await world.newMap();
    const removed = await member('editor');
    const other = await member('editor');
    const r = client(mapId, removed.cookie);
    const o = client(mapId, other.cookie);
    await synced(r, o);

    await removeMember(world.db, owner(), world.workspace.slug, removed.id);
    await waitFor(() => r.finalCloses.length > 0, { what: 'the removed socket to close' });
    expect(r.finalCloses[0].code).toBe(CloseCode.accessChanged);
    expect((await upgrade(mapId, removed.cookie)).status).toBe(404);
    expect(o.finalCloses).toEqual([]);
    expect(await edit(o, 'other-still-here')).toBe('acked');
  });

  it('archiving closes the editors (read-only after), not the viewers; restoring closes those editors again', async () => {
    const mapId = await world.newMap();
    const e = client(mapId, world.editor.cookie);
    const v = client(mapId, world.viewer.cookie);
    await synced(e, v);

    await updateMap(world.db, owner(), world.workspace.slug, mapId, { archived: true });
    await waitFor(() => e.finalCloses.length > 0, { what: 'the editor socket to close' });
    const e2 = client(mapId, world.editor.cookie);
    await synced(e2);
    expect(await edit(e2, 'archived-edit')).toBe('read-only');

    await updateMap(world.db, owner(), world.workspace.slug, mapId, { archived: false });
    await waitFor(() => e2.finalCloses.length > 0, { what: 'the read-only editor socket to close' });
    expect(v.finalCloses).toEqual([]);
    expect(v.provider.wsconnected).toBe(true);
    const e3 = client(mapId, world.editor.cookie);
    await synced(e3);
    expect(await edit(e3, 'restored-edit')).toBe('acked');
    await waitFor(() => v.doc.getMap('cards').has('restored-edit'), { what: 'the viewer to see the edit' });
  });

  it('deleting a map closes every socket of it (viewers too) and no other map', async () => {
    const mapId = await world.newMap();
    const otherMap = await world.newMap();
    const e = client(mapId, world.editor.cookie);
    const v = client(mapId, world.viewer.cookie);
    const elsewhere = client(otherMap, world.editor.cookie);
    await synced(e, v, elsewhere);

    await deleteMap(world.db, owner(), world.workspace.slug, mapId);
    await waitFor(() => e.finalCloses.length > 0 && v.finalCloses.length > 0, { what: 'both sockets to close' });
    expect([e.finalCloses[0].code, v.finalCloses[0].code]).toEqual([CloseCode.accessChanged, CloseCode.accessChanged]);
    await waitFor(() => !server.sync.rooms.has(mapId), { what: 'the room to unload' });
    expect((await upgrade(mapId, world.editor.cookie)).status).toBe(404);
    expect(elsewhere.finalCloses).toEqual([]);
    expect(await edit(elsewhere, 'unaffected')).toBe('acked');
  });

  it("deleting a workspace closes every socket of its maps, and only those", async () => {
    const ws = await makeWorkspace(world.db, world.owner);
    const [m1, m2] = [(await makeMapRow(world.db, ws)).id, (await makeMapRow(world.db, ws)).id];
    const editorThere = await makeMember(world.db, ws, 'editor');
    const cookie = await sessionCookie(editorThere);
    const c1 = client(m1, world.owner.cookie);
    const c2 = client(m2, cookie);
    const home = client(await world.newMap(), world.owner.cookie);
    await synced(c1, c2, home);

    await deleteWorkspace(world.db, owner(), ws.slug);
    await waitFor(() => c1.finalCloses.length > 0 && c2.finalCloses.length > 0, { what: 'both maps to close' });
    expect(home.finalCloses).toEqual([]);
    expect(await edit(home, 'home-edit')).toBe('acked');
  });
});

describe('[AC6] how the sync server decides again (no database)', () => {
  const WS = '11111111-1111-4111-8111-111111111111';
  const MAP = '22222222-2222-4222-8222-222222222222';
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
  });
  const grant = (mode: SyncMode): SyncAccess => ({ ok: true, mapId: MAP, workspaceId: WS, mode, user: { id: 'u1', name: 'U' } });
  const open = () => {
    const c = watched(connectClient(server!.url, MAP, {}));
    clients.push(c);
    return c;
  };

  it('an upgrade decided while a change committed is decided again once open', async () => {
    const entered = deferred<void>();
    const gate = deferred<void>();
    const rechecks: AccessRecheck[][] = [];
    server = await startSyncServer({
      store: new MemoryMapStore(),
      resolveAccess: async (_req: IncomingMessage) => {
        entered.resolve();
        await gate.promise; // the role was read before the change below committed
        return grant('edit');
      },
      recheckAccess: async (requests) => {
        rechecks.push([...requests]);
        return requests.map(() => 'read');
      },
    });
    const c = open();
    await entered.promise; // the upgrade is deciding
    publishAccessChange({ workspaceId: WS, userId: 'u1' }); // no socket open yet: nothing to recheck
    expect(rechecks).toEqual([]);
    gate.resolve();
    await waitFor(() => c.finalCloses.length > 0, { what: 'the stale socket to close' });
    expect(rechecks).toEqual([[{ mapId: MAP, userId: 'u1' }]]);
    expect(c.finalCloses[0].code).toBe(CloseCode.accessChanged);
  });

  it('when the recheck fails, the sockets concerned are closed (their next upgrade decides)', async () => {
    server = await startSyncServer({
      store: new MemoryMapStore(),
      resolveAccess: async () => grant('edit'),
      recheckAccess: async () => {
        throw new Error('database down');
      },
    });
    const c = open();
    await synced(c);
    publishAccessChange({ workspaceId: 'another-workspace' });
    await sleep(50);
    expect(c.finalCloses).toEqual([]);
    publishAccessChange({ workspaceId: WS, userId: 'someone-else' });
    await sleep(50);
    expect(c.finalCloses).toEqual([]);
    publishAccessChange({ workspaceId: WS, mapId: MAP });
    await waitFor(() => c.finalCloses.length > 0, { what: 'the socket to close' });
    expect(c.finalCloses[0].code).toBe(CloseCode.accessChanged);
  });
});
