'use client';
// Form errors in the user's language: zod issues from the shared schema (message keys, translated
// here) before submitting, then the server's field errors (already translated) after.
import { useCallback, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { z } from 'zod';
import { ApiError } from '@/lib/api-client';

export function useFormErrors() {
  const t = useTranslations();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const translateKey = useCallback(
    (key: string) => {
      const k = (key.startsWith('validation.') || key.startsWith('error.') ? key : 'validation.invalid') as Parameters<typeof t>[0];
      return t.has(k) ? t(k) : t('validation.invalid');
    },
    [t],
  );

  /** Parses `value` with the shared schema; on failure shows the field errors and returns null. */
  const validate = useCallback(
    <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | null => {
      const r = schema.safeParse(value);
      if (r.success) {
        setFieldErrors({});
        setFormError(null);
        return r.data;
      }
      const out: Record<string, string> = {};
      for (const issue of r.error.issues) {
        const k = String(issue.path[0] ?? '');
        if (k && !out[k]) out[k] = translateKey(issue.message);
        if (!k) setFormError(translateKey(issue.message));
      }
      setFieldErrors(out);
      return null;
    },
    [translateKey],
  );

  /** Shows an error from the API (or the network) on the form. */
  const showError = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        setFieldErrors(fields);
        setFormError(Object.keys(fields).length ? null : err.message);
      } else if (err instanceof TypeError) {
        setFormError(t('common.networkError'));
      } else {
        setFormError(t('common.unexpectedError'));
      }
    },
    [t],
  );

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  return { fieldErrors, formError, validate, showError, setFormError, clear };
}
