'use client';
// GitHub / Google sign-in, shown only when the server has those providers configured.
import { signIn } from 'next-auth/react';
import { useTranslations } from 'use-intl';

export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const t = useTranslations('auth');
  if (!providers.length) return null;
  return (
    <div className="oauth">
      <div className="divider-text">
        <span>{t('or')}</span>
      </div>
      {providers.map((p) => (
        <button key={p.id} type="button" className="btn btn-block" onClick={() => signIn(p.id, { callbackUrl })}>
          {t('continueWith', { provider: p.name })}
        </button>
      ))}
    </div>
  );
}
