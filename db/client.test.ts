import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { acquireDataDirLock, DatabaseLockedError, executeRaw, openDatabase, pgliteThreadFromEnv, rowsOf } from './client';
import { users } from './schema';
import { createTestDatabase, DB_KINDS } from '@/test/db';

describe.each(DB_KINDS)('database on %s', (kind) => {
  it('applies the migrations and round-trips rows and bytea', async () => {
    const database = await createTestDatabase(kind);
    try {
      const [u] = await database.db.insert(users).values({ name: 'Ana', email: 'ana@example.com' }).returning();
      expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
      const r = rowsOf<{ b: Uint8Array }>(await database.db.execute(sql`select ${Buffer.from([1, 2, 3])}::bytea as b`));
      expect([...r[0].b]).toEqual([1, 2, 3]);
    } finally {
      await database.close();
    }
  });
});

describe.each(DB_KINDS)('executeRaw on %s', (kind) => {
  it('binds $n parameters on the driver, in a drizzle transaction too, and refuses a missing one', async () => {
    const database = await createTestDatabase(kind);
    try {
      const { db } = database;
      const insert = `insert into users (name, email) select n, e from unnest($1::text[], $2::text[]) as t(n, e)`;
      await executeRaw(db, insert, ['{Ana,Budi}', '{ana@example.com,budi@example.com}']);
      const rows = await executeRaw<{ name: string }>(db, `select name from users where email = any($1::text[]) order by name`, [
        '{ana@example.com,budi@example.com}',
      ]);
      expect(rows.map((r) => r.name)).toEqual(['Ana', 'Budi']);
      // A transaction handle has no driver client: the statement goes through drizzle, with the
      // same placeholders, and rolls back with the transaction.
      await expect(
        db.transaction(async (tx) => {
          await executeRaw(tx as unknown as typeof db, `update users set name = $2 where email = $1`, ['ana@example.com', 'Ani']);
          const inside = await executeRaw<{ name: string }>(tx as unknown as typeof db, `select name from users where email = $1`, [
            'ana@example.com',
          ]);
          expect(inside[0].name).toBe('Ani');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await executeRaw<{ name: string }>(db, `select name from users where email = $1`, ['ana@example.com']))[0].name).toBe('Ana');
      await expect(db.transaction((tx) => executeRaw(tx as unknown as typeof db, `select $2::text`, ['only one']))).rejects.toThrow(
        'no parameter $2',
      );
    } finally {
      await database.close();
    }
  });
});

describe('PGlite data folder lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-lock-'));
    const release = acquireDataDirLock(dir);
    // Simulate another live process holding it: our parent is alive and is not us.
    fs.writeFileSync(path.join(dir, 'lintas.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DatabaseLockedError);
    // A lock from a dead process is stale.
    fs.writeFileSync(path.join(dir, 'lintas.lock'), '999999');
    const again = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'lintas.lock'), 'utf8')).toBe(String(process.pid));
    again();
    release();
    expect(fs.existsSync(path.join(dir, 'lintas.lock'))).toBe(false);
  });

  it('keeps data in the folder across reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-data-'));
    const a = await openDatabase({ dataDir: path.join(dir, 'nested', 'data') });
    expect(a.pgliteThread).toBe(pgliteThreadFromEnv() ?? 'main'); // the default
    await a.db.insert(users).values({ name: 'Budi', email: 'budi@example.com' });
    await expect(openDatabase({ dataDir: path.join(dir, 'nested', 'data') })).rejects.toThrow(DatabaseLockedError);
    await a.close();
    const b = await openDatabase({ dataDir: path.join(dir, 'nested', 'data') });
    const rows = await b.db.select().from(users);
    expect(rows.map((r) => r.email)).toEqual(['budi@example.com']);
    await b.close();
  });
});
