'use client';
// Email + password sign-in against next-auth's credentials callback, with the throttle's 429
// surfaced (next-auth/react's signIn cannot read a 429 body).
export type SignInResult = { ok: true } | { ok: false; error: 'invalid' | 'throttled' | 'network'; retryAfter?: number };

export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    const csrf = await fetch('/api/auth/csrf', { credentials: 'same-origin' }).then((r) => r.json());
    const res = await fetch('/api/auth/callback/credentials', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, json: 'true', callbackUrl: '/' }),
    });
    if (res.status === 429) return { ok: false, error: 'throttled', retryAfter: Number(res.headers.get('retry-after')) || 60 };
    const data = await res.json().catch(() => ({}));
    const url = typeof data.url === 'string' ? new URL(data.url, location.origin) : null;
    if (!res.ok || !url || url.searchParams.get('error')) return { ok: false, error: 'invalid' };
    return { ok: true };
  } catch {
    return { ok: false, error: 'network' };
  }
}

export async function signOutNow(): Promise<void> {
  const csrf = await fetch('/api/auth/csrf', { credentials: 'same-origin' }).then((r) => r.json());
  await fetch('/api/auth/signout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, json: 'true' }),
  });
}
