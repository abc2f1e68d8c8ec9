'use client';
// The UI language: saved on the user (when signed in) and in a cookie, then the page re-renders.
// A native <select> (keyboard, screen readers and phone pickers for free) laid transparently over
// a compact face that shows the language's name, or its code on narrow screens.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { api } from '@/lib/api-client';
import { isLocale, LOCALES, type Locale } from '@/lib/i18n/config';

export function LanguageSwitcher() {
  const t = useTranslations('locale');
  const current = useLocale();
  const router = useRouter();
  const id = useId();
  const [refreshing, startTransition] = useTransition();
  const change = useMutation({
    mutationFn: (next: Locale) => api('PUT', '/api/me/locale', { locale: next }),
    onSuccess: () => startTransition(() => router.refresh()),
  });
  const busy = change.isPending || refreshing;
  const shown: Locale = busy && change.variables ? change.variables : isLocale(current) ? current : 'id';
  return (
    <div className="locale-switch" aria-busy={busy || undefined}>
      <label htmlFor={id} className="visually-hidden">
        {t('label')}
      </label>
      <span className="locale-face" aria-hidden="true">
        <svg width="16" height="16" viewBox="0 0 16 16" fill="none">
          <circle cx="8" cy="8" r="6.5" stroke="currentColor" strokeWidth="1.3" />
          <path
            d="M1.5 8h13M8 1.5c2 2 2.6 4.2 2.6 6.5S10 12.5 8 14.5M8 1.5C6 3.5 5.4 5.7 5.4 8S6 12.5 8 14.5"
            stroke="currentColor"
            strokeWidth="1.3"
          />
        </svg>
        <span className="locale-name">{t(shown)}</span>
        <span className="locale-code">{shown.toUpperCase()}</span>
        <span className="chevron" />
      </span>
      <select
        id={id}
        className="locale-select"
        value={shown}
        disabled={busy}
        aria-describedby={change.isError ? `${id}-error` : undefined}
        onChange={(e) => change.mutate(e.target.value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l)}
          </option>
        ))}
      </select>
      {change.isError ? (
        <span id={`${id}-error`} role="alert" className="visually-hidden">
          {change.error.message}
        </span>
      ) : null}
    </div>
  );
}
