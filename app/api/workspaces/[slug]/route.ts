import { handler, parseBody } from '@/lib/http';
import { deleteWorkspace, getWorkspace, renameWorkspace } from '@/lib/services/workspaces';
import { updateWorkspaceInput } from '@/lib/validation/workspace';

type P = { slug: string };

export const GET = handler<P>(async ({ db, actor, params }) => getWorkspace(db, actor, params.slug));

export const PATCH = handler<P>(async ({ req, db, actor, params }) => ({
  workspace: await renameWorkspace(db, actor, params.slug, await parseBody(req, updateWorkspaceInput)),
}));

export const DELETE = handler<P>(async ({ db, actor, params }) => {
  await deleteWorkspace(db, actor, params.slug);
  return { ok: true };
});
