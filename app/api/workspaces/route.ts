import { handler, parseBody, requestLocale } from '@/lib/http';
import { createWorkspace, listMyWorkspaces } from '@/lib/services/workspaces';
import { createWorkspaceInput } from '@/lib/validation/workspace';

export const GET = handler(async ({ db, actor }) => ({ workspaces: await listMyWorkspaces(db, actor) }));

export const POST = handler(async ({ req, db, actor }) => {
  const input = await parseBody(req, createWorkspaceInput);
  return { workspace: await createWorkspace(db, actor, input, requestLocale(req, actor)) };
}, { status: 201 });
