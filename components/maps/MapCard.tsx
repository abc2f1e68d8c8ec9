'use client';
// One map in the list: what it is, how far along, when it last changed, and its actions.
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'use-intl';
import { api, ApiError } from '@/lib/api-client';
import type { Action } from '@/lib/auth/policy';
import type { TemplateId } from '@/lib/map/types';
import type { MapSummary } from './map-summary';

export function MapCard({
  slug,
  map,
  abilities,
  now,
  onRename,
  onDelete,
}: {
  slug: string;
  map: MapSummary;
  abilities: Record<Action, boolean>;
  now: number;
  onRename: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const archive = useMutation({
    mutationFn: (archived: boolean) => api('PATCH', `/api/workspaces/${slug}/maps/${map.id}`, { archived }),
    onSuccess: () => router.refresh(),
  });
  const isArchived = map.archivedAt !== null;
  const href = `/w/${slug}/maps/${map.id}`;
  const canEdit = abilities['map:edit'] && !isArchived;
  const when = format.relativeTime(new Date(isArchived ? map.archivedAt! : map.updatedAt), now);
  return (
    <article className="card map-card" aria-labelledby={`map-${map.id}`}>
      <div className="map-card-top">
        <span className="badge">{t(`templates.${map.template as TemplateId}.name`)}</span>
        <span className={`badge status-${map.status}`}>{t(`maps.status.${map.status}`)}</span>
      </div>
      <h3 id={`map-${map.id}`} className="map-title">
        <Link href={href}>{map.title}</Link>
      </h3>
      <p className={map.personaLabel ? 'map-persona' : 'map-persona muted'}>
        {map.personaLabel ? t('maps.persona', { persona: map.personaLabel }) : t('maps.noPersona')}
      </p>
      <p className="map-stats muted small">
        <span>{t('maps.cards', { count: map.cardCount })}</span>
        <span aria-hidden="true"> · </span>
        <span className={map.painPointCount ? 'stat-pain' : undefined}>{t('maps.painPoints', { count: map.painPointCount })}</span>
      </p>
      <p className="muted small map-when">{isArchived ? t('maps.archivedOn', { when }) : t('maps.edited', { when })}</p>
      {archive.error ? (
        <p className="field-error" role="alert">
          {archive.error instanceof ApiError ? archive.error.message : t('common.networkError')}
        </p>
      ) : null}
      <div className="map-actions" role="group" aria-label={t('maps.actions.label', { title: map.title })}>
        <Link href={href} className="btn btn-sm">
          {t('maps.actions.open')}
        </Link>
        {canEdit ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={onRename}>
            {t('maps.actions.rename')}
          </button>
        ) : null}
        {abilities['map:archive'] ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => archive.mutate(!isArchived)} disabled={archive.isPending}>
            {isArchived ? t('maps.actions.restore') : t('maps.actions.archive')}
          </button>
        ) : null}
        {abilities['map:delete'] ? (
          <button type="button" className="btn btn-sm btn-ghost btn-danger" onClick={onDelete}>
            {t('maps.actions.delete')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
