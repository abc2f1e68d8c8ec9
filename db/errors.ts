// What the database said, across drivers: drizzle wraps the driver's error (postgres.js'
// PostgresError, PGlite's DatabaseError) in its own, with the original as `cause`.

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown; // PGlite
  constraint_name?: unknown; // postgres.js
  cause?: unknown;
}

/** The SQLSTATE error and its constraint, from `err` or the errors it wraps; null if none. */
function pgError(err: unknown): { code: string; constraint: string | null } | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as PgErrorFields).cause, depth++) {
    const { code, constraint, constraint_name } = e as PgErrorFields;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const name = typeof constraint === 'string' ? constraint : typeof constraint_name === 'string' ? constraint_name : null;
      return { code, constraint: name };
    }
  }
  return null;
}

/** A unique violation (23505), of `constraint` when given. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
