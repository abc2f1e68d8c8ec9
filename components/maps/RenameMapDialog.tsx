'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Dialog } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { updateMapInput } from '@/lib/validation/map';
import type { MapSummary } from './map-summary';

export function RenameMapDialog({ slug, map, onClose }: { slug: string; map: MapSummary; onClose: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const rename = useMutation({
    mutationFn: (input: { title?: string }) => api('PATCH', `/api/workspaces/${slug}/maps/${map.id}`, input),
    onSuccess: () => {
      router.refresh();
      onClose();
    },
    onError: showError,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = validate(updateMapInput, {
      title: new FormData(e.currentTarget).get('title'),
    });
    if (input) rename.mutate({ title: input.title });
  }
  return (
    <Dialog title={t('maps.renameDialog.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label={t('maps.renameDialog.label')} error={fieldErrors.title}>
          {(p) => <input {...p} className="input" name="title" defaultValue={map.title} autoFocus autoComplete="off" />}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={rename.isPending} aria-busy={rename.isPending || undefined}>
            {rename.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
