import { handler } from '@/lib/http';
import { listMembers } from '@/lib/services/members';

export const GET = handler<{ slug: string }>(async ({ db, actor, params }) => ({ members: await listMembers(db, actor, params.slug) }));
