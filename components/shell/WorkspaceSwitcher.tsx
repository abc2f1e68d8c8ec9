'use client';
// Which workspace the user is in, and the way to the others (or to a new one).
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { Menu } from '@/components/ui/Menu';
import type { Role } from '@/lib/auth/policy';

export function WorkspaceSwitcher({ workspaces }: { workspaces: { slug: string; name: string; role: Role }[] }) {
  const t = useTranslations();
  const params = useParams<{ workspace?: string }>();
  const current = workspaces.find((w) => w.slug === params.workspace);
  const label = current ? `${t('nav.workspace')}: ${current.name}` : t('nav.chooseWorkspace');
  return (
    <Menu
      label={label}
      className="workspace-switcher"
      summary={
        <>
          <span className="menu-button-text">{current ? current.name : t('nav.chooseWorkspace')}</span>
          <span className="chevron" aria-hidden="true" />
        </>
      }
    >
      {workspaces.length ? (
        <ul className="menu-list">
          {workspaces.map((w) => (
            <li key={w.slug}>
              <Link href={`/w/${w.slug}`} className="menu-item" aria-current={w.slug === current?.slug ? 'page' : undefined}>
                <span className="grow truncate">{w.name}</span>
                <span className="menu-item-meta">{t(`roles.${w.role}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="menu-sep" />
      <Link href="/workspaces" className="menu-item">
        {t('nav.allWorkspaces')}
      </Link>
      <Link href="/workspaces?new=1" className="menu-item">
        {t('nav.newWorkspace')}
      </Link>
    </Menu>
  );
}
