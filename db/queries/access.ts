// The caller's role where it matters: in a workspace (by slug or id), or on a map's workspace.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { executeRaw, pgArrayLiteral, type Db } from '../client';
import { maps, memberships, shareLinks, workspaces, type Role } from '../schema';
import { isUuid } from './users';

/** Stands for "nobody" where a query needs a uuid (no signed-in user): matches no row. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

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
    .leftJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId ?? NIL_UUID)))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  return row ? { workspace: row.workspace, role: row.role ?? null } : undefined;
}

export async function mapWithRole(db: Db, mapId: string, userId: string | null): Promise<{ map: MapRow; role: Role | null } | undefined> {
  if (!isUuid(mapId)) return undefined;
  const [row] = await db
    .select({ map: maps, role: memberships.role })
    .from(maps)
    .leftJoin(memberships, and(eq(memberships.workspaceId, maps.workspaceId), eq(memberships.userId, userId ?? NIL_UUID)))
    .where(eq(maps.id, mapId))
    .limit(1);
  return row ? { map: row.map, role: row.role ?? null } : undefined;
}

export interface MapAccessRequest {
  mapId: string;
  userId: string | null;
}

export interface MapAccessRow {
  map: { id: string; workspaceId: string; archivedAt: Date | null };
  role: Role | null;
  /** The user `userId` names, if it exists. */
  user: { id: string; name: string; email: string; locale: string | null } | null;
}

/**
 * For each (map, user): the map, the user's role on its workspace and the user, in one statement
 * for all of them (the WebSocket upgrade's hot path: 500 clients reconnecting after a restart are
 * 500 of these). Results in request order; undefined where the map does not exist. Straight on
 * the driver: two array parameters whatever the count (see executeRaw).
 */
export async function mapAccessMany(db: Db, requests: readonly MapAccessRequest[]): Promise<(MapAccessRow | undefined)[]> {
  const valid = requests.flatMap((r, index) =>
    isUuid(r.mapId)
      ? [{ index, mapId: r.mapId.toLowerCase(), userId: r.userId && isUuid(r.userId) ? r.userId.toLowerCase() : NIL_UUID }]
      : [],
  );
  const found: (MapAccessRow | undefined)[] = requests.map(() => undefined);
  if (valid.length === 0) return found;
  const rows = await executeRaw<{
    n: number | string;
    map_id: string;
    workspace_id: string;
    archived_at: Date | string | null;
    role: Role | null;
    user_id: string | null;
    name: string | null;
    email: string | null;
    locale: string | null;
  }>(
    db,
    `select r.n, m.id as map_id, m.workspace_id, m.archived_at, ms.role, u.id as user_id, u.name, u.email, u.locale
       from unnest($1::uuid[], $2::uuid[]) with ordinality as r(map_id, user_id, n)
       join maps m on m.id = r.map_id
       left join memberships ms on ms.workspace_id = m.workspace_id and ms.user_id = r.user_id
       left join users u on u.id = r.user_id`,
    [pgArrayLiteral(valid.map((r) => r.mapId)), pgArrayLiteral(valid.map((r) => r.userId))],
  );
  for (const row of rows) {
    const request = valid[Number(row.n) - 1];
    found[request.index] = {
      map: { id: row.map_id, workspaceId: row.workspace_id, archivedAt: row.archived_at === null ? null : new Date(row.archived_at) },
      role: row.role ?? null,
      user: row.user_id ? { id: row.user_id, name: row.name!, email: row.email!, locale: row.locale } : null,
    };
  }
  return found;
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
