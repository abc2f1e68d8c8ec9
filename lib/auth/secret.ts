// The session-signing secret: AUTH_SECRET (or NEXTAUTH_SECRET); without one, a secret generated
// once and kept in the data folder. In production against PostgreSQL a missing secret is an error
// (several processes must share it, and a data folder is not the place to keep it).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function ensureAuthSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const given = env.AUTH_SECRET || env.NEXTAUTH_SECRET;
  if (given) {
    env.AUTH_SECRET = env.NEXTAUTH_SECRET = given;
    return given;
  }
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error(
      'AUTH_SECRET is not set. With DATABASE_URL in production every Lintas process must share one ' +
        'secret: set AUTH_SECRET (e.g. `openssl rand -base64 32`).',
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'auth-secret');
  let secret = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  env.AUTH_SECRET = env.NEXTAUTH_SECRET = secret;
  return secret;
}

export function authSecret(): string {
  const s = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (!s) throw new Error('AUTH_SECRET is not set (server.ts sets it at start-up)');
  return s;
}
