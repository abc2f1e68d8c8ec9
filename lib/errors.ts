// Errors a user can cause: a status and a message key (translated at the edge), never a crash.
export interface Issue {
  path: (string | number)[];
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly issues: Issue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
  }
  static badRequest(key = 'error.badRequest', issues: Issue[] = []) {
    return new AppError(400, key, issues);
  }
  static unauthorized() {
    return new AppError(401, 'error.unauthorized');
  }
  static forbidden(key = 'error.forbidden') {
    return new AppError(403, key);
  }
  static notFound(key = 'error.notFound') {
    return new AppError(404, key);
  }
  static conflict(key: string) {
    return new AppError(409, key);
  }
  static tooMany(retryAfterSeconds: number) {
    return new AppError(429, 'error.tooManyRequests', [], { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
