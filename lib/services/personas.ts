import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activity, personas } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { abilities } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';
import type { PersonaInput } from '@/lib/validation/persona';
import { workspaceFor } from './access';

export type PersonaRow = typeof personas.$inferSelect;

export async function listPersonas(db: Db, actor: Actor | null, slug: string) {
  const { workspace, access } = await workspaceFor(db, actor, slug, 'persona:read');
  const rows = await db.select().from(personas).where(eq(personas.workspaceId, workspace.id)).orderBy(asc(personas.name));
  return { personas: rows, abilities: abilities(actor, access) };
}

export async function createPersona(db: Db, actor: Actor | null, slug: string, input: PersonaInput) {
  const { workspace } = await workspaceFor(db, actor, slug, 'persona:manage');
  const [row] = await db
    .insert(personas)
    .values({ ...input, photoUrl: input.photoUrl || null, workspaceId: workspace.id })
    .returning();
  await db.insert(activity).values({ workspaceId: workspace.id, actorId: actor!.id, verb: 'persona.created', data: { name: row.name } });
  return row;
}

export async function updatePersona(db: Db, actor: Actor | null, slug: string, id: string, input: Partial<PersonaInput>) {
  const { workspace } = await workspaceFor(db, actor, slug, 'persona:manage');
  const patch = { ...input, ...(input.photoUrl !== undefined ? { photoUrl: input.photoUrl || null } : {}), updatedAt: new Date() };
  const [row] = await db
    .update(personas)
    .set(patch)
    .where(and(eq(personas.id, id), eq(personas.workspaceId, workspace.id)))
    .returning();
  if (!row) throw AppError.notFound();
  return row;
}

export async function deletePersona(db: Db, actor: Actor | null, slug: string, id: string) {
  const { workspace } = await workspaceFor(db, actor, slug, 'persona:manage');
  const rows = await db
    .delete(personas)
    .where(and(eq(personas.id, id), eq(personas.workspaceId, workspace.id)))
    .returning({ id: personas.id });
  if (!rows.length) throw AppError.notFound();
}
