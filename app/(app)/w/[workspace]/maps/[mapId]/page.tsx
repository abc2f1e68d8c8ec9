// A journey map: loaded through getMap (404 outside the workspace, read for every member), then
// edited live in the browser. The policy's abilities decide whether the editor offers editing;
// the sync server enforces the same answer on the wire.
import type { Metadata } from 'next';
import { MapEditor } from '@/components/map/MapEditor';
import { toPersona } from '@/components/persona/persona';
import { Forbidden } from '@/components/ui/Forbidden';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listDepartments } from '@/lib/services/departments';
import { getMap } from '@/lib/services/maps';
import { listMembers } from '@/lib/services/members';
import { listPersonas } from '@/lib/services/personas';

type Params = Promise<{ workspace: string; mapId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspace: slug, mapId } = await params;
  const r = await guard(`/w/${slug}/maps/${mapId}`, ({ actor, db }) => getMap(db, actor, slug, mapId));
  if (r.ok) return { title: r.data.map.title };
  const t = await getT();
  return { title: t('maps.title') };
}

export default async function MapPage({ params }: { params: Params }) {
  const { workspace: slug, mapId } = await params;
  const r = await guard(`/w/${slug}/maps/${mapId}`, async ({ actor, db }) => {
    const found = await getMap(db, actor, slug, mapId);
    const [departments, personas, members] = await Promise.all([
      listDepartments(db, actor, slug),
      listPersonas(db, actor, slug),
      listMembers(db, actor, slug),
    ]);
    return { ...found, departments, personas: personas.personas, members };
  });
  if (!r.ok) {
    return (
      <div className="page">
        <Forbidden />
      </div>
    );
  }
  const { map, abilities, departments, personas, members } = r.data;
  return (
    <MapEditor
      key={map.id}
      mapId={map.id}
      slug={slug}
      title={map.title}
      archived={map.archivedAt !== null}
      canEdit={abilities['map:edit']}
      user={{ id: r.actor.id, name: r.actor.name }}
      departments={departments.map(({ id, name, color }) => ({
        id,
        name,
        color,
      }))}
      departmentOfUser={Object.fromEntries(members.map((m) => [m.userId, m.departmentId]))}
      personas={personas.map(toPersona)}
    />
  );
}
