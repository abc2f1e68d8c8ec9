import type { Metadata } from 'next';
import { CreateWorkspaceForm } from '@/components/workspaces/CreateWorkspaceForm';
import { WorkspaceList } from '@/components/workspaces/WorkspaceList';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listMyWorkspaces } from '@/lib/services/workspaces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('workspaces.title') };
}

export default async function WorkspacesPage({ searchParams }: { searchParams: Promise<{ new?: string }> }) {
  const r = await guard('/workspaces', ({ actor, db }) => listMyWorkspaces(db, actor));
  if (!r.ok) return null; // listing one's own workspaces is never forbidden
  const t = await getT();
  const { new: wantsNew } = await searchParams;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t('workspaces.title')}</h1>
          <p>{t('workspaces.subtitle')}</p>
        </div>
      </div>
      <WorkspaceList workspaces={r.data} />
      <section className="card create-workspace">
        <CreateWorkspaceForm autoFocus={wantsNew === '1' || r.data.length === 0} />
      </section>
    </div>
  );
}
