// The workspace's personas: everyone reads them, editors and owners create, edit and delete them.
import type { Metadata } from 'next';
import { PersonasView } from '@/components/persona/PersonasView';
import { toPersona } from '@/components/persona/persona';
import { Forbidden } from '@/components/ui/Forbidden';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listPersonas } from '@/lib/services/personas';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('personas.title') };
}

export default async function PersonasPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const r = await guard(`/w/${slug}/personas`, ({ actor, db }) => listPersonas(db, actor, slug));
  if (!r.ok) return <Forbidden />;
  return <PersonasView key={slug} slug={slug} personas={r.data.personas.map(toPersona)} canManage={r.data.abilities['persona:manage']} />;
}
