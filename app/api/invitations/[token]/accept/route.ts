import { handler } from '@/lib/http';
import { acceptInvitation } from '@/lib/services/invitations';

export const POST = handler<{ token: string }>(async ({ db, actor, params }) => acceptInvitation(db, actor, params.token));
