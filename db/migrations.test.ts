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

  it('0002 renames departments whose names clash in a workspace, keeps their ids, then refuses a clash', async () => {
    const { open, cleanUp } = await sameDatabase(kind);
    const upTo0001 = migrationsUpTo(2);
    try {
      const before = await open(upTo0001);
      const ids: Record<string, string> = {};
      let memberDepartment: string;
      try {
        const [ws, other] = await executeRaw<{ id: string }>(
          before.db,
          `insert into workspaces (name, slug) values ('W', 'w'), ('O', 'o') returning id`,
          [],
        );
        // Made one after another (created_at decides who keeps the name).
        const made = [
          [ws.id, 'Sales'],
          [ws.id, 'sales'],
          [ws.id, 'Sales (2)'],
          [ws.id, 'SALES'],
          [ws.id, 'Support'],
          [other.id, 'Sales'],
        ];
        for (const [i, [workspaceId, name]] of made.entries()) {
          const [row] = await executeRaw<{ id: string }>(
            before.db,
            `insert into departments (workspace_id, name, color, created_at)
             values ($1, $2, '#000000', now() + make_interval(secs => $3)) returning id`,
            [workspaceId, name, i],
          );
          ids[`${workspaceId === ws.id ? 'w' : 'o'}:${name}`] = row.id;
        }
        const [user] = await executeRaw<{ id: string }>(
          before.db,
          `insert into users (email, name, password_hash) values ('a@example.com', 'A', 'x') returning id`,
          [],
        );
        memberDepartment = ids['w:SALES'];
        await executeRaw(before.db, `insert into memberships (workspace_id, user_id, role, department_id) values ($1, $2, 'editor', $3)`, [
          ws.id,
          user.id,
          memberDepartment,
        ]);
      } finally {
        await before.close();
      }

      const after = await open();
      try {
        const rows = await executeRaw<{ id: string; name: string }>(after.db, `select id, name from departments`, []);
        const nameOf = new Map(rows.map((r) => [r.id, r.name]));
        expect(rows).toHaveLength(6);
        expect(nameOf.get(ids['w:Sales'])).toBe('Sales'); // the first keeps its name
        expect(nameOf.get(ids['w:sales'])).toBe('sales (3)'); // "(2)" is taken by a real name
        expect(nameOf.get(ids['w:Sales (2)'])).toBe('Sales (2)');
        expect(nameOf.get(ids['w:SALES'])).toBe('SALES (4)');
        expect(nameOf.get(ids['w:Support'])).toBe('Support');
        expect(nameOf.get(ids['o:Sales'])).toBe('Sales'); // another workspace is not a clash
        const [member] = await executeRaw<{ department_id: string }>(after.db, `select department_id from memberships`, []);
        expect(member.department_id).toBe(memberDepartment);
        const [ws] = await executeRaw<{ id: string }>(after.db, `select id from workspaces where slug = 'w'`, []);
        await expect(
          executeRaw(after.db, `insert into departments (workspace_id, name, color) values ($1, 'sUPPORT', '#000000')`, [ws.id]),
        ).rejects.toThrow();
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(upTo0001, { recursive: true, force: true });
      await cleanUp();
    }
  });
});
