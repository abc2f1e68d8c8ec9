// Test data factories: real rows through the real schema, and real session cookies.
import { randomBytes } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { Db } from '@/db/client';
import { maps, memberships, users, workspaces, type Role } from '@/db/schema';
import { SESSION_COOKIE } from '@/lib/auth/session';

export const TEST_SECRET = 'test-secret-for-lintas-only-0123456789abcdef';

/** Sets the process's signing secret for tests that mint or read session cookies. */
export function useTestSecret(): string {
  process.env.AUTH_SECRET = process.env.NEXTAUTH_SECRET = TEST_SECRET;
  return TEST_SECRET;
}

const uniq = () => randomBytes(4).toString('hex');

export async function makeUser(db: Db, over: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db
    .insert(users)
    .values({ name: `User ${uniq()}`, email: `u-${uniq()}@example.com`, passwordHash: null, ...over })
    .returning();
  return row;
}

export async function makeWorkspace(db: Db, owner: { id: string }, over: Partial<typeof workspaces.$inferInsert> = {}) {
  const slug = over.slug ?? `ws-${uniq()}`;
  const [ws] = await db.insert(workspaces).values({ name: `Workspace ${slug}`, slug, createdBy: owner.id, ...over }).returning();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: owner.id, role: 'owner' });
  return ws;
}

export async function addMember(db: Db, workspace: { id: string }, user: { id: string }, role: Role) {
  await db.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role });
}

/** A user who is a member of `workspace` with `role`. */
export async function makeMember(db: Db, workspace: { id: string }, role: Role) {
  const user = await makeUser(db);
  if (role === 'owner') {
    await addMember(db, workspace, user, 'owner');
  } else {
    await addMember(db, workspace, user, role);
  }
  return user;
}

export async function makeMapRow(db: Db, workspace: { id: string }, over: Partial<typeof maps.$inferInsert> = {}) {
  const [row] = await db.insert(maps).values({ workspaceId: workspace.id, title: `Map ${uniq()}`, ...over }).returning();
  return row;
}

/** A Cookie header value that signs `user` in, as next-auth would after sign-in. */
export async function sessionCookie(user: { id: string; name: string; email: string }, secret = TEST_SECRET): Promise<string> {
  const token = await encode({ token: { sub: user.id, name: user.name, email: user.email }, secret });
  return `${SESSION_COOKIE}=${token}`;
}
