// The authorisation matrix: every API route × {anonymous, viewer, commenter, editor, owner,
// member of another workspace}, through the real route handlers on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setDatabase, type Database } from '@/db/client';
import { departments, type Role } from '@/db/schema';
import { ALLOWED, type Action } from '@/lib/auth/policy';
import { createInvitation } from '@/lib/services/invitations';
import { createTestDatabase, DB_KINDS } from '@/test/db';
import { makeMapRow, makeMember, makeUser, makeWorkspace, sessionCookie, useTestSecret } from '@/test/factories';
import * as workspacesRoute from '@/app/api/workspaces/route';
import * as workspaceRoute from '@/app/api/workspaces/[slug]/route';
import * as membersRoute from '@/app/api/workspaces/[slug]/members/route';
import * as memberRoute from '@/app/api/workspaces/[slug]/members/[userId]/route';
import * as invitationsRoute from '@/app/api/workspaces/[slug]/invitations/route';
import * as invitationRoute from '@/app/api/workspaces/[slug]/invitations/[id]/route';
import * as departmentsRoute from '@/app/api/workspaces/[slug]/departments/route';
import * as departmentRoute from '@/app/api/workspaces/[slug]/departments/[id]/route';
import * as mapsRoute from '@/app/api/workspaces/[slug]/maps/route';
import * as mapRoute from '@/app/api/workspaces/[slug]/maps/[mapId]/route';
import * as acceptRoute from '@/app/api/invitations/[token]/accept/route';
import * as personasRoute from '@/app/api/workspaces/[slug]/personas/route';
import * as personaRoute from '@/app/api/workspaces/[slug]/personas/[id]/route';
import { personas } from '@/db/schema';

