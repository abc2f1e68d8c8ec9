import { handler, parse, parseBody } from '@/lib/http';
import { deletePersona, updatePersona } from '@/lib/services/personas';
import { updatePersonaInput } from '@/lib/validation/persona';
import { uuid } from '@/lib/validation/workspace';

type P = { slug: string; id: string };

export const PATCH = handler<P>(async ({ req, db, actor, params }) => ({
  persona: await updatePersona(db, actor, params.slug, parse(uuid, params.id), await parseBody(req, updatePersonaInput)),
}));

export const DELETE = handler<P>(async ({ db, actor, params }) => {
  await deletePersona(db, actor, params.slug, parse(uuid, params.id));
  return { ok: true };
});
