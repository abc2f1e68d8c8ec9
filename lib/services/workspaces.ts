import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { activity, departments, memberships, workspaces } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { abilities } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { publishAccessChange } from '@/lib/sync/access-changes';
import { workspaceFor } from './access';

export const DEFAULT_DEPARTMENTS: Record<Locale, { name: string; color: string }[]> = {
  en: [
    { name: 'Sales', color: '#2563eb' },
    { name: 'Marketing', color: '#db2777' },
    { name: 'Support', color: '#059669' },
    { name: 'Product', color: '#d97706' },
  ],
  id: [
    { name: 'Penjualan', color: '#2563eb' },
    { name: 'Pemasaran', color: '#db2777' },
    { name: 'Dukungan', color: '#059669' },
    { name: 'Produk', color: '#d97706' },
  ],
};

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return base || 'workspace';
}

export async function listMyWorkspaces(db: Db, actor: Actor | null) {
  if (!actor) throw AppError.unauthorized();
  return db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, actor.id))
    .orderBy(asc(workspaces.name));
}

async function uniqueSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(sql`${workspaces.slug} = ${base} or ${workspaces.slug} like ${base + '-%'}`)
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function createWorkspace(db: Db, actor: Actor | null, input: { name: string }, locale: Locale) {
  if (!actor) throw AppError.unauthorized();
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = await uniqueSlug(db, input.name);
    try {
      return await db.transaction(async (tx) => {
        const [ws] = await tx.insert(workspaces).values({ name: input.name, slug, createdBy: actor.id }).returning();
        await tx.insert(memberships).values({ workspaceId: ws.id, userId: actor.id, role: 'owner' });
        await tx.insert(departments).values(DEFAULT_DEPARTMENTS[locale].map((d, i) => ({ ...d, workspaceId: ws.id, position: i })));
        await tx.insert(activity).values({ workspaceId: ws.id, actorId: actor.id, verb: 'workspace.created', data: { name: ws.name } });
        return ws;
      });
    } catch (err) {
      // Another request took the slug between our read and insert: pick again.
      if (!isUniqueViolation(err, 'workspaces_slug_unique')) throw err;
    }
  }
  throw AppError.conflict('error.badRequest');
}

export async function getWorkspace(db: Db, actor: Actor | null, slug: string) {
  const { workspace, access } = await workspaceFor(db, actor, slug, 'workspace:read');
  return { workspace, role: access.role!, abilities: abilities(actor, access) };
}

export async function renameWorkspace(db: Db, actor: Actor | null, slug: string, input: { name: string }) {
  const { workspace } = await workspaceFor(db, actor, slug, 'workspace:update');
  const [row] = await db.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, workspace.id)).returning();
  return row;
}

export async function deleteWorkspace(db: Db, actor: Actor | null, slug: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'workspace:delete');
  await db.delete(workspaces).where(and(eq(workspaces.id, workspace.id)));
  publishAccessChange({ workspaceId: workspace.id }); // [AC6] every open map of it closes
}
