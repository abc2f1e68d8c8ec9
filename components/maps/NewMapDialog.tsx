'use client';
// A new journey map: title, the persona it follows, and the template it starts from.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Dialog } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { TEMPLATE_IDS } from '@/lib/map/types';
import { createMapInput } from '@/lib/validation/map';

export function NewMapDialog({ slug, onClose }: { slug: string; onClose: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const create = useMutation({
    mutationFn: (input: unknown) => api('POST', `/api/workspaces/${slug}/maps`, input),
    onSuccess: () => {
      router.refresh();
      onClose();
    },
    onError: showError,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = validate(createMapInput, {
      title: form.get('title'),
      personaLabel: form.get('personaLabel') ?? '',
      template: form.get('template'),
    });
    if (input) create.mutate(input);
  }
  return (
    <Dialog title={t('maps.create.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label={t('maps.create.mapTitle')} error={fieldErrors.title}>
          {(p) => (
            <input {...p} className="input" name="title" placeholder={t('maps.create.mapTitlePlaceholder')} autoFocus autoComplete="off" />
          )}
        </Field>
        <Field
          label={
            <>
              {t('maps.create.persona')} <span className="muted optional">({t('common.optional')})</span>
            </>
          }
          hint={t('maps.create.personaHint')}
          error={fieldErrors.personaLabel}
        >
          {(p) => (
            <input {...p} className="input" name="personaLabel" placeholder={t('maps.create.personaPlaceholder')} autoComplete="off" />
          )}
        </Field>
        <fieldset className="template-picker">
          <legend className="label">{t('maps.create.template')}</legend>
          {TEMPLATE_IDS.map((id, i) => (
            <label key={id} className="template-option">
              <input type="radio" name="template" value={id} defaultChecked={i === 0} />
              <span>
                <span className="template-name">{t(`templates.${id}.name`)}</span>
                <span className="template-description">{t(`templates.${id}.description`)}</span>
              </span>
            </label>
          ))}
          {fieldErrors.template ? <span className="field-error">{fieldErrors.template}</span> : null}
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} aria-busy={create.isPending || undefined}>
            {create.isPending ? t('common.creating') : t('maps.create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
