import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  acquireDataDirLock,
  DatabaseLockedError,
  executePrepared,
  executeRaw,
  openDatabase,
  pgliteSharedBuffersFromEnv,
  pgliteThreadFromEnv,
  syncJournalFromEnv,
  readByteaRows,
  rowsOf,
  uuidLiteral,
  vacuumIfEmbedded,
  type Database,
} from './client';
import { byteaRowsOfCopy } from './copy-binary.mjs';
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

const preparedHandles: [string, () => Promise<Database>][] = [
  ...DB_KINDS.map((kind): [string, () => Promise<Database>] => [kind, () => createTestDatabase(kind)]),
  ['pglite on a worker thread', () => openDatabase({ pgliteThread: 'worker' })],
];

describe.each(preparedHandles)('executePrepared on %s', (_name, open) => {
  const insertUser = { name: 'test_insert_user', text: 'insert into users (name, email) values ($1, $2)', types: ['text', 'text'] };

  it('stores any text exactly, prepares once on PGlite even when first called concurrently, and refuses NUL', async () => {
    const database = await open();
    try {
      const { db } = database;
      const tricky = ["O'Brien", "back\\slash \\' and \\n", "'); drop table users; --", 'Ayu 🙂 {a,b} "q"', "$1 $$ E'x'"];
      await Promise.all(tricky.map((text, i) => executePrepared(db, insertUser, [text, `user${i}@example.com`])));
      const rows = await executeRaw<{ name: string; email: string }>(db, `select name, email from users order by email`, []);
      expect(rows).toEqual(tricky.map((text, i) => ({ name: text, email: `user${i}@example.com` })));
      if (database.kind === 'pglite') {
        const prepared = await executeRaw<{ name: string }>(db, `select name from pg_prepared_statements`, []);
        expect(prepared.map((r) => r.name)).toEqual([insertUser.name]);
      }
      await expect(executePrepared(db, insertUser, ['nul \0 inside', 'nul@example.com'])).rejects.toThrow('NUL');
      await expect(executePrepared(db, insertUser, ['only one'])).rejects.toThrow('takes 2 parameters');
      if (database.kind === 'pglite') {
        await expect(executePrepared(db, { ...insertUser, name: 'bad name' }, ['a', 'b@example.com'])).rejects.toThrow(
          'not a statement name',
        );
      }
      expect((await executeRaw<{ n: number }>(db, `select count(*)::int as n from users`, []))[0].n).toBe(tricky.length);
    } finally {
      await database.close();
    }
  });

  it('reports a failed statement and still runs the next one', async () => {
    const database = await open();
    try {
      const { db } = database;
      await executePrepared(db, insertUser, ['Ana', 'ana@example.com']);
      await expect(executePrepared(db, insertUser, ['Ana again', 'ana@example.com'])).rejects.toThrow(/duplicate key|unique/i);
      await executePrepared(db, insertUser, ['Budi', 'budi@example.com']);
      const rows = await executeRaw<{ name: string }>(db, `select name from users order by name`, []);
      expect(rows.map((r) => r.name)).toEqual(['Ana', 'Budi']);
    } finally {
      await database.close();
    }
  });
});

const byteaHandles: [string, () => Promise<Database>][] = [
  ...DB_KINDS.map((kind): [string, () => Promise<Database>] => [kind, () => createTestDatabase(kind)]),
  ['pglite on a worker thread', () => openDatabase({ pgliteThread: 'worker' })],
];

