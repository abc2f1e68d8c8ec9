// isUniqueViolation against the errors the real drivers throw through drizzle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client';
import { departments, workspaces } from './schema';
import { isUniqueViolation } from './errors';
import { DB_KINDS, createTestDatabase } from '@/test/db';

describe.each(DB_KINDS)('isUniqueViolation on %s', (kind) => {
  let database: Database;
  let workspaceId: string;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    [{ id: workspaceId }] = await database.db.insert(workspaces).values({ name: 'W', slug: 'w' }).returning({ id: workspaces.id });
    await database.db.insert(departments).values({ workspaceId, name: 'Sales', color: '#000000' });
  });
  afterAll(() => database.close());

  const failure = (run: () => Promise<unknown>) =>
    run().then(
      () => expect.unreachable('no error'),
      (err: unknown) => err,
    );

  it('names the constraint a duplicate broke, through drizzle’s wrapper', async () => {
    const err = await failure(() => database.db.insert(departments).values({ workspaceId, name: 'sALES', color: '#000000' }));
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'departments_workspace_name_key')).toBe(true);
    expect(isUniqueViolation(err, 'workspaces_slug_unique')).toBe(false);
  });

  it('still names it when the statement ran inside a transaction (the workspace-slug retry)', async () => {
    const err = await failure(() => database.db.transaction((tx) => tx.insert(workspaces).values({ name: 'W2', slug: 'w' })));
    expect(isUniqueViolation(err, 'workspaces_slug_unique')).toBe(true);
  });

  it('is false for other database errors and for errors that are not the database’s', async () => {
    const notNull = await failure(() =>
      database.db.insert(departments).values({ workspaceId, name: null as unknown as string, color: '#000' }),
    );
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint "x"'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
