// A workspace's name, the user's role in it, and its sections as tabs.
import type { ReactNode } from 'react';
import { Forbidden } from '@/components/ui/Forbidden';
import { WorkspaceTabs } from '@/components/workspaces/WorkspaceTabs';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { getWorkspace } from '@/lib/services/workspaces';

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const r = await guard(`/w/${slug}`, ({ actor, db }) => getWorkspace(db, actor, slug));
  if (!r.ok) {
    return (
      <div className="page">
        <Forbidden />
      </div>
    );
  }
  const t = await getT();
  return (
    <div className="page">
      <div className="workspace-head">
        <h1 className="truncate">{r.data.workspace.name}</h1>
        <span className="badge">{t('workspaces.myRole', { role: t(`roles.${r.data.role}`) })}</span>
      </div>
      <WorkspaceTabs slug={slug} />
      {children}
    </div>
  );
}
