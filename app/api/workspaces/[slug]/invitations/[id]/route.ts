import { handler, parse } from '@/lib/http';
import { revokeInvitation } from '@/lib/services/invitations';
import { uuid } from '@/lib/validation/workspace';

export const DELETE = handler<{ slug: string; id: string }>(async ({ db, actor, params }) => {
  await revokeInvitation(db, actor, params.slug, parse(uuid, params.id));
  return { ok: true };
});
