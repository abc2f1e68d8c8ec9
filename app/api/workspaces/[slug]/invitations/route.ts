import { handler, parseBody } from '@/lib/http';
import { createInvitation, listInvitations } from '@/lib/services/invitations';
import { createInvitationInput } from '@/lib/validation/workspace';

type P = { slug: string };

export const GET = handler<P>(async ({ db, actor, params }) => ({ invitations: await listInvitations(db, actor, params.slug) }));

export const POST = handler<P>(
  async ({ req, db, actor, params }) => createInvitation(db, actor, params.slug, await parseBody(req, createInvitationInput)),
  { status: 201 },
);
