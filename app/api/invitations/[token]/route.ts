import { handler } from '@/lib/http';
import { previewInvitation } from '@/lib/services/invitations';

export const GET = handler<{ token: string }>(async ({ db, params }) => ({ invitation: await previewInvitation(db, params.token) }));
