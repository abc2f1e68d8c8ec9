import { handler, parseBody, parseQuery, requestLocale } from '@/lib/http';
import { createMap, listMaps } from '@/lib/services/maps';
import { createMapInput, mapListQuery } from '@/lib/validation/map';

type P = { slug: string };

export const GET = handler<P>(async ({ req, db, actor, params }) => listMaps(db, actor, params.slug, parseQuery(req, mapListQuery)));

export const POST = handler<P>(
  async ({ req, db, actor, params }) => ({
    map: await createMap(db, actor, params.slug, await parseBody(req, createMapInput), requestLocale(req, actor)),
  }),
  { status: 201 },
);
