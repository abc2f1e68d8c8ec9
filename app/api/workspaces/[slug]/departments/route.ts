import { handler, parseBody } from '@/lib/http';
import { createDepartment, listDepartments } from '@/lib/services/departments';
import { departmentInput } from '@/lib/validation/workspace';

type P = { slug: string };

export const GET = handler<P>(async ({ db, actor, params }) => ({ departments: await listDepartments(db, actor, params.slug) }));

export const POST = handler<P>(
  async ({ req, db, actor, params }) => ({ department: await createDepartment(db, actor, params.slug, await parseBody(req, departmentInput)) }),
  { status: 201 },
);
