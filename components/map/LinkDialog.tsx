'use client';
// Which opportunities answer a pain point: every opportunity card of the map, ticked when linked.
// Readers see the linked ones only.
import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { Dialog } from '@/components/ui/Dialog';
import { linkCards, readMap, unlinkCards } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import styles from './map-editor.module.css';

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 88)}…` : text);

export function LinkDialog({ painPointId, links, onClose }: { painPointId: string; links: readonly string[]; onClose: () => void }) {
  const session = useSession();
  const { readOnly, run } = useEditor();
  const t = useTranslations('editor.links');
  // Read once when the dialog opens: the list is a snapshot to choose from, the ticks stay live.
  const opportunities = useMemo(() => {
    const map = readMap(session.doc);
    const kindOf = new Map(map.lanes.map((lane) => [lane.id, lane.kind]));
    const stageName = new Map(map.stages.map((stage) => [stage.id, stage.name]));
    return map.cards
      .filter((card) => kindOf.get(card.laneId) === 'opportunities')
      .map((card) => ({
        id: card.id,
        text: card.text,
        stage: stageName.get(card.stageId) ?? '',
      }));
  }, [session.doc]);
  const shown = readOnly ? opportunities.filter((o) => links.includes(o.id)) : opportunities;

  return (
    <Dialog title={t('title')} onClose={onClose}>
      {shown.length === 0 ? (
        <p className="muted">{readOnly ? t('noneLinked') : t('none')}</p>
      ) : (
        <ul className={styles.linkList}>
          {shown.map((opportunity) => (
            <li key={opportunity.id}>
              {readOnly ? (
                <span>
                  <span className={styles.linkStage}>{opportunity.stage}</span> {excerpt(opportunity.text) || t('emptyCard')}
                </span>
              ) : (
                <label className={styles.linkOption}>
                  <input
                    type="checkbox"
                    checked={links.includes(opportunity.id)}
                    onChange={(event) =>
                      run(() =>
                        event.target.checked
                          ? linkCards(session.doc, painPointId, opportunity.id, session.origin)
                          : unlinkCards(session.doc, painPointId, opportunity.id, session.origin),
                      )
                    }
                  />
                  <span>
                    <span className={styles.linkStage}>{opportunity.stage}</span> {excerpt(opportunity.text) || t('emptyCard')}
                  </span>
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('done')}
        </button>
      </div>
    </Dialog>
  );
}
