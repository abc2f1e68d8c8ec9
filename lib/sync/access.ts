// Who may open /sync/<mapId>, decided before the socket opens: the session cookie (or a share
// link token) and the caller's role on the map's workspace, through the one policy.
import type { IncomingMessage } from 'node:http';
import { getDb } from '@/db/client';
import { liveShareLink, mapAccessMany, NIL_UUID, type MapAccessRequest, type MapAccessRow } from '@/db/queries/access';
import { userById } from '@/db/queries/users';
import { can, type Actor } from '@/lib/auth/policy';
import { parseCookieHeader, sessionTokenFrom, userIdFromToken } from '@/lib/auth/session';
import { hashToken } from '@/lib/auth/tokens';
import { BatchLoader } from './batch-loader';

export type SyncMode = 'edit' | 'read';

export type SyncAccess =
  | {
      ok: true;
      mapId: string;
      workspaceId: string;
      mode: SyncMode;
      /** The identity awareness is bound to; clients cannot claim another. */
      user: { id: string | null; name: string };
    }
  | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

/** Browsers always send Origin on a WebSocket upgrade; a cross-site page is refused. */
export function originAllowed(req: IncomingMessage, allowList: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: it cannot ride someone else's cookie
  if (allowList.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.LINTAS_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (env.NEXTAUTH_URL) {
    try {
      list.push(new URL(env.NEXTAUTH_URL).origin);
    } catch {
      /* ignored: validated at start-up */
    }
  }
  return list;
}

/**
 * [AC5] Concurrent upgrades share one access statement (on the process's database). Reconnecting
 * clients arrive a few ms apart, so a statement starts at most every 20 ms: 500 clients after a
 * restart made ~480 statements with no interval, ~60 with it (an idle server answers at once).
 */
const accessLookups = new BatchLoader<MapAccessRequest, MapAccessRow | undefined>(
  async (requests) => mapAccessMany(await getDb(), requests),
  { minIntervalMs: 20 },
);

export async function resolveSyncAccess(req: IncomingMessage, mapId: string): Promise<SyncAccess> {
  if (!originAllowed(req, allowedOrigins())) return { ok: false, status: 403, reason: 'origin not allowed' };
  const userId = await userIdFromToken(sessionTokenFrom(parseCookieHeader(req.headers.cookie)));
  const shareToken = new URL(req.url ?? '/', 'http://x').searchParams.get('share');
  const found = await accessLookups.load({ mapId, userId });
  const db = await getDb();
  if (!found) {
    // Rare path: whether the caller is signed in decides 401 or 404.
    const signedIn = userId !== null && (await userById(db, userId)) !== undefined;
    return { ok: false, status: signedIn || shareToken ? 404 : 401, reason: 'map not found' };
  }
  const actor: Actor | null = found.user;
  const mode = memberMode(found);
  if (actor && mode) return { ok: true, mapId, workspaceId: found.map.workspaceId, mode, user: { id: actor.id, name: actor.name } };
  if (shareToken && (await liveShareLink(db, mapId, hashToken(shareToken)))) {
    return { ok: true, mapId, workspaceId: found.map.workspaceId, mode: 'read', user: { id: null, name: 'Guest' } };
  }
  if (!actor) return { ok: false, status: 401, reason: 'sign in required' };
  return { ok: false, status: 404, reason: 'map not found' };
}

/** What the user of `found` may do on its map through the policy: edit, read, or nothing. */
function memberMode(found: MapAccessRow): SyncMode | null {
  const actor: Actor | null = found.user;
  const access = { workspaceId: found.map.workspaceId, role: found.role };
  if (!actor || !can(actor, 'map:read', access)) return null;
  return can(actor, 'map:edit', access) && !found.map.archivedAt ? 'edit' : 'read';
}

/** One open socket to decide again ([AC6]): its map and its user (null: a share-link guest). */
export interface AccessRecheck {
  mapId: string;
  userId: string | null;
}

/**
 * [AC6] The mode each open socket would get if it connected now (null: refused), in one statement
 * for all of them. A share-link guest keeps reading while the map exists; revoking the link itself
 * is decided at its next upgrade.
 */
export async function recheckSyncAccess(requests: readonly AccessRecheck[]): Promise<(SyncMode | null)[]> {
  const found = await mapAccessMany(await getDb(), requests);
  return requests.map((request, i) => {
    const row = found[i];
    if (!row) return null;
    return request.userId === null ? 'read' : memberMode(row);
  });
}

/**
 * Runs the upgrade's query once for no map, so the first visitor after a start does not pay for
 * the database's cold caches (on PGlite the first statement of a kind costs tens of ms).
 */
export async function warmUpSyncAccess(): Promise<void> {
  await mapAccessMany(await getDb(), [{ mapId: NIL_UUID, userId: NIL_UUID }]);
}
