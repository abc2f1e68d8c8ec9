// The caller's role where it matters: in a workspace (by slug or id), or on a map's workspace.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../client';
import { maps, memberships, shareLinks, users, workspaces, type Role } from '../schema';
import { isUuid } from './users';

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type MapRow = typeof maps.$inferSelect;

export async function workspaceWithRole(
  db: Db,
  slug: string,
  userId: string | null,
): Promise<{ workspace: WorkspaceRow; role: Role | null } | undefined> {
  const [row] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .leftJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId ?? '00000000-0000-0000-0000-000000000000')))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  return row ? { workspace: row.workspace, role: row.role ?? null } : undefined;
}

export async function mapWithRole(
  db: Db,
  mapId: string,
  userId: string | null,
): Promise<{ map: MapRow; role: Role | null } | undefined> {
  if (!isUuid(mapId)) return undefined;
  const [row] = await db
    .select({ map: maps, role: memberships.role })
    .from(maps)
    .leftJoin(memberships, and(eq(memberships.workspaceId, maps.workspaceId), eq(memberships.userId, userId ?? '00000000-0000-0000-0000-000000000000')))
    .where(eq(maps.id, mapId))
    .limit(1);
  return row ? { map: row.map, role: row.role ?? null } : undefined;
}

export interface MapAccessRow {
  map: MapRow;
  role: Role | null;
  /** The user `userId` names, if it exists. */
  user: { id: string; name: string; email: string; locale: string | null } | null;
}

/**
 * `mapWithRole` and the user in one statement (the WebSocket upgrade's hot path: 500 clients
 * reconnecting at once make 500 of these). Undefined when the map does not exist.
 */
export async function mapAccess(db: Db, mapId: string, userId: string | null): Promise<MapAccessRow | undefined> {
  if (!isUuid(mapId)) return undefined;
  const uid = userId && isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000';
  const [row] = await db
    .select({
      map: maps,
      role: memberships.role,
      user: { id: users.id, name: users.name, email: users.email, locale: users.locale },
    })
    .from(maps)
    .leftJoin(memberships, and(eq(memberships.workspaceId, maps.workspaceId), eq(memberships.userId, uid)))
    .leftJoin(users, eq(users.id, uid))
    .where(eq(maps.id, mapId))
    .limit(1);
  if (!row) return undefined;
  return { map: row.map, role: row.role ?? null, user: row.user?.id ? row.user : null };
}

/** A live share link (not revoked, not expired) for this map with this token hash. */
export async function liveShareLink(db: Db, mapId: string, tokenHash: string) {
  const [row] = await db
    .select()
    .from(shareLinks)
    .where(
      and(
        eq(shareLinks.mapId, mapId),
        eq(shareLinks.tokenHash, tokenHash),
        isNull(shareLinks.revokedAt),
        or(isNull(shareLinks.expiresAt), gt(shareLinks.expiresAt, new Date())),
      ),
    )
    .limit(1);
  return row;
}