type ActorKind = 'anonymous' | Role | 'outsider';
const ACTORS: ActorKind[] = ['anonymous', 'viewer', 'commenter', 'editor', 'owner', 'outsider'];

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld(db: Database['db']) {
  const owner = await makeUser(db);
  const ws = await makeWorkspace(db, owner);
  const users = {
    owner,
    editor: await makeMember(db, ws, 'editor'),
    commenter: await makeMember(db, ws, 'commenter'),
    viewer: await makeMember(db, ws, 'viewer'),
    target: await makeMember(db, ws, 'viewer'), // the member that member routes act on
    outsider: await makeUser(db),
  };
  await makeWorkspace(db, users.outsider); // a member of another workspace
  const map = await makeMapRow(db, ws);
  const [dept] = await db.insert(departments).values({ workspaceId: ws.id, name: 'Sales', color: '#2563eb' }).returning();
  const [persona] = await db.insert(personas).values({ workspaceId: ws.id, name: 'Rina' }).returning();
  const ownerActor = { id: owner.id, name: owner.name, email: owner.email, locale: null };
  const inv = await createInvitation(db, ownerActor, ws.slug, { role: 'editor', expiresInDays: 7 });
  return { ws, users, map, dept, inv, persona };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface RouteCase {
  name: string;
  handler: Handler;
  params: (w: World) => Record<string, string>;
  body?: (w: World) => unknown;
  /** The policy action the route needs; or a custom expectation per actor. */
  action?: Action;
  expect?: (actor: ActorKind) => number;
}

const anySignedIn = (ok: number) => (a: ActorKind) => (a === 'anonymous' ? 401 : ok);

const ROUTES: RouteCase[] = [
  { name: 'GET /api/workspaces', handler: workspacesRoute.GET as Handler, params: () => ({}), expect: anySignedIn(200) },
  { name: 'POST /api/workspaces', handler: workspacesRoute.POST as Handler, params: () => ({}), body: () => ({ name: 'New one' }), expect: anySignedIn(201) },
  { name: 'GET /api/workspaces/:slug', handler: workspaceRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'workspace:read' },
  { name: 'PATCH /api/workspaces/:slug', handler: workspaceRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug }), body: () => ({ name: 'Renamed' }), action: 'workspace:update' },
  { name: 'DELETE /api/workspaces/:slug', handler: workspaceRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'workspace:delete' },
  { name: 'GET members', handler: membersRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'members:read' },
  { name: 'PATCH member', handler: memberRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug, userId: w.users.target.id }), body: () => ({ role: 'commenter' }), action: 'members:manage' },
  { name: 'DELETE member', handler: memberRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug, userId: w.users.target.id }), action: 'members:manage' },
  { name: 'GET invitations', handler: invitationsRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'members:manage' },
  { name: 'POST invitations', handler: invitationsRoute.POST as Handler, params: (w) => ({ slug: w.ws.slug }), body: () => ({ role: 'viewer', expiresInDays: 3 }), action: 'members:manage' },
  { name: 'DELETE invitation', handler: invitationRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug, id: w.inv.invitation.id }), action: 'members:manage' },
  { name: 'GET departments', handler: departmentsRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'workspace:read' },
  { name: 'POST departments', handler: departmentsRoute.POST as Handler, params: (w) => ({ slug: w.ws.slug }), body: () => ({ name: 'Ops', color: '#123456' }), action: 'departments:manage' },
  { name: 'PATCH department', handler: departmentRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug, id: w.dept.id }), body: () => ({ color: '#654321' }), action: 'departments:manage' },
  { name: 'DELETE department', handler: departmentRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug, id: w.dept.id }), action: 'departments:manage' },
  { name: 'GET maps', handler: mapsRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'map:read' },
  { name: 'POST maps', handler: mapsRoute.POST as Handler, params: (w) => ({ slug: w.ws.slug }), body: () => ({ title: 'Journey', template: 'b2c' }), action: 'map:create' },
  { name: 'GET map', handler: mapRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug, mapId: w.map.id }), action: 'map:read' },
  { name: 'PATCH map title', handler: mapRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug, mapId: w.map.id }), body: () => ({ title: 'Renamed' }), action: 'map:edit' },
  { name: 'PATCH map archive', handler: mapRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug, mapId: w.map.id }), body: () => ({ archived: true }), action: 'map:archive' },
  { name: 'DELETE map', handler: mapRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug, mapId: w.map.id }), action: 'map:delete' },
  { name: 'GET personas', handler: personasRoute.GET as Handler, params: (w) => ({ slug: w.ws.slug }), action: 'persona:read' },
  { name: 'POST personas', handler: personasRoute.POST as Handler, params: (w) => ({ slug: w.ws.slug }), body: () => ({ name: 'Budi', segment: 'b2b' }), action: 'persona:manage' },
  { name: 'PATCH persona', handler: personaRoute.PATCH as Handler, params: (w) => ({ slug: w.ws.slug, id: w.persona.id }), body: () => ({ quote: 'Cepat!' }), action: 'persona:manage' },
  { name: 'DELETE persona', handler: personaRoute.DELETE as Handler, params: (w) => ({ slug: w.ws.slug, id: w.persona.id }), action: 'persona:manage' },
  {
    name: 'POST accept invitation',
    handler: acceptRoute.POST as Handler,
    params: (w) => ({ token: w.inv.token }),
    // Members are already in; the outsider joins.
    expect: (a) => (a === 'anonymous' ? 401 : a === 'outsider' ? 200 : 409),
  },
];

function expected(route: RouteCase, actor: ActorKind): number {
  if (route.expect) return route.expect(actor);
  if (actor === 'anonymous') return 401;
  if (actor === 'outsider') return 404;
  const ok = route.body && route.name.startsWith('POST') ? 201 : 200;
  return ALLOWED[actor].has(route.action!) ? ok : 403;
}

describe.each(DB_KINDS)('API authorisation matrix on %s', (kind) => {
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

  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      it(`${route.name} as ${actor} → ${expected(route, actor)}`, async () => {
        const w = await makeWorld(database.db);
        const headers: Record<string, string> = { origin: 'http://localhost' , host: 'localhost' };
        if (actor !== 'anonymous') headers.cookie = await sessionCookie(w.users[actor]);
        const body = route.body?.(w);
        if (body !== undefined) headers['content-type'] = 'application/json';
        const method = route.name.split(' ')[0];
        const req = new Request('http://localhost/api/x', { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const res = await route.handler(req, { params: Promise.resolve(route.params(w)) });
        const status = expected(route, actor);
        const json = await res.json();
        expect({ status: res.status, json }).toMatchObject({ status });
        if (status >= 400) expect(typeof json.error).toBe('string');
        // A refused write changed nothing.
        if (status === 403 && route.name === 'DELETE department') {
          expect(await database.db.select().from(departments).where(eq(departments.id, w.dept.id))).toHaveLength(1);
        }
      });
    }
  }
});
