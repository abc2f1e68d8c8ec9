import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureAuthSecret } from './secret';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-secret-'));

describe('ensureAuthSecret', () => {
  it('generates a secret once into the data folder and reuses it', () => {
    const dir = path.join(tmp(), 'data');
    const env1: Record<string, string | undefined> = {};
    const s1 = ensureAuthSecret(env1, dir);
    expect(s1.length).toBeGreaterThanOrEqual(40);
    expect(env1.AUTH_SECRET).toBe(s1);
    expect(env1.NEXTAUTH_SECRET).toBe(s1);
    expect(fs.statSync(path.join(dir, 'auth-secret')).mode & 0o077).toBe(0);
    const env2: Record<string, string | undefined> = {};
    expect(ensureAuthSecret(env2, dir)).toBe(s1);
  });
  it('prefers AUTH_SECRET, then NEXTAUTH_SECRET, from the environment', () => {
    const dir = tmp();
    expect(ensureAuthSecret({ AUTH_SECRET: 'a'.repeat(32) }, dir)).toBe('a'.repeat(32));
    const env: Record<string, string | undefined> = { NEXTAUTH_SECRET: 'b'.repeat(32) };
    expect(ensureAuthSecret(env, dir)).toBe('b'.repeat(32));
    expect(env.AUTH_SECRET).toBe('b'.repeat(32));
    expect(fs.existsSync(path.join(dir, 'auth-secret'))).toBe(false);
  });
  it('is a clear start-up error in production against PostgreSQL', () => {
    expect(() => ensureAuthSecret({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x' }, tmp())).toThrow(/AUTH_SECRET is not set/);
  });
});
