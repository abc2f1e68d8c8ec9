// Sign-in throttling per account + IP, kept in the database so a restart does not reset it.
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_SECONDS = 15 * 60;

const limiters = new WeakMap<object, RateLimiterDrizzle>();

function limiter(db: Db): RateLimiterDrizzle {
  let l = limiters.get(db);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: 'login',
      points: LOGIN_MAX_FAILURES,
      duration: LOGIN_WINDOW_SECONDS,
    });
    limiters.set(db, l);
  }
  return l;
}

export function loginKey(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

/** Seconds until this account+IP may try again, or 0 when it may try now. */
export async function loginBlockedFor(db: Db, key: string): Promise<number> {
  const res = await limiter(db).get(key);
  if (!res || res.consumedPoints < LOGIN_MAX_FAILURES) return 0;
  return Math.ceil(res.msBeforeNext / 1000);
}

export async function recordLoginFailure(db: Db, key: string): Promise<void> {
  await limiter(db).penalty(key, 1);
}

export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await limiter(db).delete(key);
}

export { RateLimiterRes };
