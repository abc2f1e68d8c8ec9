// Behaviour of the foundation services through their routes, on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, setDatabase, type Database } from '@/db/client';
import { departments, mapSnapshots, memberships, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/passwords';
import { loginBlockedFor, loginKey, LOGIN_MAX_FAILURES, recordLoginFailure, clearLoginFailures } from '@/lib/auth/throttle';
import { createTestDatabase, DB_KINDS } from '@/test/db';
import { makeMember, makeUser, makeWorkspace, sessionCookie, useTestSecret } from '@/test/factories';
import * as signupRoute from '@/app/api/auth/signup/route';
import * as nextauthRoute from '@/app/api/auth/[...nextauth]/route';
import * as healthRoute from '@/app/api/health/route';
import * as workspacesRoute from '@/app/api/workspaces/route';
import * as memberRoute from '@/app/api/workspaces/[slug]/members/[userId]/route';
import * as departmentsRoute from '@/app/api/workspaces/[slug]/departments/route';
import * as departmentRoute from '@/app/api/workspaces/[slug]/departments/[id]/route';
import * as invitationsRoute from '@/app/api/workspaces/[slug]/invitations/route';
import * as acceptRoute from '@/app/api/invitations/[token]/accept/route';
import * as previewRoute from '@/app/api/invitations/[token]/route';
import * as mapsRoute from '@/app/api/workspaces/[slug]/maps/route';
import * as mapRoute from '@/app/api/workspaces/[slug]/maps/[mapId]/route';
import * as localeRoute from '@/app/api/me/locale/route';
import * as Y from 'yjs';
import { readMap } from '@/lib/map';

type H = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

function call(h: unknown, method: string, opts: { cookie?: string; body?: unknown; params?: Record<string, unknown>; headers?: Record<string, string>; url?: string } = {}) {
  const headers: Record<string, string> = { host: 'localhost', ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  return (h as H)(new Request(opts.url ?? 'http://localhost/api/x', { method, headers, body }), { params: Promise.resolve(opts.params ?? {}) });
}

describe.each(DB_KINDS)('foundation on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    useTestSecret();
    database = await createTestDatabase(kind);
    setDatabase(database);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await database.close();
  });

  it('signs up with argon2id, refuses a taken email with 409, and bad input with 400 field errors (never 500)', async () => {
    const email = `New.${Date.now()}@Example.com`;
    const ok = await call(signupRoute.POST, 'POST', { body: { name: 'Sari', email, password: 'correct horse battery' } });
    expect(ok.status).toBe(201);
    const [row] = await database.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.passwordHash, 'correct horse battery')).toBe(true);

    const dup = await call(signupRoute.POST, 'POST', { body: { name: 'Sari', email, password: 'another password' } });
    expect(dup.status).toBe(409);
    expect((await dup.json()).code).toBe('error.emailTaken');

    const bad = await call(signupRoute.POST, 'POST', { body: { name: '', email: 'nope', password: 'short' } });
    expect(bad.status).toBe(400);
    const issues = (await bad.json()).issues.map((i: { path: string[]; code: string }) => `${i.path[0]}:${i.code}`);
    expect(issues).toEqual(expect.arrayContaining(['name:validation.required', 'email:validation.email', 'password:validation.passwordTooShort']));

    expect((await call(signupRoute.POST, 'POST', { body: '{not json' })).status).toBe(400);
    expect((await call(signupRoute.POST, 'POST', { body: { name: 'A', email: 'a@b.co', password: 'x'.repeat(129) } })).status).toBe(400);
    expect((await call(signupRoute.POST, 'POST', { body: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });

  it('uses the whole password: 128 characters, no truncation', async () => {
    const email = `long-${Date.now()}@example.com`;
    const pw = 'a'.repeat(127) + 'b';
    expect((await call(signupRoute.POST, 'POST', { body: { name: 'L', email, password: pw } })).status).toBe(201);
    const [row] = await database.db.select().from(users).where(eq(users.email, email));
    expect(await verifyPassword(row.passwordHash, pw)).toBe(true);
    expect(await verifyPassword(row.passwordHash, 'a'.repeat(128))).toBe(false);
  });

  it('answers errors in the caller’s language', async () => {
    const res = await call(signupRoute.POST, 'POST', { body: { name: '', email: 'x@y.co', password: 'longenough' }, headers: { 'accept-language': 'id-ID,id;q=0.9' } });
    const json = await res.json();
    expect(json.issues[0].message).toBe('Isian ini wajib diisi.');
    const en = await (await call(signupRoute.POST, 'POST', { body: { name: '', email: 'x@y.co', password: 'longenough' }, headers: { 'accept-language': 'en-US' } })).json();
    expect(en.issues[0].message).toBe('This field is required.');
  });

  it('refuses a cross-site write (Origin of another host) with 403', async () => {
    const user = await makeUser(database.db);
    const res = await call(workspacesRoute.POST, 'POST', { cookie: await sessionCookie(user), body: { name: 'X' }, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('creates workspaces with unique slugs and the four default departments', async () => {
    const user = await makeUser(database.db);
    const cookie = await sessionCookie(user);
    const a = await (await call(workspacesRoute.POST, 'POST', { cookie, body: { name: 'Toko Kopi Nusantara!' } })).json();
    const b = await (await call(workspacesRoute.POST, 'POST', { cookie, body: { name: 'Toko Kopi Nusantara' } })).json();
    expect(a.workspace.slug).toBe('toko-kopi-nusantara');
    expect(b.workspace.slug).toBe('toko-kopi-nusantara-2');
    const depts = await database.db.select().from(departments).where(eq(departments.workspaceId, a.workspace.id));
    expect(depts).toHaveLength(4);
    const list = await (await call(workspacesRoute.GET, 'GET', { cookie })).json();
    expect(list.workspaces.map((w: { slug: string; role: string }) => `${w.slug}:${w.role}`)).toEqual(
      expect.arrayContaining(['toko-kopi-nusantara:owner', 'toko-kopi-nusantara-2:owner']),
    );
  });

  it('invitation links are single use, expire, and can be previewed', async () => {
    const owner = await makeUser(database.db);
    const ws = await makeWorkspace(database.db, owner);
    const created = await (await call(invitationsRoute.POST, 'POST', { cookie: await sessionCookie(owner), params: { slug: ws.slug }, body: { role: 'commenter', expiresInDays: 2 } })).json();
    expect(created.path).toBe(`/invite/${created.token}`);
    const preview = await (await call(previewRoute.GET, 'GET', { params: { token: created.token } })).json();
    expect(preview.invitation).toMatchObject({ role: 'commenter', status: 'pending', workspace: { slug: ws.slug } });

    const [a, b] = [await makeUser(database.db), await makeUser(database.db)];
    const first = await call(acceptRoute.POST, 'POST', { cookie: await sessionCookie(a), params: { token: created.token } });
    expect(first.status).toBe(200);
    const second = await call(acceptRoute.POST, 'POST', { cookie: await sessionCookie(b), params: { token: created.token } });
    expect(second.status).toBe(410);
    expect((await second.json()).code).toBe('error.invitationUsed');
    const [m] = await database.db.select().from(memberships).where(eq(memberships.userId, a.id));
    expect(m.role).toBe('commenter');
    expect(await database.db.select().from(memberships).where(eq(memberships.userId, b.id))).toHaveLength(0);
    expect((await call(acceptRoute.POST, 'POST', { cookie: await sessionCookie(b), params: { token: 'nope' } })).status).toBe(404);
  });

  it('the last owner can neither leave nor be demoted; with a second owner both work', async () => {
    const owner = await makeUser(database.db);
    const ws = await makeWorkspace(database.db, owner);
    const cookie = await sessionCookie(owner);
    const demote = await call(memberRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, userId: owner.id }, body: { role: 'editor' } });
    expect(demote.status).toBe(409);
    expect((await demote.json()).code).toBe('error.lastOwner');
    expect((await call(memberRoute.DELETE, 'DELETE', { cookie, params: { slug: ws.slug, userId: owner.id } })).status).toBe(409);

    const second = await makeMember(database.db, ws, 'editor');
    expect((await call(memberRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, userId: second.id }, body: { role: 'owner' } })).status).toBe(200);
    expect((await call(memberRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, userId: owner.id }, body: { role: 'viewer' } })).status).toBe(200);
    // A viewer may still leave by themself.
    expect((await call(memberRoute.DELETE, 'DELETE', { cookie, params: { slug: ws.slug, userId: owner.id } })).status).toBe(200);
  });

  it('assigns a member a department of the same workspace only', async () => {
    const owner = await makeUser(database.db);
    const ws = await makeWorkspace(database.db, owner);
    const other = await makeWorkspace(database.db, owner);
    const member = await makeMember(database.db, ws, 'editor');
    const [mine] = await database.db.insert(departments).values({ workspaceId: ws.id, name: 'Sales', color: '#000000' }).returning();
    const [theirs] = await database.db.insert(departments).values({ workspaceId: other.id, name: 'Sales', color: '#000000' }).returning();
    const cookie = await sessionCookie(owner);
    expect((await call(memberRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, userId: member.id }, body: { departmentId: theirs.id } })).status).toBe(400);
    const ok = await call(memberRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, userId: member.id }, body: { departmentId: mine.id } });
    expect((await ok.json()).member.departmentId).toBe(mine.id);
  });

  it('keeps one department per name in a workspace, whatever its case, with a 409 in the caller’s language', async () => {
    const owner = await makeUser(database.db);
    const ws = await makeWorkspace(database.db, owner);
    const other = await makeWorkspace(database.db, owner);
    const cookie = await sessionCookie(owner);
    const add = (slug: string, name: string, language = 'en') =>
      call(departmentsRoute.POST, 'POST', { cookie, params: { slug }, body: { name, color: '#2563eb' }, headers: { 'accept-language': language } });
    const sales = await add(ws.slug, 'Field sales');
    expect(sales.status).toBe(201);
    const support = (await (await add(ws.slug, 'Support')).json()).department;

    const again = await add(ws.slug, '  field SALES ', 'id');
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.code).toBe('error.departmentNameTaken');
    expect(body.error).toBe('Workspace ini sudah punya departemen dengan nama itu.');
    // Renaming onto a taken name is refused too; a department may change its own name's case.
    const rename = (id: string, name: string) =>
      call(departmentRoute.PATCH, 'PATCH', { cookie, params: { slug: ws.slug, id }, body: { name } });
    expect((await (await rename(support.id, 'FIELD Sales')).json()).code).toBe('error.departmentNameTaken');
    expect((await rename(support.id, 'SUPPORT')).status).toBe(200);
    // Another workspace has its own names.
    expect((await add(other.slug, 'Field sales')).status).toBe(201);
    const names = await database.db.select({ name: departments.name }).from(departments).where(eq(departments.workspaceId, ws.id));
    expect(names.map((d) => d.name).sort()).toEqual(['Field sales', 'SUPPORT']);
  });

  it('creates a map seeded from its template once, lists by last edited, archives and deletes', async () => {
    const owner = await makeUser(database.db);
    const ws = await makeWorkspace(database.db, owner);
    const cookie = await sessionCookie(owner);
    const p = { slug: ws.slug };
    const a = (await (await call(mapsRoute.POST, 'POST', { cookie, params: p, body: { title: 'Pembeli online', template: 'b2c' }, headers: { 'accept-language': 'id' } })).json()).map;
    const b = (await (await call(mapsRoute.POST, 'POST', { cookie, params: p, body: { title: 'Blank map', template: 'blank' } })).json()).map;
    const [snap] = await database.db.select().from(mapSnapshots).where(eq(mapSnapshots.mapId, a.id));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snap.data);
    const seeded = readMap(doc);
    expect(seeded.stages.map((s) => s.name)).toContain('Pertimbangan');
    expect(a.cardCount).toBeGreaterThan(0);
    expect(a.locale).toBe('id');

    let list = (await (await call(mapsRoute.GET, 'GET', { cookie, params: p, url: 'http://localhost/api/x?sort=updated' })).json()).maps;
    expect(list.map((m: { id: string }) => m.id)).toEqual([b.id, a.id]);
    await call(mapRoute.PATCH, 'PATCH', { cookie, params: { ...p, mapId: a.id }, body: { title: 'Renamed' } });
    list = (await (await call(mapsRoute.GET, 'GET', { cookie, params: p })).json()).maps;
    expect(list.map((m: { title: string }) => m.title)).toEqual(['Renamed', 'Blank map']);

    await call(mapRoute.PATCH, 'PATCH', { cookie, params: { ...p, mapId: b.id }, body: { archived: true } });
    list = (await (await call(mapsRoute.GET, 'GET', { cookie, params: p })).json()).maps;
    expect(list.map((m: { id: string }) => m.id)).toEqual([a.id]);
    const archived = (await (await call(mapsRoute.GET, 'GET', { cookie, params: p, url: 'http://localhost/api/x?archived=1' })).json()).maps;
    expect(archived.map((m: { id: string }) => m.id)).toEqual([b.id]);
    expect((await call(mapRoute.DELETE, 'DELETE', { cookie, params: { ...p, mapId: b.id } })).status).toBe(200);
    expect((await call(mapRoute.GET, 'GET', { cookie, params: { ...p, mapId: b.id } })).status).toBe(404);
    expect((await call(mapsRoute.GET, 'GET', { cookie, params: p, url: 'http://localhost/api/x?sort=bogus' })).status).toBe(400);
    expect((await call(mapsRoute.POST, 'POST', { cookie, params: p, body: { title: 'x', template: 'nope' } })).status).toBe(400);
  });

  it('remembers the chosen language on the user and in a cookie', async () => {
    const user = await makeUser(database.db);
    const res = await call(localeRoute.PUT, 'PUT', { cookie: await sessionCookie(user), body: { locale: 'en' } });
    expect(res.headers.get('set-cookie')).toMatch(/lintas-locale=en/);
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row.locale).toBe('en');
    expect((await call(localeRoute.PUT, 'PUT', { body: { locale: 'fr' } })).status).toBe(400);
  });

  it('throttles sign-in per account+IP in the database: 429 with Retry-After, kept across a restart', async () => {
    const email = `throttle-${Date.now()}@example.com`;
    const key = loginKey(email, 'local');
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(database.db, key);
    expect(await loginBlockedFor(database.db, key)).toBeGreaterThan(0);
    // Another key (same account, other IP) is not blocked.
    expect(await loginBlockedFor(database.db, loginKey(email, '10.9.9.9'))).toBe(0);
    const res = await call(nextauthRoute.POST, 'POST', {
      params: { nextauth: ['callback', 'credentials'] },
      body: new URLSearchParams({ email, password: 'whatever1', csrfToken: 'x' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-lintas-remote-addr': 'local' },
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await clearLoginFailures(database.db, key);
    expect(await loginBlockedFor(database.db, key)).toBe(0);
  });
});

describe('throttle survives a restart (PGlite data folder)', () => {
  it('keeps the failure count after the database is closed and reopened', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-throttle-'));
    const key = loginKey('a@b.co', '1.2.3.4');
    const first = await openDatabase({ dataDir: dir });
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(first.db, key);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect(await loginBlockedFor(second.db, key)).toBeGreaterThan(0);
    await second.close();
  });
});

describe('health', () => {
  it('answers 200 with the driver, and 503 with a reason when the database cannot be reached', async () => {
    useTestSecret();
    const database = await createTestDatabase('pglite');
    setDatabase(database);
    const ok = await healthRoute.GET();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', db: 'pglite' });
    await database.close(); // the database goes away under the running app
    const down = await healthRoute.GET();
    expect(down.status).toBe(503);
    expect((await down.json()).reason).toMatch(/database/);
    setDatabase(undefined);
  });
});
