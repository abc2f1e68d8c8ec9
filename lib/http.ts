// Route handlers are thin: parse with zod, find the actor, call a service, answer JSON.
// User-caused errors become `4xx { error, code, issues }` in the caller's language; bugs are
// logged and answered 500 without details.
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/lib/auth/policy';
import { actorFromRequest, parseCookieHeader } from '@/lib/auth/session';
import { AppError, isAppError, type Issue } from '@/lib/errors';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/lib/i18n/config';
import { lookup } from '@/lib/i18n/translate';
import { logger } from '@/lib/log';

export interface HandlerContext<P> {
  req: Request;
  params: P;
  actor: Actor | null;
  db: Db;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Requests that change state must come from our own pages (CSRF): Origin, when sent, is ours. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function requestLocale(req: Request, actor?: Actor | null): Locale {
  return resolveLocale({
    userLocale: actor?.locale,
    cookie: parseCookieHeader(req.headers.get('cookie'))[LOCALE_COOKIE],
    acceptLanguage: req.headers.get('accept-language'),
  });
}

export function errorResponse(err: unknown, req: Request, actor?: Actor | null): Response {
  if (isAppError(err)) {
    const locale = requestLocale(req, actor);
    return Response.json(
      {
        error: lookup(locale, err.key),
        code: err.key,
        issues: err.issues.map((i) => ({ path: i.path, message: lookup(locale, i.message), code: i.message })),
      },
      { status: err.status, headers: err.headers },
    );
  }
  logger.error({ err, method: req.method, url: req.url }, 'unhandled error in route handler');
  return Response.json({ error: lookup(requestLocale(req, actor), 'error.internal'), code: 'error.internal', issues: [] }, { status: 500 });
}

export function handler<P = Record<string, never>>(
  run: (ctx: HandlerContext<P>) => Promise<unknown>,
  options: { status?: number } = {},
) {
  return async (req: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    let actor: Actor | null = null;
    try {
      if (MUTATING.has(req.method) && !sameOrigin(req)) throw AppError.forbidden('error.crossOrigin');
      const params = ((await context?.params) ?? {}) as P;
      const db = await getDb();
      actor = await actorFromRequest(req);
      const result = await run({ req, params, actor, db });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true }, { status: options.status ?? 200 });
    } catch (err) {
      return errorResponse(err, req, actor);
    }
  };
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message.startsWith('validation.') ? i.message : 'validation.invalid',
  }));
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw AppError.badRequest('error.validation', zodIssues(r.error));
  return r.data;
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError(415, 'error.jsonRequired');
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw AppError.badRequest('error.invalidJson');
  }
  return parse(schema, body);
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parse(schema, Object.fromEntries(new URL(req.url).searchParams));
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw AppError.unauthorized();
  return actor;
}
