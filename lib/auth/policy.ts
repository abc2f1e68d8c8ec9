// The one authorisation policy: every route handler, page loader and the sync server ask it.
import type { Role } from '@/db/schema';
import { AppError } from '@/lib/errors';

export type { Role };

export type Action =
  | 'workspace:read'
  | 'workspace:update'
  | 'workspace:delete'
  | 'members:read'
  | 'members:manage'
  | 'departments:manage'
  | 'map:read'
  | 'map:create'
  | 'map:edit'
  | 'map:archive'
  | 'map:delete'
  | 'map:comment'
  | 'map:share'
  | 'persona:read'
  | 'persona:manage';

export const ACTIONS: readonly Action[] = [
  'workspace:read',
  'workspace:update',
  'workspace:delete',
  'members:read',
  'members:manage',
  'departments:manage',
  'map:read',
  'map:create',
  'map:edit',
  'map:archive',
  'map:delete',
  'map:comment',
  'map:share',
  'persona:read',
  'persona:manage',
];

const VIEWER: Action[] = ['workspace:read', 'members:read', 'map:read', 'persona:read'];
const COMMENTER: Action[] = [...VIEWER, 'map:comment'];
const EDITOR: Action[] = [...COMMENTER, 'map:create', 'map:edit', 'map:archive', 'map:share', 'persona:manage'];
const OWNER: Action[] = [...ACTIONS];

export const ALLOWED: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(VIEWER),
  commenter: new Set(COMMENTER),
  editor: new Set(EDITOR),
  owner: new Set(OWNER),
};

/** The signed-in user making a request. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  locale: string | null;
}

/** What the caller is to one workspace: its id and the caller's role there (null: not a member). */
export interface WorkspaceAccess {
  workspaceId: string;
  role: Role | null;
}

export function can(actor: Actor | null, action: Action, access: WorkspaceAccess): boolean {
  if (!actor || !access.role) return false;
  return ALLOWED[access.role].has(action);
}

/**
 * Throws 401 without an actor, 404 when the caller is not a member (nothing leaks about a
 * workspace they cannot see), 403 when they are a member whose role does not allow the action.
 */
export function authorize(actor: Actor | null, action: Action, access: WorkspaceAccess): void {
  if (!actor) throw AppError.unauthorized();
  if (!access.role) throw AppError.notFound();
  if (!ALLOWED[access.role].has(action)) throw AppError.forbidden();
}

/** The policy's answers for the UI (it hides what the server would refuse, from the same rules). */
export function abilities(actor: Actor | null, access: WorkspaceAccess): Record<Action, boolean> {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a, access)])) as Record<Action, boolean>;
}
