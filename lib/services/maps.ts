import 'server-only';
import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '@/db/client';
import { activity, maps, mapSnapshots, type MapStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/policy';
import { abilities } from '@/lib/auth/policy';
import type { Locale } from '@/lib/i18n/config';
import { mapStats, seedFromTemplate } from '@/lib/map';
import type { TemplateId } from '@/lib/map/types';
import { publishAccessChange } from '@/lib/sync/access-changes';
import { mapFor, workspaceFor } from './access';

const SORTS = {
  updated: [desc(maps.updatedAt)],
  created: [desc(maps.createdAt)],
  title: [asc(maps.title)],
} as const;

export async function listMaps(
  db: Db,
  actor: Actor | null,
  slug: string,
  query: { archived: '0' | '1'; sort: keyof typeof SORTS },
) {
  const { workspace, access } = await workspaceFor(db, actor, slug, 'map:read');
  const rows = await db
    .select({
      id: maps.id,
      title: maps.title,
      personaLabel: maps.personaLabel,
      status: maps.status,
      template: maps.template,
      createdAt: maps.createdAt,
      updatedAt: maps.updatedAt,
      archivedAt: maps.archivedAt,
      cardCount: maps.cardCount,
      painPointCount: maps.painPointCount,
      unownedPainPointCount: maps.unownedPainPointCount,
      opportunityCount: maps.opportunityCount,
    })
    .from(maps)
    .where(and(eq(maps.workspaceId, workspace.id), query.archived === '1' ? isNotNull(maps.archivedAt) : isNull(maps.archivedAt)))
    .orderBy(...SORTS[query.sort], desc(maps.id));
  return { maps: rows, abilities: abilities(actor, access) };
}

/**
 * Creates the map row and its first document state in one transaction: the template is seeded
 * into a Y.Doc exactly once, here, and stored as the map's snapshot. Clients only ever load it.
 */
export async function createMap(
  db: Db,
  actor: Actor | null,
  slug: string,
  input: { title: string; personaLabel: string; template: TemplateId },
  locale: Locale,
) {
  const { workspace } = await workspaceFor(db, actor, slug, 'map:create');
  const doc = new Y.Doc();
  seedFromTemplate(doc, input.template, locale, { title: input.title, createdBy: actor!.id });
  const state = Y.encodeStateAsUpdate(doc);
  const stats = mapStats(doc);
  doc.destroy();
  return db.transaction(async (tx) => {
    const [map] = await tx
      .insert(maps)
      .values({
        workspaceId: workspace.id,
        title: input.title,
        personaLabel: input.personaLabel,
        template: input.template,
        locale,
        createdBy: actor!.id,
        cardCount: stats.cards,
        painPointCount: stats.painPoints,
        unownedPainPointCount: stats.painPointsWithoutOwner,
        opportunityCount: stats.opportunities,
        docBytes: state.byteLength,
      })
      .returning();
    await tx.insert(mapSnapshots).values({ mapId: map.id, data: state });
    await tx.insert(activity).values({ workspaceId: workspace.id, mapId: map.id, actorId: actor!.id, verb: 'map.created', data: { title: map.title } });
    return map;
  });
}

export async function getMap(db: Db, actor: Actor | null, slug: string, mapId: string) {
  const { map, access, workspace } = await mapFor(db, actor, slug, mapId, 'map:read');
  return { map, workspace, role: access.role!, abilities: abilities(actor, access) };
}

export async function updateMap(
  db: Db,
  actor: Actor | null,
  slug: string,
  mapId: string,
  input: { title?: string; archived?: boolean; status?: MapStatus },
) {
  const needs = input.archived !== undefined ? 'map:archive' : 'map:edit';
  const { map, workspace } = await mapFor(db, actor, slug, mapId, needs);
  if ((input.title !== undefined || input.status !== undefined) && input.archived === undefined) {
    await mapFor(db, actor, slug, mapId, 'map:edit');
  }
  const [row] = await db
    .update(maps)
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(maps.id, map.id))
    .returning();
  const verb = input.archived === true ? 'map.archived' : input.archived === false ? 'map.restored' : 'map.updated';
  await db.insert(activity).values({ workspaceId: workspace.id, mapId: map.id, actorId: actor!.id, verb, data: input });
  // [AC6] Archived, nobody edits it any more; restored, editors may again.
  if (input.archived !== undefined) publishAccessChange({ workspaceId: workspace.id, mapId: map.id });
  return row;
}

export async function deleteMap(db: Db, actor: Actor | null, slug: string, mapId: string) {
  const { map, workspace } = await mapFor(db, actor, slug, mapId, 'map:delete');
  await db.delete(maps).where(eq(maps.id, map.id));
  await db.insert(activity).values({ workspaceId: workspace.id, actorId: actor!.id, verb: 'map.deleted', data: { title: map.title } });
  publishAccessChange({ workspaceId: workspace.id, mapId: map.id }); // [AC6] its open sockets close
}
