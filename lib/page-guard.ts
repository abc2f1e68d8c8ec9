// Page loaders' one guard: who is signed in (else to /login, coming back afterwards), then the
// same services the API calls, with their AppErrors turned into the page's answer: 404 →
// not-found page, 403 → a "no access" notice the page renders.
import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/policy';
import { actorFromCookieHeader } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';

/** The signed-in user or null; cached per request (layout and page both ask). */
export const currentActor = cache(async (): Promise<Actor | null> => actorFromCookieHeader((await headers()).get('cookie')));

/**
 * Where to come back to after signing in: the page actually requested (set by proxy.ts; a layout
 * does not know its page), else the caller's `fallback`. Only same-site paths.
 */
async function returnPath(fallback: string): Promise<string> {
  const asked = (await headers()).get('x-lintas-path');
  return asked && asked.startsWith('/') && !asked.startsWith('//') ? asked : fallback;
}

/** The signed-in user, or a redirect to sign in that returns to the requested page afterwards. */
export async function requireActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(await returnPath(returnTo))}`);
  return actor;
}

export type Guarded<T> = { ok: true; data: T; actor: Actor } | { ok: false; status: 403 };

/**
 * Runs a page's loader for the signed-in user. 401 → sign in, 404 → notFound(), 403 → `{ ok: false }`
 * (render <Forbidden />: `forbidden()` needs the experimental authInterrupts flag). Other errors
 * are bugs: rethrown to the error boundary.
 */
export async function guard<T>(returnTo: string, load: (ctx: { actor: Actor; db: Db }) => Promise<T>): Promise<Guarded<T>> {
  const actor = await requireActor(returnTo);
  const db = await getDb();
  try {
    return { ok: true, data: await load({ actor, db }), actor };
  } catch (err) {
    if (isAppError(err)) {
      if (err.status === 401) redirect(`/login?callbackUrl=${encodeURIComponent(await returnPath(returnTo))}`);
      if (err.status === 404) notFound();
      if (err.status === 403) return { ok: false, status: 403 };
    }
    throw err;
  }
}
