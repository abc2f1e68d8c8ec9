import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activity, departments, memberships, users, workspaces, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';
import { publishAccessChange } from '@/lib/sync/access-changes';
import { workspaceFor } from './access';

export async function listMembers(db: Db, actor: Actor | null, slug: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'members:read');
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      departmentId: memberships.departmentId,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspace.id))
    .orderBy(asc(users.name));
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Serialises membership changes of one workspace, so two demotions cannot both pass the last-owner check. */
async function lockWorkspace(tx: Tx, workspaceId: string) {
  await tx.execute(sql`select id from ${workspaces} where ${workspaces.id} = ${workspaceId} for update`);
}

async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return Number(r.n);
}

async function membershipOf(tx: Tx, workspaceId: string, userId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m;
}

export async function updateMember(
  db: Db,
  actor: Actor | null,
  slug: string,
  userId: string,
  input: { role?: Role; departmentId?: string | null },
) {
  const { workspace } = await workspaceFor(db, actor, slug, 'members:manage');
  const row = await db.transaction(async (tx) => {
    await lockWorkspace(tx, workspace.id);
    const member = await membershipOf(tx, workspace.id, userId);
    if (!member) throw AppError.notFound();
    if (input.departmentId) {
      const [d] = await tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, input.departmentId), eq(departments.workspaceId, workspace.id)));
      if (!d) throw AppError.badRequest('error.departmentInvalid', [{ path: ['departmentId'], message: 'error.departmentInvalid' }]);
    }
    if (input.role && input.role !== 'owner' && member.role === 'owner' && (await ownerCount(tx, workspace.id)) <= 1) {
      throw AppError.conflict('error.lastOwner');
    }
    const [row] = await tx
      .update(memberships)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}) })
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, userId)))
      .returning();
    await tx.insert(activity).values({ workspaceId: workspace.id, actorId: actor!.id, verb: 'member.updated', data: { userId, ...input } });
    return row;
  });
  // [AC6] Their open maps follow the new role (a department only colours their presence).
  if (input.role) publishAccessChange({ workspaceId: workspace.id, userId });
  return row;
}

/** Owners remove anyone; every member may leave. The last owner can do neither to themself. */
export async function removeMember(db: Db, actor: Actor | null, slug: string, userId: string) {
  const self = actor?.id === userId;
  const { workspace } = await workspaceFor(db, actor, slug, self ? 'workspace:read' : 'members:manage');
  await db.transaction(async (tx) => {
    await lockWorkspace(tx, workspace.id);
    const member = await membershipOf(tx, workspace.id, userId);
    if (!member) throw AppError.notFound();
    if (member.role === 'owner' && (await ownerCount(tx, workspace.id)) <= 1) throw AppError.conflict('error.lastOwner');
    await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, userId)));
    await tx.insert(activity).values({ workspaceId: workspace.id, actorId: actor!.id, verb: self ? 'member.left' : 'member.removed', data: { userId } });
  });
  publishAccessChange({ workspaceId: workspace.id, userId }); // [AC6] their open maps close
}
