import 'server-only';
import type { Db } from '@/db/client';
import { mapWithRole, workspaceWithRole, type MapRow, type WorkspaceRow } from '@/db/queries/access';
import { authorize, type Action, type Actor, type WorkspaceAccess } from '@/lib/auth/policy';
import { AppError } from '@/lib/errors';

export interface WorkspaceContext {
  workspace: WorkspaceRow;
  access: WorkspaceAccess;
}

/** Loads a workspace by slug and checks `action` for the actor: 401, 404 (not a member or no such workspace) or 403. */
export async function workspaceFor(db: Db, actor: Actor | null, slug: string, action: Action): Promise<WorkspaceContext> {
  if (!actor) throw AppError.unauthorized();
  const found = await workspaceWithRole(db, slug, actor.id);
  if (!found) throw AppError.notFound();
  const access = { workspaceId: found.workspace.id, role: found.role };
  authorize(actor, action, access);
  return { workspace: found.workspace, access };
}

/** Loads a map of the workspace `slug` and checks `action` on its workspace. */
export async function mapFor(
  db: Db,
  actor: Actor | null,
  slug: string,
  mapId: string,
  action: Action,
): Promise<WorkspaceContext & { map: MapRow }> {
  const ctx = await workspaceFor(db, actor, slug, 'workspace:read');
  const found = await mapWithRole(db, mapId, actor!.id);
  if (!found || found.map.workspaceId !== ctx.workspace.id) throw AppError.notFound();
  authorize(actor, action, ctx.access);
  return { ...ctx, map: found.map };
}
