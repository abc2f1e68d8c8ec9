// Upgrades: a database made by an earlier release migrates forward with its data intact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRaw, MIGRATIONS_DIR, openDatabase, type Database, type DbKind } from './client';
import { createPostgresDatabase, DB_KINDS } from '@/test/db';

/** A copy of the migrations folder holding only its first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** Opens the same database twice (closing in between), each time with its own migrations. */
async function sameDatabase(kind: DbKind): Promise<{ open: (migrationsDir?: string) => Promise<Database>; cleanUp: () => Promise<void> }> {
  if (kind === 'postgres') {
    const { url, drop } = await createPostgresDatabase();
    return { open: (migrationsDir) => openDatabase({ url, migrationsDir }), cleanUp: drop };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintas-upgrade-'));
  return {
    open: (migrationsDir) => openDatabase({ dataDir, migrationsDir }),
    cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  it('0001 keys the update log by (map_id, id) and keeps every logged update of every map', async () => {
    const { open, cleanUp } = await sameDatabase(kind);
    const first = migrationsUpTo(1);
    try {
      const before = await open(first);
      try {
        const [ws] = await executeRaw<{ id: string }>(before.db, `insert into workspaces (name, slug) values ($1, $2) returning id`, [
          'W',
          'w',
        ]);
        const maps = await executeRaw<{ id: string }>(
          before.db,
          `insert into maps (workspace_id, title) select $1::uuid, t from unnest($2::text[]) as t returning id`,
          [ws.id, '{A,B}'],
        );
        // Interleaved, as rooms append them: ids rise across maps.
        for (let i = 0; i < 6; i++) {
          await executeRaw(before.db, `insert into map_updates (map_id, data) values ($1, decode($2, 'hex'))`, [maps[i % 2].id, `0${i}`]);
        }
      } finally {
        await before.close();
      }

      const after = await open();
      try {
        const key = await executeRaw<{ columns: string }>(
          after.db,
          `select string_agg(a.attname, ',' order by k.ord) as columns
             from pg_constraint c
             cross join unnest(c.conkey) with ordinality as k(attnum, ord)
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
            where c.conrelid = 'map_updates'::regclass and c.contype = 'p'`,
          [],
        );
        expect(key[0].columns).toBe('map_id,id');
        const indexes = await executeRaw<{ indexname: string }>(
          after.db,
          `select indexname from pg_indexes where tablename = 'map_updates'`,
          [],
        );
        expect(indexes.map((i) => i.indexname)).toEqual(['map_updates_pkey']);
        const rows = await executeRaw<{ title: string; data: string }>(
          after.db,
          `select m.title, encode(u.data, 'hex') as data from map_updates u join maps m on m.id = u.map_id order by m.title, u.id`,
          [],
        );
        expect(rows.map((r) => `${r.title}:${r.data}`)).toEqual(['A:00', 'A:02', 'A:04', 'B:01', 'B:03', 'B:05']);
        // New rows still draw ids from the same identity, after the old ones.
        const [added] = await executeRaw<{ id: string }>(
          after.db,
          `insert into map_updates (map_id, data) select map_id, '\\x06'::bytea from map_updates limit 1 returning id`,
          [],
        );
        expect(Number(added.id)).toBe(7);
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(first, { recursive: true, force: true });
      await cleanUp();
    }
  });
});
