// The running server as an operator and a browser meet it: health, security headers, cookies,
// and the PGlite data-folder lock.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('GET /api/health answers ok with the embedded database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', db: 'pglite', version: expect.any(String) });
});

test('every page carries the security headers (CSP with frame-ancestors, nosniff, Referrer-Policy)', async ({ request }) => {
  for (const url of ['/login', '/signup', '/workspaces']) {
    const res = await request.get(url, { maxRedirects: 0 });
    const h = res.headers();
    expect(h['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
    expect(h['content-security-policy'], url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h['x-content-type-options'], url).toBe('nosniff');
    expect(h['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(h['x-powered-by'], url).toBeUndefined();
  }
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ request }) => {
  const email = `cookie-${Date.now()}@example.com`;
  expect((await request.post('/api/auth/signup', { data: { name: 'Cookie', email, password: 'password-123' } })).status()).toBe(201);
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/callback/credentials', {
    form: { email, password: 'password-123', csrfToken, json: 'true' },
    maxRedirects: 0,
  });
  const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
  const session = setCookie.find((c) => c.startsWith('next-auth.session-token='));
  expect(session).toBeDefined();
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
});

test('a second process on the same data folder refuses to start with a clear message', async () => {
  const root = path.resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, [path.join(root, 'dist', 'server.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '3198', LINTAS_DATA_DIR: '.lintas-e2e', NODE_ENV: 'production' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(out).toMatch(/in use by another Lintas process/);
});
