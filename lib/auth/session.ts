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

/**
 * Tokens decoded lately → their subject, until the token's own expiry. A token always decodes to
 * the same payload under one secret, so this only skips work (an HKDF key derivation and an
 * AES-GCM decryption per call; a reconnect wave makes hundreds at once). Bounded; oldest out first.
 */
const decoded = new Map<string, { sub: string; expiresAt: number }>();
const DECODED_MAX = 1_000;

export async function userIdFromToken(token: string | null): Promise<string | null> {
  if (!token) return null;
  const secret = authSecret();
  const key = `${secret}\n${token}`;
  const hit = decoded.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.sub;
  decoded.delete(key);
  try {
    const payload = await decode({ token, secret });
    if (typeof payload?.sub !== 'string') return null;
    if (typeof payload.exp === 'number') {
      if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
      decoded.set(key, { sub: payload.sub, expiresAt: payload.exp * 1000 });
    }
    return payload.sub;
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
