import 'server-only';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activity, invitations, memberships, workspaces, type Role } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { hashToken, newToken } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';
import { workspaceFor } from './access';

export async function createInvitation(db: Db, actor: Actor | null, slug: string, input: { role: Role; expiresInDays: number }) {
  const { workspace } = await workspaceFor(db, actor, slug, 'members:manage');
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const [row] = await db
    .insert(invitations)
    .values({ workspaceId: workspace.id, tokenHash: hashToken(token), role: input.role, expiresAt, createdBy: actor!.id })
    .returning({ id: invitations.id, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt });
  await db.insert(activity).values({ workspaceId: workspace.id, actorId: actor!.id, verb: 'invitation.created', data: { role: input.role } });
  return { invitation: row, token, path: `/invite/${token}` };
}

/** Pending invitations (not used, not revoked, not expired). */
export async function listInvitations(db: Db, actor: Actor | null, slug: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'members:manage');
  return db
    .select({ id: invitations.id, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspace.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: Db, actor: Actor | null, slug: string, id: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'members:manage');
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspace.id), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (!rows.length) throw AppError.notFound();
}

function invitationState(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (inv.revokedAt) return 'error.invitationInvalid';
  if (inv.acceptedAt) return 'error.invitationUsed';
  if (inv.expiresAt.getTime() <= Date.now()) return 'error.invitationExpired';
  return null;
}

/** What an invitation link is for, shown before accepting. Anyone holding the token may see it. */
export async function previewInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ inv: invitations, workspaceName: workspaces.name, workspaceSlug: workspaces.slug })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) throw AppError.notFound('error.invitationInvalid');
  const problem = invitationState(row.inv);
  return {
    workspace: { name: row.workspaceName, slug: row.workspaceSlug },
    role: row.inv.role,
    expiresAt: row.inv.expiresAt,
    status: problem ? (problem === 'error.invitationUsed' ? 'used' : problem === 'error.invitationExpired' ? 'expired' : 'invalid') : 'pending',
  } as const;
}

/** Accepts an invitation: single use, atomically (a second accept finds it used). */
export async function acceptInvitation(db: Db, actor: Actor | null, token: string) {
  if (!actor) throw AppError.unauthorized();
  const tokenHash = hashToken(token);
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).for('update');
    if (!inv) throw AppError.notFound('error.invitationInvalid');
    const problem = invitationState(inv);
    if (problem) throw new AppError(problem === 'error.invitationInvalid' ? 404 : 410, problem);
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, actor.id)));
    if (existing) throw AppError.conflict('error.alreadyMember');
    const used = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: actor.id })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), sql`${invitations.expiresAt} > now()`))
      .returning({ id: invitations.id });
    if (!used.length) throw new AppError(410, 'error.invitationUsed');
    await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId: actor.id, role: inv.role });
    await tx.insert(activity).values({ workspaceId: inv.workspaceId, actorId: actor.id, verb: 'member.joined', data: { role: inv.role } });
    const [ws] = await tx.select({ slug: workspaces.slug, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    return { workspace: ws, role: inv.role };
  });
}
