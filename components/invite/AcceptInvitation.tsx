'use client';
// Accepts an invitation for the signed-in user, then opens the workspace.
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { api, ApiError } from '@/lib/api-client';

export function AcceptInvitation({ token, workspaceSlug }: { token: string; workspaceSlug: string }) {
  const t = useTranslations();
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () => api<{ workspace: { slug: string } }>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: ({ workspace }) => router.push(`/w/${workspace.slug}`),
  });
  const err = accept.error;
  const alreadyMember = err instanceof ApiError && err.code === 'error.alreadyMember';
  return (
    <div className="stack">
      {err ? (
        <p className="form-error" role="alert">
          {err instanceof ApiError ? err.message : t('common.networkError')}
        </p>
      ) : null}
      {alreadyMember ? (
        <Link href={`/w/${workspaceSlug}`} className="btn btn-primary btn-block">
          {t('invite.openWorkspace')}
        </Link>
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-block"
          onClick={() => accept.mutate()}
          disabled={accept.isPending || accept.isSuccess}
          aria-busy={accept.isPending || undefined}
        >
          {accept.isPending || accept.isSuccess ? t('invite.accepting') : t('invite.accept')}
        </button>
      )}
    </div>
  );
}
