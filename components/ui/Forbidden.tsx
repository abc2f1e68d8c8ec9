// The 403 answer of a page: a member whose role does not allow what the page shows.
import { getT } from '@/lib/i18n/server';

export async function Forbidden() {
  const t = await getT();
  return (
    <div className="status-page" role="alert">
      <p className="status-code" aria-hidden="true">
        403
      </p>
      <h1>{t('common.forbidden.title')}</h1>
      <p className="muted">{t('common.forbidden.body')}</p>
    </div>
  );
}
