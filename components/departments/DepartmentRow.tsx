'use client';
// One department: owners rename it, recolour it or remove it; others see its name and colour.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api, ApiError } from '@/lib/api-client';
import { departmentInput } from '@/lib/validation/workspace';

export function DepartmentRow({
  slug,
  department,
  canManage,
}: {
  slug: string;
  department: { id: string; name: string; color: string };
  canManage: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [name, setName] = useState(department.name);
  const [color, setColor] = useState(department.color);
  const [confirm, setConfirm] = useState(false);
  const { fieldErrors, formError, validate, showError } = useFormErrors();
  const url = `/api/workspaces/${slug}/departments/${department.id}`;
  const save = useMutation({
    mutationFn: (input: { name: string; color: string }) => api('PATCH', url, input),
    onSuccess: () => router.refresh(),
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', url),
    onSuccess: () => {
      setConfirm(false);
      router.refresh();
    },
  });

  if (!canManage) {
    return (
      <li>
        <span className="swatch" style={{ background: department.color }} aria-hidden="true" />
        <span className="grow">{department.name}</span>
      </li>
    );
  }

  const dirty = name !== department.name || color.toLowerCase() !== department.color.toLowerCase();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = validate(departmentInput, { name, color });
    if (input) save.mutate(input);
  }
  const error = fieldErrors.name ?? fieldErrors.color ?? formError;
  return (
    <li>
      <form className="department-form" onSubmit={submit} noValidate>
        <input
          type="color"
          className="color-input"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          aria-label={t('departments.color', { name: department.name })}
        />
        <input
          className="input grow"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('departments.name', { name: department.name })}
          aria-invalid={fieldErrors.name ? true : undefined}
          autoComplete="off"
        />
        <button type="submit" className="btn btn-sm" disabled={!dirty || save.isPending}>
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-danger"
          onClick={() => setConfirm(true)}
          aria-label={t('departments.removeNamed', { name: department.name })}
        >
          {t('departments.remove')}
        </button>
      </form>
      {error ? (
        <p className="field-error department-error" role="alert">
          {error}
        </p>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={t('departments.removeDialog.title')}
          body={t('departments.removeDialog.body', { name: department.name })}
          confirmLabel={t('departments.removeDialog.confirm')}
          pending={remove.isPending}
          error={remove.error ? (remove.error instanceof ApiError ? remove.error.message : t('common.networkError')) : null}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            setConfirm(false);
            remove.reset();
          }}
        />
      ) : null}
    </li>
  );
}
