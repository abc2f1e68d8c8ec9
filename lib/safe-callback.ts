// Where to go after signing in: only a path on this site, never another origin (open redirect).
export function safeCallbackUrl(value: unknown, fallback = '/workspaces'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  // "/x" is ours; "//host", "/\host" and anything with a scheme or control characters is not.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://lintas.invalid');
    if (url.origin !== 'http://lintas.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
