import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignupForm } from '@/components/auth/SignupForm';
import { getDb } from '@/db/client';
import { oauthProviders } from '@/lib/auth/options';
import { isAppError } from '@/lib/errors';
import { getT } from '@/lib/i18n/server';
import { currentActor } from '@/lib/page-guard';
import { safeCallbackUrl } from '@/lib/safe-callback';
import { previewInvitation } from '@/lib/services/invitations';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('auth.signUp.title') };
}

export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const invite = typeof sp.invite === 'string' && sp.invite.length <= 200 ? sp.invite : null;
  // After signing up with an invitation, the user lands on it to accept (their explicit choice).
  const next = invite ? `/invite/${encodeURIComponent(invite)}` : safeCallbackUrl(sp.callbackUrl);
  if (await currentActor()) redirect(next);
  const t = await getT();
  let invitedTo: string | null = null;
  if (invite) {
    try {
      const preview = await previewInvitation(await getDb(), invite);
      if (preview.status === 'pending') invitedTo = preview.workspace.name;
    } catch (err) {
      if (!isAppError(err)) throw err; // an invalid link: the invitation page explains it after sign-up
    }
  }
  const signInHref = next === '/workspaces' ? '/login' : `/login?callbackUrl=${encodeURIComponent(next)}`;
  const providers = oauthProviders().map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="auth-card card">
      <h1>{t('auth.signUp.title')}</h1>
      <p className="muted">{t('auth.signUp.subtitle')}</p>
      {invitedTo ? <p className="notice">{t('auth.signUp.invited', { workspace: invitedTo })}</p> : null}
      <SignupForm next={next} signInHref={signInHref} providers={providers} />
    </div>
  );
}
