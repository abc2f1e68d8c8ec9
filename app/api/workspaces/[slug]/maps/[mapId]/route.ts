import { handler, parse, parseBody } from '@/lib/http';
import { deleteMap, getMap, updateMap } from '@/lib/services/maps';
import { updateMapInput } from '@/lib/validation/map';
import { uuid } from '@/lib/validation/workspace';

type P = { slug: string; mapId: string };

export const GET = handler<P>(async ({ db, actor, params }) => getMap(db, actor, params.slug, parse(uuid, params.mapId)));

export const PATCH = handler<P>(async ({ req, db, actor, params }) => ({
  map: await updateMap(db, actor, params.slug, parse(uuid, params.mapId), await parseBody(req, updateMapInput)),
}));

export const DELETE = handler<P>(async ({ db, actor, params }) => {
  await deleteMap(db, actor, params.slug, parse(uuid, params.mapId));
  return { ok: true };
});
