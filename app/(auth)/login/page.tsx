import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { oauthProviders } from '@/lib/auth/options';
import { getT } from '@/lib/i18n/server';
import { currentActor } from '@/lib/page-guard';
import { safeCallbackUrl } from '@/lib/safe-callback';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('auth.signIn.submit') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const t = await getT();
  const signUpHref = sp.callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/signup';
  const providers = oauthProviders().map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="auth-card card">
      <h1>{t('auth.signIn.title')}</h1>
      <p className="muted">{t('auth.signIn.subtitle')}</p>
      {sp.created ? <p className="notice">{t('auth.createdSignInFailed')}</p> : null}
      {sp.error ? (
        <p className="form-error" role="alert">
          {t('auth.invalid')}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} signUpHref={signUpHref} providers={providers} />
    </div>
  );
}
