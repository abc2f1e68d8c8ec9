// next-auth's routes, with sign-in throttling in front: a blocked account+IP gets 429 and
// Retry-After before next-auth runs (the throttle itself lives in the database).
import NextAuth from 'next-auth';
import { getDb } from '@/db/client';
import { authOptions, clientIp } from '@/lib/auth/options';
import { loginBlockedFor, loginKey } from '@/lib/auth/throttle';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function run(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export const GET = run;

export async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join('/') === 'callback/credentials') {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get('email') ?? '');
    if (email) {
      const wait = await loginBlockedFor(await getDb(), loginKey(email, clientIp(req.headers)));
      if (wait > 0) return errorResponse(AppError.tooMany(wait), req);
    }
  }
  return run(req, ctx);
}
