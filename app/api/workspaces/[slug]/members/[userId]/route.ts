import { handler, parse, parseBody } from '@/lib/http';
import { removeMember, updateMember } from '@/lib/services/members';
import { updateMemberInput, uuid } from '@/lib/validation/workspace';

type P = { slug: string; userId: string };

export const PATCH = handler<P>(async ({ req, db, actor, params }) => ({
  member: await updateMember(db, actor, params.slug, parse(uuid, params.userId), await parseBody(req, updateMemberInput)),
}));

export const DELETE = handler<P>(async ({ db, actor, params }) => {
  await removeMember(db, actor, params.slug, parse(uuid, params.userId));
  return { ok: true };
});
