// The signed-in header: brand, workspace switcher, language, account.
import type { Role } from '@/lib/auth/policy';
import { getT } from '@/lib/i18n/server';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export async function AppHeader({
  user,
  workspaces,
}: {
  user: { id: string; name: string; email: string };
  workspaces: { slug: string; name: string; role: Role }[];
}) {
  const t = await getT();
  return (
    <header className="app-header">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <Brand />
      <span className="header-divider hide-sm" aria-hidden="true" />
      <WorkspaceSwitcher workspaces={workspaces} />
      <div className="header-spacer" />
      <LanguageSwitcher />
      <UserMenu id={user.id} name={user.name} email={user.email} />
    </header>
  );
}
