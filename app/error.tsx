'use client';
// Unexpected errors (bugs, an unreachable database): a translated message and a retry, with the
// digest that matches the server log.
import { useEffect } from 'react';
import { useTranslations } from 'use-intl';

export default function ErrorBoundary({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('common.errorPage');
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="status-page" role="alert">
      <h1>{t('title')}</h1>
      <p className="muted">{t('body')}</p>
      {digest ? <p className="muted small">{t('reference', { digest })}</p> : null}
      <button type="button" className="btn btn-primary" onClick={() => retry()}>
        {t('retry')}
      </button>
    </main>
  );
}
