'use client';
// Create or edit a persona: name, segment, photo, and the research behind them.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Dialog } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { personaInput } from '@/lib/validation/persona';
import { toPersona, type Persona } from './persona';
import styles from './persona.module.css';

const TEXTS = ['demographics', 'goals', 'motivations', 'frustrations'] as const;

export function PersonaDialog({
  slug,
  persona,
  onSaved,
  onClose,
}: {
  slug: string;
  /** Absent: a new persona. */
  persona?: Persona;
  onSaved: (persona: Persona) => void;
  onClose: () => void;
}) {
  const t = useTranslations('personas');
  const tc = useTranslations('common');
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const save = useMutation({
    mutationFn: (input: unknown) =>
      persona
        ? api<{ persona: Persona }>('PATCH', `/api/workspaces/${slug}/personas/${persona.id}`, input)
        : api<{ persona: Persona }>('POST', `/api/workspaces/${slug}/personas`, input),
    onSuccess: ({ persona: saved }) => onSaved(toPersona(saved as Persona & Record<string, unknown>)),
    onError: showError,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = validate(
      personaInput,
      Object.fromEntries(['name', 'segment', 'photoUrl', 'quote', ...TEXTS].map((k) => [k, String(form.get(k) ?? '')])),
    );
    if (input) save.mutate(input);
  }

  return (
    <Dialog title={persona ? t('editTitle') : t('createTitle')} onClose={onClose}>
      <form onSubmit={submit} noValidate className={styles.form}>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className={styles.formRow}>
          <Field label={t('fields.name')} error={fieldErrors.name} className={styles.grow}>
            {(p) => (
              <input
                {...p}
                className="input"
                name="name"
                defaultValue={persona?.name}
                placeholder={t('namePlaceholder')}
                autoFocus
                autoComplete="off"
                maxLength={80}
              />
            )}
          </Field>
          <fieldset className={styles.segmentPicker}>
            <legend className="label">{t('fields.segment')}</legend>
            {(['b2c', 'b2b'] as const).map((segment) => (
              <label key={segment}>
                <input type="radio" name="segment" value={segment} defaultChecked={(persona?.segment ?? 'b2c') === segment} />
                {t(`segment.${segment}`)}
              </label>
            ))}
          </fieldset>
        </div>
        <Field label={t('fields.photoUrl')} hint={t('photoHint')} error={fieldErrors.photoUrl}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="photoUrl"
              type="url"
              inputMode="url"
              defaultValue={persona?.photoUrl ?? ''}
              placeholder="https://"
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t('fields.quote')} error={fieldErrors.quote}>
          {(p) => (
            <input
              {...p}
              className="input"
              name="quote"
              defaultValue={persona?.quote}
              placeholder={t('quotePlaceholder')}
              maxLength={500}
            />
          )}
        </Field>
        {TEXTS.map((key) => (
          <Field key={key} label={t(`fields.${key}`)} error={fieldErrors[key]}>
            {(p) => (
              <textarea
                {...p}
                className="textarea"
                name={key}
                rows={2}
                defaultValue={persona?.[key]}
                placeholder={t(`placeholders.${key}`)}
              />
            )}
          </Field>
        ))}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {tc('cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} aria-busy={save.isPending || undefined}>
            {save.isPending ? tc('saving') : persona ? t('saveChanges') : t('create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
