'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { departmentInput } from '@/lib/validation/workspace';

// Colours offered for a new department, in turn, so neighbours differ.
const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'];

export function AddDepartmentForm({ slug, count }: { slug: string; count: number }) {
  const t = useTranslations('departments.add');
  const router = useRouter();
  const [name, setName] = useState('');
  const [color, setColor] = useState(PALETTE[count % PALETTE.length]);
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const add = useMutation({
    mutationFn: (input: { name: string; color: string }) => api('POST', `/api/workspaces/${slug}/departments`, input),
    onSuccess: () => {
      setName('');
      setColor(PALETTE[(count + 1) % PALETTE.length]);
      router.refresh();
    },
    onError: showError,
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = validate(departmentInput, { name, color });
    if (input) add.mutate(input);
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-department-title">
      <h3 id="add-department-title">{t('title')}</h3>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-row">
        <Field label={t('color')} error={fieldErrors.color} className="field-color">
          {(p) => <input {...p} type="color" className="color-input" value={color} onChange={(e) => setColor(e.target.value)} />}
        </Field>
        <Field label={t('name')} error={fieldErrors.name}>
          {(p) => (
            <input
              {...p}
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('namePlaceholder')}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={add.isPending} aria-busy={add.isPending || undefined}>
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
