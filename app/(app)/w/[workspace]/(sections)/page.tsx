// The maps of a workspace: sorted, active or archived, with what the user's role may do to them.
import type { Metadata } from 'next';
import { MapsView } from '@/components/maps/MapsView';
import { Forbidden } from '@/components/ui/Forbidden';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listMaps } from '@/lib/services/maps';
import { mapListQuery } from '@/lib/validation/map';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('maps.title') };
}

export default async function MapsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const sp = await searchParams;
  const parsed = mapListQuery.safeParse({
    archived: sp.archived,
    sort: sp.sort,
  });
  const query = parsed.success ? parsed.data : mapListQuery.parse({});
  const r = await guard(`/w/${slug}`, ({ actor, db }) => listMaps(db, actor, slug, query));
  if (!r.ok) return <Forbidden />;
  return <MapsView slug={slug} maps={r.data.maps} abilities={r.data.abilities} query={query} now={Date.now()} />;
}
