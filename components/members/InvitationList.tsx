'use client';
// Invitations not yet used, expired or revoked; owners can revoke them.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'use-intl';
import { api, ApiError } from '@/lib/api-client';
import type { Role } from '@/lib/auth/policy';

export function InvitationList({
  slug,
  invitations,
  now,
}: {
  slug: string;
  invitations: { id: string; role: Role; expiresAt: Date }[];
  now: number;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/workspaces/${slug}/invitations/${id}`),
    onSuccess: () => router.refresh(),
  });
  return (
    <div>
      <h3>{t('members.pending.title')}</h3>
      {revoke.error ? (
        <p className="form-error" role="alert">
          {revoke.error instanceof ApiError ? revoke.error.message : t('common.networkError')}
        </p>
      ) : null}
      {invitations.length === 0 ? (
        <p className="muted">{t('members.pending.empty')}</p>
      ) : (
        <ul className="list">
          {invitations.map((inv) => {
            const role = t(`roles.${inv.role}`);
            const when = format.relativeTime(new Date(inv.expiresAt), now);
            return (
              <li key={inv.id}>
                <span className="grow">
                  <span className="block">{t('members.pending.item', { role })}</span>
                  <span className="muted small">
                    <time dateTime={new Date(inv.expiresAt).toISOString()}>{t('members.pending.expires', { when })}</time>
                  </span>
                </span>
                <button
                  type="button"
                  className="btn btn-sm btn-danger"
                  onClick={() => revoke.mutate(inv.id)}
                  disabled={revoke.isPending && revoke.variables === inv.id}
                  aria-label={t('members.pending.revokeNamed', { role, when })}
                >
                  {t('members.pending.revoke')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
