import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { acquireDataDirLock, DatabaseLockedError, openDatabase, rowsOf } from './client';
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
    await a.db.insert(users).values({ name: 'Budi', email: 'budi@example.com' });
    await expect(openDatabase({ dataDir: path.join(dir, 'nested', 'data') })).rejects.toThrow(DatabaseLockedError);
    await a.close();
    const b = await openDatabase({ dataDir: path.join(dir, 'nested', 'data') });
    const rows = await b.db.select().from(users);
    expect(rows.map((r) => r.email)).toEqual(['budi@example.com']);
    await b.close();
  });
});
