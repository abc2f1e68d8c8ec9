import { describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS } from '@/test/db';
import { makeMapRow, makeMember, makeUser, makeWorkspace } from '@/test/factories';
import { mapAccessMany } from './access';

describe.each(DB_KINDS)('mapAccessMany on %s', (kind) => {
  it('answers every (map, user) pair of one statement in request order: map, role, user', async () => {
    const database = await createTestDatabase(kind);
    try {
      const { db } = database;
      const owner = await makeUser(db, { name: 'Ana' });
      const ws = await makeWorkspace(db, owner);
      const other = await makeWorkspace(db, await makeUser(db));
      const viewer = await makeMember(db, ws, 'viewer');
      const outsider = await makeUser(db, { name: 'Budi' });
      const map = await makeMapRow(db, ws);
      const archived = await makeMapRow(db, ws, { archivedAt: new Date('2026-01-02T03:04:05Z') });
      const elsewhere = await makeMapRow(db, other);
      const missing = '7d4f1c2e-0000-4000-8000-000000000000';

      const found = await mapAccessMany(db, [
        { mapId: map.id, userId: owner.id },
        { mapId: map.id.toUpperCase(), userId: viewer.id }, // ids in any case
        { mapId: map.id, userId: outsider.id },
        { mapId: map.id, userId: null },
        { mapId: missing, userId: owner.id },
        { mapId: 'not-a-uuid', userId: owner.id },
        { mapId: archived.id, userId: owner.id },
        { mapId: elsewhere.id, userId: owner.id },
        { mapId: map.id, userId: missing }, // a user that does not exist
        { mapId: map.id, userId: owner.id }, // the same pair twice
      ]);

      expect(found).toHaveLength(10);
      expect(found[0]).toEqual({
        map: { id: map.id, workspaceId: ws.id, archivedAt: null },
        role: 'owner',
        user: { id: owner.id, name: 'Ana', email: owner.email, locale: owner.locale },
      });
      expect(found[1]?.role).toBe('viewer');
      expect(found[1]?.user?.id).toBe(viewer.id);
      expect(found[2]).toMatchObject({ role: null, user: { id: outsider.id, name: 'Budi' } });
      expect(found[3]).toMatchObject({ map: { id: map.id }, role: null, user: null });
      expect(found[4]).toBeUndefined();
      expect(found[5]).toBeUndefined();
      expect(found[6]?.map.archivedAt?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(found[7]).toMatchObject({ map: { workspaceId: other.id }, role: null });
      expect(found[8]).toMatchObject({ role: null, user: null });
      expect(found[9]).toEqual(found[0]);
      expect(await mapAccessMany(db, [])).toEqual([]);
      expect(await mapAccessMany(db, [{ mapId: 'x', userId: null }])).toEqual([undefined]);
    } finally {
      await database.close();
    }
  });
});
