// The user's workspaces with their role in each.
import Link from 'next/link';
import type { Role } from '@/lib/auth/policy';
import { getT } from '@/lib/i18n/server';

export async function WorkspaceList({ workspaces }: { workspaces: { id: string; slug: string; name: string; role: Role }[] }) {
  const t = await getT();
  if (!workspaces.length) {
    return (
      <div className="empty">
        <h2>{t('workspaces.empty.title')}</h2>
        <p>{t('workspaces.empty.body')}</p>
      </div>
    );
  }
  return (
    <ul className="grid workspace-grid">
      {workspaces.map((w) => (
        <li key={w.id}>
          <Link href={`/w/${w.slug}`} className="card card-link workspace-card">
            <span className="workspace-initial" aria-hidden="true">
              {w.name.trim()[0]?.toUpperCase() ?? '?'}
            </span>
            <span className="grow">
              <span className="card-title">{w.name}</span>
              <span className="muted small">{t('workspaces.myRole', { role: t(`roles.${w.role}`) })}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
