'use client';
// Create an account, sign in straight away, then continue where the user was going (an invitation).
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { api } from '@/lib/api-client';
import { signInWithPassword } from '@/lib/auth/client';
import { isLocale } from '@/lib/i18n/config';
import { signUpInput, type SignUpInput } from '@/lib/validation/auth';
import { OAuthButtons } from './OAuthButtons';

export function SignupForm({
  next,
  signInHref,
  providers,
}: {
  next: string;
  signInHref: string;
  providers: { id: string; name: string }[];
}) {
  const t = useTranslations('auth');
  const locale = useLocale();
  const { fieldErrors, formError, validate, showError, setFormError } = useFormErrors();
  const signUp = useMutation({
    mutationFn: async (input: SignUpInput) => {
      await api('POST', '/api/auth/signup', input);
      return signInWithPassword(input.email, input.password);
    },
    onSuccess: (result) => {
      if (result.ok) window.location.assign(next);
      else window.location.assign(`${signInHref}${signInHref.includes('?') ? '&' : '?'}created=1`);
    },
    onError: showError,
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = validate(signUpInput, {
      name: form.get('name'),
      email: form.get('email'),
      password: form.get('password'),
      locale: isLocale(locale) ? locale : undefined,
    });
    if (!input) return;
    setFormError(null);
    signUp.mutate(input);
  }

  const pending = signUp.isPending || signUp.isSuccess;
  return (
    <>
      <form onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label={t('name')} error={fieldErrors.name}>
          {(p) => <input {...p} className="input" name="name" autoComplete="name" required />}
        </Field>
        <Field label={t('email')} error={fieldErrors.email}>
          {(p) => <input {...p} className="input" name="email" type="email" autoComplete="email" inputMode="email" required />}
        </Field>
        <Field label={t('password')} error={fieldErrors.password} hint={t('passwordHint')}>
          {(p) => <input {...p} className="input" name="password" type="password" autoComplete="new-password" required />}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending || undefined}>
          {pending ? t('signUp.submitting') : t('signUp.submit')}
        </button>
      </form>
      <OAuthButtons providers={providers} callbackUrl={next} />
      <p className="auth-switch">
        {t('signUp.haveAccount')} <Link href={signInHref}>{t('signUp.signInLink')}</Link>
      </p>
    </>
  );
}
