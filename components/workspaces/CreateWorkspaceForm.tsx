'use client';
// Name a new workspace; the creator becomes its owner and lands in it.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { createWorkspaceInput } from '@/lib/validation/workspace';

export function CreateWorkspaceForm({ autoFocus }: { autoFocus?: boolean }) {
  const t = useTranslations('workspaces.create');
  const router = useRouter();
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const create = useMutation({
    mutationFn: (input: { name: string }) => api<{ workspace: { slug: string } }>('POST', '/api/workspaces', input),
    onSuccess: ({ workspace }) => {
      router.push(`/w/${workspace.slug}`);
      router.refresh(); // the header's workspace list
    },
    onError: showError,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = validate(createWorkspaceInput, {
      name: new FormData(e.currentTarget).get('name'),
    });
    if (input) create.mutate(input);
  }
  const pending = create.isPending || create.isSuccess;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-workspace-title">
      <h2 id="new-workspace-title">{t('title')}</h2>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-row">
        <Field label={t('name')} error={fieldErrors.name}>
          {(p) => (
            <input {...p} className="input" name="name" placeholder={t('namePlaceholder')} autoFocus={autoFocus} autoComplete="off" />
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending || undefined}>
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
