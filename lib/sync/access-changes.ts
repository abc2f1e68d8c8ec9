// [AC6] Who may do what on a map changed: the services publish it once their write committed, and
// the sync server of this process re-decides the open sockets it concerns (server.ts). The
// listeners live on globalThis: Next bundles the services (route handlers) apart from server.ts's
// copy of lib/sync, and both copies must reach the same listeners.
import { logger as rootLogger } from '@/lib/log';

const log = rootLogger.child({ module: 'sync-access' });

export interface AccessChange {
  workspaceId: string;
  /** Only this user's connections (their membership changed); everyone's when absent. */
  userId?: string;
  /** Only this map's room (archived, restored, deleted); every map of the workspace when absent. */
  mapId?: string;
}

export type AccessChangeListener = (change: AccessChange) => void;

const KEY = Symbol.for('lintas.accessChangeListeners');

function listeners(): Set<AccessChangeListener> {
  const holder = globalThis as Record<symbol, Set<AccessChangeListener> | undefined>;
  return (holder[KEY] ??= new Set());
}

/** Tells every listener of this process; a listener that throws does not stop the others. */
export function publishAccessChange(change: AccessChange): void {
  for (const listener of [...listeners()]) {
    try {
      listener(change);
    } catch (err) {
      log.error({ err, change }, 'an access-change listener failed');
    }
  }
}

/** Returns the unsubscribe function. */
export function subscribeAccessChanges(listener: AccessChangeListener): () => void {
  const set = listeners();
  set.add(listener);
  return () => set.delete(listener);
}
