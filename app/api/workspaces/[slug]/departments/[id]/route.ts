import { handler, parse, parseBody } from '@/lib/http';
import { deleteDepartment, updateDepartment } from '@/lib/services/departments';
import { updateDepartmentInput, uuid } from '@/lib/validation/workspace';

type P = { slug: string; id: string };

export const PATCH = handler<P>(async ({ req, db, actor, params }) => ({
  department: await updateDepartment(db, actor, params.slug, parse(uuid, params.id), await parseBody(req, updateDepartmentInput)),
}));

export const DELETE = handler<P>(async ({ db, actor, params }) => {
  await deleteDepartment(db, actor, params.slug, parse(uuid, params.id));
  return { ok: true };
});