describe.each(byteaHandles)('readByteaRows on %s', (_name, open) => {
  it('answers the first column of every row as bytes of their own, in row order, byte for byte', async () => {
    const database = await open();
    try {
      const { db } = database;
      // Not a temporary table: postgres.js may run each statement on another pooled connection.
      const table = `blobs_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      await executeRaw(db, `create table ${table} (id int primary key, data bytea not null, note text)`, []);
      const big = new Uint8Array(1024 * 1024 + 3).map((_, i) => (i * 7919) % 251); // several TOAST chunks
      const values = [new Uint8Array([0, 255, 10, 13, 92]), new Uint8Array(0), big];
      for (const [i, value] of values.entries()) {
        await executeRaw(db, `insert into ${table} values ($1, decode($2, $3), $4)`, [
          i + 1,
          Buffer.from(value).toString('base64'),
          'base64',
          `row ${i}`,
        ]);
      }
      const rows = await readByteaRows(db, `select data, note from ${table} order by id desc`);
      expect(rows.map((r) => Buffer.from(r).toString('base64'))).toEqual(values.reverse().map((v) => Buffer.from(v).toString('base64')));
      expect(rows.every((r) => r instanceof Uint8Array && r.byteOffset === 0 && r.byteLength === r.buffer.byteLength)).toBe(true);
      expect(await readByteaRows(db, `select data from ${table} where id < 0`)).toEqual([]);
      await expect(readByteaRows(db, 'select data from no_such_table')).rejects.toThrow(/no_such_table/);
    } finally {
      await database.close();
    }
  });
});

describe.each(byteaHandles)('vacuumIfEmbedded on %s', (name, open) => {
  it('vacuums on PGlite (no autovacuum there), leaves PostgreSQL to its autovacuum, refuses a bad name', async () => {
    const database = await open();
    try {
      expect(await vacuumIfEmbedded(database.db, 'map_updates')).toBe(name !== 'postgres');
      await expect(vacuumIfEmbedded(database.db, 'map_updates; drop table users')).rejects.toThrow(/not a table name/);
    } finally {
      await database.close();
    }
  });
});

describe('reading binary COPY data', () => {
  const header = [...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), 0, 0, 0, 0, 0, 0, 0, 0];
  const row = (...fields: (number[] | null)[]) => {
    const out = [0, fields.length];
    for (const f of fields) {
      if (f === null) out.push(0xff, 0xff, 0xff, 0xff);
      else out.push(0, 0, (f.length >> 8) & 0xff, f.length & 0xff, ...f);
    }
    return out;
  };
  const trailer = [0xff, 0xff];

  it('reads the first field of each row and stops at the trailer', () => {
    const rows = byteaRowsOfCopy(new Uint8Array([...header, ...row([1, 2], [9]), ...row([], [8]), ...trailer]));
    expect(rows.map((r) => [...r])).toEqual([[1, 2], []]);
  });

  it('refuses another format, data cut short and a NULL, with a clear error', () => {
    expect(() => byteaRowsOfCopy(new Uint8Array(Buffer.from('id,data\n1,x\n2,y\n3,z\n')))).toThrow(/not binary COPY data/);
    expect(() => byteaRowsOfCopy(new Uint8Array([...header, ...row([1, 2, 3])].slice(0, -1)))).toThrow(/ends early/);
    expect(() => byteaRowsOfCopy(new Uint8Array([...header, ...row([1])]))).toThrow(/ends early/);
    expect(() => byteaRowsOfCopy(new Uint8Array([...header, ...row(null), ...trailer]))).toThrow(/NULL/);
  });

  it('uuidLiteral inlines a UUID and refuses anything else', () => {
    expect(uuidLiteral('0A1B2C3D-0000-4000-8000-00000000000F')).toBe("'0A1B2C3D-0000-4000-8000-00000000000F'::uuid");
    for (const bad of ["x'; drop table maps; --", '', '0a1b2c3d-0000-4000-8000-00000000000f; select 1']) {
      expect(() => uuidLiteral(bad)).toThrow(RangeError);
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

  it('reads LINTAS_SYNC_JOURNAL (default on) and refuses anything else; a data folder gets a journal folder unless off', async () => {
    expect(syncJournalFromEnv(undefined)).toBe(true);
    expect(syncJournalFromEnv('on')).toBe(true);
    expect(syncJournalFromEnv('off')).toBe(false);
    expect(() => syncJournalFromEnv('yes')).toThrow(/"on" or "off"/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-data-'));
    const saved = process.env.LINTAS_SYNC_JOURNAL;
    try {
      delete process.env.LINTAS_SYNC_JOURNAL;
      const on = await openDatabase({ dataDir: dir });
      expect(on.journalDir).toBe(path.join(dir, 'journal'));
      await on.close();
      process.env.LINTAS_SYNC_JOURNAL = 'off';
      const off = await openDatabase({ dataDir: dir });
      expect(off.journalDir).toBeUndefined();
      await off.close();
      process.env.LINTAS_SYNC_JOURNAL = 'maybe';
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/LINTAS_SYNC_JOURNAL/);
      delete process.env.LINTAS_SYNC_JOURNAL;
      const memory = await openDatabase(); // in memory: never a journal
      expect(memory.journalDir).toBeUndefined();
      await memory.close();
    } finally {
      if (saved === undefined) delete process.env.LINTAS_SYNC_JOURNAL;
      else process.env.LINTAS_SYNC_JOURNAL = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads LINTAS_PGLITE_SHARED_BUFFERS (default 32MB), refuses a bad size, and PGlite runs with it on either thread', async () => {
    expect(pgliteSharedBuffersFromEnv(undefined)).toBe('32MB');
    expect(pgliteSharedBuffersFromEnv(' ')).toBe('32MB');
    expect(pgliteSharedBuffersFromEnv('16MB')).toBe('16MB');
    expect(pgliteSharedBuffersFromEnv('2048kB')).toBe('2048kB');
    expect(pgliteSharedBuffersFromEnv('1GB')).toBe('1GB');
    for (const bad of ['512kB', '32', '32mb', '-8MB', '32 MB', '128GB', 'lots']) {
      expect(() => pgliteSharedBuffersFromEnv(bad), bad).toThrow(/LINTAS_PGLITE_SHARED_BUFFERS/);
    }
    const saved = process.env.LINTAS_PGLITE_SHARED_BUFFERS;
    const setting = async (database: Database) =>
      rowsOf<{ sb: string }>(await database.db.execute(sql`select current_setting('shared_buffers') as sb`))[0].sb;
    try {
      delete process.env.LINTAS_PGLITE_SHARED_BUFFERS;
      const byDefault = await openDatabase();
      expect(await setting(byDefault)).toBe('32MB');
      await byDefault.close();
      process.env.LINTAS_PGLITE_SHARED_BUFFERS = '16MB';
      for (const pgliteThread of ['main', 'worker'] as const) {
        const set = await openDatabase({ pgliteThread });
        expect(await setting(set), pgliteThread).toBe('16MB');
        await set.close();
      }
      process.env.LINTAS_PGLITE_SHARED_BUFFERS = 'huge';
      await expect(openDatabase()).rejects.toThrow(/LINTAS_PGLITE_SHARED_BUFFERS/);
    } finally {
      if (saved === undefined) delete process.env.LINTAS_PGLITE_SHARED_BUFFERS;
      else process.env.LINTAS_PGLITE_SHARED_BUFFERS = saved;
    }
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
