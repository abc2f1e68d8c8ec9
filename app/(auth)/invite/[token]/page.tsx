// An invitation link: what it is for, and the way to accept it (signing in or up first if needed).
import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInvitation } from '@/components/invite/AcceptInvitation';
import { getDb } from '@/db/client';
import { isAppError } from '@/lib/errors';
import { getFormatter, getT } from '@/lib/i18n/server';
import { currentActor } from '@/lib/page-guard';
import { previewInvitation } from '@/lib/services/invitations';
import { getWorkspace } from '@/lib/services/workspaces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('invite.accept') };
}

type Preview = Awaited<ReturnType<typeof previewInvitation>>;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getT();
  const db = await getDb();
  let preview: Preview | null = null;
  try {
    preview = await previewInvitation(db, token);
  } catch (err) {
    if (!isAppError(err)) throw err;
  }
  const status = preview?.status ?? 'invalid';
  if (!preview || status !== 'pending') {
    const key = status === 'used' ? 'used' : status === 'expired' ? 'expired' : 'invalid';
    return (
      <div className="auth-card card">
        <h1>{t(`invite.status.${key}.title`)}</h1>
        <p className="muted">{t(`invite.status.${key}.body`)}</p>
        <Link href="/" className="btn btn-block">
          {t('common.notFound.home')}
        </Link>
      </div>
    );
  }

  const actor = await currentActor();
  let alreadyMember = false;
  if (actor) {
    try {
      await getWorkspace(db, actor, preview.workspace.slug);
      alreadyMember = true;
    } catch (err) {
      if (!isAppError(err)) throw err; // 404: not a member yet, the usual case
    }
  }
  const role = t(`roles.${preview.role}`);
  const back = `/invite/${encodeURIComponent(token)}`;
  const format = await getFormatter();
  return (
    <div className="auth-card card">
      <p className="eyebrow">
        {t('invite.roleLabel')}: {role}
      </p>
      <h1>{t('invite.title', { workspace: preview.workspace.name })}</h1>
      <p>{t('invite.body', { workspace: preview.workspace.name, role })}</p>
      <p className="muted small">
        {t('invite.expires', {
          when: format.relativeTime(preview.expiresAt, new Date()),
        })}
      </p>
      {actor ? (
        <>
          <p className="muted small">{t('invite.signedInAs', { email: actor.email })}</p>
          {alreadyMember ? (
            <>
              <p className="notice">{t('invite.alreadyMember')}</p>
              <Link href={`/w/${preview.workspace.slug}`} className="btn btn-primary btn-block">
                {t('invite.openWorkspace')}
              </Link>
            </>
          ) : (
            <AcceptInvitation token={token} workspaceSlug={preview.workspace.slug} />
          )}
        </>
      ) : (
        <div className="stack">
          <Link href={`/login?callbackUrl=${encodeURIComponent(back)}`} className="btn btn-primary btn-block">
            {t('invite.signInToAccept')}
          </Link>
          <Link href={`/signup?invite=${encodeURIComponent(token)}`} className="btn btn-block">
            {t('invite.createAccount')}
          </Link>
        </div>
      )}
    </div>
  );
}
