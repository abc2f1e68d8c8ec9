// The browser's way to call our JSON API: one place that turns `4xx { error, issues }` into a
// thrown ApiError the forms show (messages arrive already translated by the server).
export interface ApiIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly issues: ApiIssue[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
  }
  /** Field errors keyed by the first path segment, for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) {
      const k = String(i.path[0] ?? '');
      if (k && !out[k]) out[k] = i.message;
    }
    return out;
  }
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: body !== undefined ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after')) || undefined;
    throw new ApiError(res.status, data.error ?? res.statusText, data.code ?? 'error.internal', data.issues ?? [], retry);
  }
  return data as T;
}
