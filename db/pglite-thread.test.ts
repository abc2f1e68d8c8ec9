import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, pgliteThreadFromEnv, rowsOf, type Database } from './client';
import { PGliteThreadClient, PGliteThreadError } from './pglite-thread';
import { users } from './schema';

describe('PGlite on a worker thread: the client', () => {
  let client: PGliteThreadClient;
  beforeAll(async () => {
    client = await PGliteThreadClient.start();
    await client.exec('create table t (id int primary key, at timestamptz, b bytea)');
  });
  afterAll(() => client.close());

  it('answers in object and array row modes, with Dates, bytea and raw-text parsers', async () => {
    await client.query('insert into t values ($1, $2, $3)', [1, new Date('2026-01-02T03:04:05Z'), new Uint8Array([7, 8])]);
    const obj = await client.query<{ id: number; at: Date; b: Uint8Array }>('select * from t where id = $1', [1]);
    expect(obj.rows[0].id).toBe(1);
    expect(obj.rows[0].at).toBeInstanceOf(Date);
    expect(obj.rows[0].at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect([...obj.rows[0].b]).toEqual([7, 8]);
    expect(obj.fields.map((f) => f.name)).toEqual(['id', 'at', 'b']);
    const arr = await client.query<unknown[]>('select id, at from t', [], { rowMode: 'array', parsers: { 1184: (v) => v } });
    expect(arr.rows).toEqual([[1, '2026-01-02 03:04:05+00']]);
  });

  it('refuses a parser that would change the value (functions cannot cross threads) and a value that cannot be cloned', async () => {
    await expect(client.query('select 1', [], { parsers: { 23: (v) => Number(v) } })).rejects.toThrow(/must keep the raw value/);
    await expect(client.query('select $1::text', [() => 1])).rejects.toThrow();
    expect((await client.query<{ n: number }>('select 2 as n')).rows[0].n).toBe(2);
  });

  it("carries PostgreSQL's error fields across the thread", async () => {
    const err = (await client.query('insert into t (id) values (1)').catch((e: unknown) => e)) as PGliteThreadError;
    expect(err).toBeInstanceOf(PGliteThreadError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('t_pkey');
    expect(err.message).toMatch(/duplicate key/);
    expect(err.stack).toContain('pglite-thread.test'); // the caller's stack, not the worker's
  });

  it('commits a transaction, rolls one back when its function throws, and holds other statements until it ends', async () => {
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await client.transaction(async (tx) => {
      await tx.query('insert into t (id) values (10)');
      // A statement outside the transaction waits for it, as on an in-thread PGlite.
      outside = client
        .query<{ n: number }>('select count(*)::int as n from t where id = 10')
        .then((r) => order.push(`outside:${r.rows[0].n}`));
      await new Promise((r) => setTimeout(r, 30));
      order.push('inside');
    });
    await outside;
    expect(order).toEqual(['inside', 'outside:1']);

    let txHandle: { closed: boolean } | undefined;
    await expect(
      client.transaction(async (tx) => {
        txHandle = tx;
        await tx.query('insert into t (id) values (11)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(txHandle?.closed).toBe(true);
    expect((await client.query('select 1 from t where id = 11')).rows).toHaveLength(0);

    // A failed statement inside: the transaction is rolled back and the connection is usable.
    await expect(client.transaction((tx) => tx.query('insert into t (id) values (10)'))).rejects.toMatchObject({ code: '23505' });
    expect((await client.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n).toBe(2);
  });

  it('keeps many concurrent statements apart', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => client.query<{ v: number }>('select $1::int * 2 as v', [i])));
    expect(results.map((r) => r.rows[0].v)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it('works under drizzle: nested transactions roll back to their savepoint', async () => {
    const db = drizzle(client as unknown as PGlite);
    await db.execute(sql`create table n (v int)`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into n values (1)`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into n values (2)`);
          throw new Error('inner only');
        }),
      ).rejects.toThrow('inner only');
    });
    expect(rowsOf<{ v: number }>(await db.execute(sql`select v from n`)).map((r) => r.v)).toEqual([1]);
  });
});

describe('PGlite on a worker thread: failure and lifetime', () => {
  it('rejects what is in flight with a clear error when the thread dies, and everything after', async () => {
    const client = await PGliteThreadClient.start();
    const worker = (client as unknown as { rpc: { worker: { terminate(): Promise<number> } } }).rpc.worker;
    const inFlight = client.query('select pg_sleep(0.5)');
    await new Promise((r) => setTimeout(r, 20));
    await worker.terminate();
    await expect(inFlight).rejects.toThrow(/embedded database thread stopped/);
    await expect(client.query('select 1')).rejects.toThrow(/embedded database thread stopped/);
    await client.close(); // closing a dead client is fine
  });

  it('refuses statements after close', async () => {
    const client = await PGliteThreadClient.start();
    await client.close();
    await expect(client.query('select 1')).rejects.toThrow(/closed/);
  });

  it('does not keep a process alive when nothing is in flight (like an in-thread PGlite)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-thread-'));
    const script = path.join(dir, 'script.mts');
    fs.writeFileSync(
      script,
      `import { PGliteThreadClient } from ${JSON.stringify(path.join(import.meta.dirname, 'pglite-thread.ts'))};
      const c = await PGliteThreadClient.start();
      const r = await c.query('select 41 + 1 as n');
      console.log('answer', r.rows[0].n);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: path.resolve(import.meta.dirname, '..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.error).toBeUndefined(); // not killed by the timeout
    expect(run.stdout).toContain('answer 42');
    expect(run.status).toBe(0);
  });
});

describe('openDatabase: where PGlite runs', () => {
  it('reads LINTAS_PGLITE_THREAD and refuses anything else', () => {
    expect(pgliteThreadFromEnv('')).toBeUndefined();
    expect(pgliteThreadFromEnv('worker')).toBe('worker');
    expect(pgliteThreadFromEnv('main')).toBe('main');
    expect(() => pgliteThreadFromEnv('yes')).toThrow(/"worker" or "main"/);
  });

  it('migrates and serves the app schema on the worker', async () => {
    let database: Database | undefined;
    try {
      database = await openDatabase({ pgliteThread: 'worker' });
      expect(database.pgliteThread).toBe('worker');
      expect((database.db as unknown as { $client: unknown }).$client).toBeInstanceOf(PGliteThreadClient);
      const [u] = await database.db.insert(users).values({ name: 'Sari', email: 'sari@example.com' }).returning();
      expect(u.createdAt).toBeInstanceOf(Date);
      const err = await database.db
        .insert(users)
        .values({ name: 'Sari 2', email: 'sari@example.com' })
        .catch((e: unknown) => e);
      expect((err as { cause?: { code?: string } }).cause?.code).toBe('23505'); // what the services look for
    } finally {
      await database?.close();
    }
  });
});
