// Pages for people who may not be signed in yet: sign in, sign up, an invitation.
import type { ReactNode } from 'react';
import { Brand } from '@/components/shell/Brand';
import { LanguageSwitcher } from '@/components/shell/LanguageSwitcher';
import { getT } from '@/lib/i18n/server';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getT();
  return (
    <div className="auth-shell">
      <header className="auth-header">
        <a href="#main" className="skip-link">
          {t('common.skipToContent')}
        </a>
        <Brand href="/" />
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth-main">
        {children}
      </main>
      <footer className="auth-footer muted">{t('common.tagline')}</footer>
    </div>
  );
}
