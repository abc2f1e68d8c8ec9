import Link from 'next/link';
import { Brand } from '@/components/shell/Brand';
import { getT } from '@/lib/i18n/server';

export default async function NotFound() {
  const t = await getT();
  return (
    <main id="main" className="status-page">
      <Brand href="/" />
      <p className="status-code" aria-hidden="true">
        404
      </p>
      <h1>{t('common.notFound.title')}</h1>
      <p className="muted">{t('common.notFound.body')}</p>
      <Link href="/" className="btn btn-primary">
        {t('common.notFound.home')}
      </Link>
    </main>
  );
}
