import { handler, parseBody, requestLocale } from '@/lib/http';
import { signUp } from '@/lib/services/users';
import { signUpInput } from '@/lib/validation/auth';

export const POST = handler(async ({ req, db }) => {
  const input = await parseBody(req, signUpInput);
  return { user: await signUp(db, input, requestLocale(req)) };
}, { status: 201 });
