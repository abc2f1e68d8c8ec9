'use client';
// Owners make a single-use invitation link with a role and an expiry; the link is shown once.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { CopyBox } from '@/components/ui/CopyBox';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import type { Role } from '@/lib/auth/policy';
import { createInvitationInput, role as roleSchema } from '@/lib/validation/workspace';

export function InviteForm({ slug }: { slug: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('editor');
  const roleHintId = useId();
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const create = useMutation({
    mutationFn: (input: { role: string; expiresInDays: number }) =>
      api<{ path: string }>('POST', `/api/workspaces/${slug}/invitations`, input),
    onSuccess: ({ path }) => {
      setLink(`${window.location.origin}${path}`);
      router.refresh(); // the pending list
    },
    onError: showError,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = validate(createInvitationInput, {
      role: form.get('role'),
      expiresInDays: form.get('expiresInDays'),
    });
    if (input) {
      setLink(null);
      create.mutate(input);
    }
  }
  return (
    <div className="stack">
      <form onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="form-row">
          <Field label={t('members.invite.role')} error={fieldErrors.role}>
            {(p) => (
              <select
                {...p}
                className="select"
                name="role"
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
                aria-describedby={[p['aria-describedby'], roleHintId].filter(Boolean).join(' ')}
              >
                {roleSchema.options.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('members.invite.expiry')} error={fieldErrors.expiresInDays} className="field-narrow">
            {(p) => (
              <input {...p} className="input" name="expiresInDays" type="number" min={1} max={30} defaultValue={7} inputMode="numeric" />
            )}
          </Field>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} aria-busy={create.isPending || undefined}>
            {t('members.invite.submit')}
          </button>
        </div>
        <p className="hint role-hint" id={roleHintId}>
          {t(`roles.${role}`)}: {t(`roles.description.${role}`)}
        </p>
      </form>
      {link ? (
        <div className="invite-result" role="status">
          <p className="small">{t('members.invite.linkReady')}</p>
          <CopyBox value={link} label={t('members.invite.linkLabel')} copyLabel={t('members.invite.copyLink')} />
        </div>
      ) : null}
    </div>
  );
}
