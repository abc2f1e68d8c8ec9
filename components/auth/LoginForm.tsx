'use client';
// Email + password sign-in. Unknown email and wrong password get the same message; a throttled
// account is told how long to wait.
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'use-intl';
import { Field } from '@/components/ui/Field';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { signInWithPassword } from '@/lib/auth/client';
import { signInInput } from '@/lib/validation/auth';
import { OAuthButtons } from './OAuthButtons';

export function LoginForm({
  callbackUrl,
  signUpHref,
  providers,
}: {
  callbackUrl: string;
  signUpHref: string;
  providers: { id: string; name: string }[];
}) {
  const t = useTranslations('auth');
  const { fieldErrors, formError, validate, setFormError } = useFormErrors();
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = validate(signInInput, {
      email: form.get('email'),
      password: form.get('password'),
    });
    if (!input) return;
    setPending(true);
    const result = await signInWithPassword(input.email, input.password);
    if (result.ok) {
      // A full load: the root layout re-reads the session (and the user's saved language).
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setFormError(result.error === 'throttled' ? t('throttled', { seconds: result.retryAfter ?? 60 }) : t(result.error));
  }

  return (
    <>
      <form onSubmit={submit} noValidate>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field label={t('email')} error={fieldErrors.email}>
          {(p) => <input {...p} className="input" name="email" type="email" autoComplete="email" inputMode="email" required />}
        </Field>
        <Field label={t('password')} error={fieldErrors.password}>
          {(p) => <input {...p} className="input" name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending || undefined}>
          {pending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
      <p className="auth-switch">
        {t('signIn.noAccount')} <Link href={signUpHref}>{t('signIn.createAccount')}</Link>
      </p>
    </>
  );
}
