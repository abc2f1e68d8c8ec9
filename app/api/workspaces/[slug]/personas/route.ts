import { handler, parseBody } from '@/lib/http';
import { createPersona, listPersonas } from '@/lib/services/personas';
import { personaInput } from '@/lib/validation/persona';

type P = { slug: string };

export const GET = handler<P>(async ({ db, actor, params }) => listPersonas(db, actor, params.slug));

export const POST = handler<P>(
  async ({ req, db, actor, params }) => ({ persona: await createPersona(db, actor, params.slug, await parseBody(req, personaInput)) }),
  { status: 201 },
);
