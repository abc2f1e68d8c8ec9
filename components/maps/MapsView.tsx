'use client';
// The maps list with its controls and dialogs; buttons appear only where the policy allows them.
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { Action } from '@/lib/auth/policy';
import { DeleteMapDialog } from './DeleteMapDialog';
import { MapCard } from './MapCard';
import { MapListControls } from './MapListControls';
import type { MapListQuery, MapSummary } from './map-summary';
import { NewMapDialog } from './NewMapDialog';
import { RenameMapDialog } from './RenameMapDialog';

type Open = { kind: 'new' } | { kind: 'rename'; map: MapSummary } | { kind: 'delete'; map: MapSummary } | null;

export function MapsView({
  slug,
  maps,
  abilities,
  query,
  now,
}: {
  slug: string;
  maps: MapSummary[];
  abilities: Record<Action, boolean>;
  query: MapListQuery;
  now: number;
}) {
  const t = useTranslations('maps');
  const [open, setOpen] = useState<Open>(null);
  const archived = query.archived === '1';
  const canCreate = abilities['map:create'] && !archived;
  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'new' })}>
      <span aria-hidden="true">+</span> {t('new')}
    </button>
  );
  return (
    <section aria-labelledby="maps-title">
      <div className="section-head">
        <div>
          <h2 id="maps-title">{t('title')}</h2>
          <p className="muted">{t('subtitle')}</p>
        </div>
        {canCreate ? newButton : null}
      </div>
      <MapListControls slug={slug} query={query} />
      {archived ? <p className="notice">{t('archivedNotice')}</p> : null}
      {maps.length === 0 ? (
        <div className="empty">
          {archived ? (
            <p>{t('emptyArchived')}</p>
          ) : (
            <>
              <h3>{t('empty.title')}</h3>
              <p>{abilities['map:create'] ? t('empty.body') : t('empty.readOnly')}</p>
              {canCreate ? newButton : null}
            </>
          )}
        </div>
      ) : (
        <ul className="grid map-grid">
          {maps.map((map) => (
            <li key={map.id}>
              <MapCard
                slug={slug}
                map={map}
                abilities={abilities}
                now={now}
                onRename={() => setOpen({ kind: 'rename', map })}
                onDelete={() => setOpen({ kind: 'delete', map })}
              />
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'new' ? <NewMapDialog slug={slug} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'rename' ? <RenameMapDialog slug={slug} map={open.map} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? <DeleteMapDialog slug={slug} map={open.map} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
