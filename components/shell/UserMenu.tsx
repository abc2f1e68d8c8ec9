'use client';
// The signed-in user: who they are and how to sign out.
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { Menu } from '@/components/ui/Menu';
import { Avatar } from '@/components/ui/Avatar';
import { signOutNow } from '@/lib/auth/client';

export function UserMenu({ id, name, email }: { id: string; name: string; email: string }) {
  const t = useTranslations();
  const [signingOut, setSigningOut] = useState(false);
  async function signOut() {
    setSigningOut(true);
    try {
      await signOutNow();
    } finally {
      window.location.assign('/login');
    }
  }
  return (
    <Menu
      label={t('nav.userMenu', { name })}
      align="end"
      summary={
        <>
          <Avatar id={id} name={name} />
          <span className="menu-button-text hide-sm">{name}</span>
          <span className="chevron hide-sm" aria-hidden="true" />
        </>
      }
    >
      <div className="menu-header">
        <span className="muted small">{t('nav.signedInAs')}</span>
        <strong className="truncate">{name}</strong>
        <span className="muted small truncate">{email}</span>
      </div>
      <div className="menu-sep" />
      <button type="button" className="menu-item" onClick={signOut} disabled={signingOut}>
        {t('auth.signOut')}
      </button>
    </Menu>
  );
}
