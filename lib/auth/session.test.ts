import { afterEach, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { TEST_SECRET, useTestSecret as applyTestSecret } from '@/test/factories';
import { parseCookieHeader, sessionTokenFrom, userIdFromToken } from './session';

const SUB = '6f1c2a8e-1111-4000-8000-000000000001';

describe('userIdFromToken', () => {
  afterEach(() => vi.useRealTimers());

  it('answers the subject of a valid token, again and again (decoded once, then remembered)', async () => {
    applyTestSecret();
    const token = await encode({ token: { sub: SUB }, secret: TEST_SECRET });
    expect(await userIdFromToken(token)).toBe(SUB);
    expect(await userIdFromToken(token)).toBe(SUB);
  });

  it('a remembered token stops working at its expiry', async () => {
    applyTestSecret();
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await encode({ token: { sub: SUB }, secret: TEST_SECRET, maxAge: 60 });
    expect(await userIdFromToken(token)).toBe(SUB);
    vi.setSystemTime(Date.now() + 61_000 + 15_000); // past exp and next-auth's 15 s clock tolerance
    expect(await userIdFromToken(token)).toBeNull();
  });

  it('a token of another secret, a tampered one, or none is anonymous — remembered or not', async () => {
    applyTestSecret();
    const token = await encode({ token: { sub: SUB }, secret: TEST_SECRET });
    expect(await userIdFromToken(token)).toBe(SUB);
    const other = await encode({ token: { sub: SUB }, secret: 'another-secret-0123456789abcdef-0123456789' });
    expect(await userIdFromToken(other)).toBeNull();
    expect(await userIdFromToken(`${token.slice(0, -4)}AAAA`)).toBeNull();
    expect(await userIdFromToken(null)).toBeNull();
    // the secret rotates: what was remembered under the old one no longer counts
    process.env.AUTH_SECRET = process.env.NEXTAUTH_SECRET = 'rotated-secret-0123456789abcdef-0123456789';
    try {
      expect(await userIdFromToken(token)).toBeNull();
    } finally {
      applyTestSecret();
    }
  });

  it('reads the session token from a Cookie header, chunked or not', () => {
    expect(sessionTokenFrom(parseCookieHeader('a=1; next-auth.session-token=abc'))).toBe('abc');
    expect(sessionTokenFrom(parseCookieHeader('next-auth.session-token.0=ab; next-auth.session-token.1=cd'))).toBe('abcd');
    expect(sessionTokenFrom(parseCookieHeader('other=1'))).toBeNull();
  });
});
