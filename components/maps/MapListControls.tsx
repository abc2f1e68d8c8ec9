'use client';
// Active / archived and the sort order, kept in the URL so a reload or a shared link keeps them.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { useTranslations } from 'use-intl';
import type { MapListQuery } from './map-summary';

const SORTS = ['updated', 'title', 'created'] as const;

function href(slug: string, q: MapListQuery) {
  const params = new URLSearchParams();
  if (q.archived === '1') params.set('archived', '1');
  if (q.sort !== 'updated') params.set('sort', q.sort);
  const s = params.toString();
  return s ? `/w/${slug}?${s}` : `/w/${slug}`;
}

export function MapListControls({ slug, query }: { slug: string; query: MapListQuery }) {
  const t = useTranslations('maps');
  const router = useRouter();
  const sortId = useId();
  return (
    <div className="toolbar map-toolbar">
      <div className="segmented" role="group" aria-label={t('view.label')}>
        {(['0', '1'] as const).map((archived) => (
          <Link
            key={archived}
            href={href(slug, { ...query, archived })}
            aria-current={query.archived === archived ? 'page' : undefined}
            replace
          >
            {archived === '1' ? t('view.archived') : t('view.active')}
          </Link>
        ))}
      </div>
      <div className="header-spacer" />
      <div className="sort-control">
        <label htmlFor={sortId} className="label">
          {t('sort.label')}
        </label>
        <select
          id={sortId}
          className="select select-compact"
          value={query.sort}
          onChange={(e) =>
            router.replace(
              href(slug, {
                ...query,
                sort: e.target.value as MapListQuery['sort'],
              }),
            )
          }
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
