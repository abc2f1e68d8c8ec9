// Who is calling: the next-auth session cookie (a signed JWT), decoded the same way for route
// handlers, page loaders and the WebSocket upgrade, then checked against the users table.
import { decode } from 'next-auth/jwt';
import { authSecret } from './secret';
import type { Actor } from './policy';
import { getDb } from '@/db/client';
import { userById } from '@/db/queries/users';

export const SESSION_COOKIE = 'next-auth.session-token';
export const SECURE_SESSION_COOKIE = '__Secure-next-auth.session-token';

export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

/** The session token from a Cookie header, joining next-auth's chunked cookies (`name.0`, `name.1`…). */
export function sessionTokenFrom(cookies: Record<string, string>): string | null {
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    if (cookies[name]) return cookies[name];
    if (cookies[`${name}.0`]) {
      let token = '';
      for (let i = 0; cookies[`${name}.${i}`] !== undefined; i++) token += cookies[`${name}.${i}`];
      return token;
    }
  }
  return null;
}

export async function userIdFromToken(token: string | null): Promise<string | null> {
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: authSecret() });
    return typeof payload?.sub === 'string' ? payload.sub : null;
  } catch {
    return null; // tampered, expired or signed with another secret: anonymous
  }
}

export async function actorFromCookieHeader(header: string | null | undefined): Promise<Actor | null> {
  const id = await userIdFromToken(sessionTokenFrom(parseCookieHeader(header)));
  if (!id) return null;
  const user = await userById(await getDb(), id);
  return user ? { id: user.id, name: user.name, email: user.email, locale: user.locale } : null;
}

export function actorFromRequest(req: Request): Promise<Actor | null> {
  return actorFromCookieHeader(req.headers.get('cookie'));
}
