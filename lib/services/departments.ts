import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { departments } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';
import { workspaceFor } from './access';

export async function listDepartments(db: Db, actor: Actor | null, slug: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'workspace:read');
  return db
    .select({ id: departments.id, name: departments.name, color: departments.color, position: departments.position })
    .from(departments)
    .where(eq(departments.workspaceId, workspace.id))
    .orderBy(asc(departments.position), asc(departments.name));
}

export async function createDepartment(db: Db, actor: Actor | null, slug: string, input: { name: string; color: string }) {
  const { workspace } = await workspaceFor(db, actor, slug, 'departments:manage');
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${departments.position}), -1)::int + 1` })
    .from(departments)
    .where(eq(departments.workspaceId, workspace.id));
  const [row] = await nameTaken(db.insert(departments).values({ ...input, workspaceId: workspace.id, position: Number(next) }).returning());
  return row;
}

/** [departments_workspace_name_key] A name the workspace already has, in any case, is a 409. */
async function nameTaken<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    if (isUniqueViolation(err, 'departments_workspace_name_key')) throw AppError.conflict('error.departmentNameTaken');
    throw err;
  }
}

export async function updateDepartment(db: Db, actor: Actor | null, slug: string, id: string, input: { name?: string; color?: string }) {
  const { workspace } = await workspaceFor(db, actor, slug, 'departments:manage');
  const [row] = await nameTaken(
    db
      .update(departments)
      .set(input)
      .where(and(eq(departments.id, id), eq(departments.workspaceId, workspace.id)))
      .returning(),
  );
  if (!row) throw AppError.notFound();
  return row;
}

/** Members of a removed department keep their membership, with no department. */
export async function deleteDepartment(db: Db, actor: Actor | null, slug: string, id: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'departments:manage');
  const rows = await db
    .delete(departments)
    .where(and(eq(departments.id, id), eq(departments.workspaceId, workspace.id)))
    .returning({ id: departments.id });
  if (!rows.length) throw AppError.notFound();
}
