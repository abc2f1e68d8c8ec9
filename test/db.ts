// Test databases: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. Each call makes a
// fresh database (PGlite in memory; a new database on the PostgreSQL server, dropped on close).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type DbKind } from '@/db/client';

export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function createTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') return openDatabase();
  const { url, drop } = await createPostgresDatabase();
  const database = await openDatabase({ url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A fresh, empty database on the TEST_DATABASE_URL server; `drop()` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `lintas_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
