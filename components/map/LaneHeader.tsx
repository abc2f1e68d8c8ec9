'use client';
// A lane row's header: its kind, name, and (for editors) a menu to move or delete it. Sticky on
// the left of the board. The emotions lane also shows the scale of its curve.
import { memo } from 'react';
import { useTranslations } from 'use-intl';
import { deleteLane, MAX_NAME, moveLane, updateLane, type LaneSnapshot } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import { ActionMenu } from './ActionMenu';
import { useEditor } from './editor-context';
import { EMOTION_SCORES } from './emotion';
import { InlineEdit } from './InlineEdit';
import { DeleteIcon, EmotionFace, LaneIcon } from './icons';
import styles from './map-editor.module.css';

export const CURVE_HEIGHT = 132;
export const CURVE_PADDING = 18;

export const LaneHeader = memo(function LaneHeader({
  lane,
  index,
  total,
  row,
  rowSpan,
}: {
  lane: LaneSnapshot;
  index: number;
  total: number;
  row: number;
  rowSpan: number;
}) {
  const session = useSession();
  const { readOnly, run, runWithUndo, announce } = useEditor();
  const t = useTranslations('editor.lane');
  const tk = useTranslations('lanes.kinds');

  // The kind is worth a line only when the lane's name does not already say it.
  const sameAsKind = lane.name.trim().toLocaleLowerCase() === tk(lane.kind).toLocaleLowerCase();

  const move = (to: number) => {
    run(() => moveLane(session.doc, lane.id, to, session.origin));
    announce(t('moved', { lane: lane.name, position: to + 1, total }));
  };

  return (
    <div
      className={styles.laneHeader}
      style={{ gridRow: `${row} / span ${rowSpan}`, gridColumn: 1 }}
      data-kind={lane.kind}
      role="group"
      aria-label={t('label', { lane: lane.name, kind: tk(lane.kind) })}
    >
      <div className={styles.laneTop}>
        <span className={styles.laneIcon} aria-hidden="true" title={tk(lane.kind)}>
          <LaneIcon kind={lane.kind} />
        </span>
        {readOnly ? (
          <h3 className={styles.laneName}>{lane.name}</h3>
        ) : (
          <InlineEdit
            className={`${styles.inlineInput} ${styles.laneName}`}
            value={lane.name}
            label={t('name')}
            maxLength={MAX_NAME}
            required
            onCommit={(name) => run(() => updateLane(session.doc, lane.id, { name }, session.origin))}
          />
        )}
        {readOnly ? null : (
          <ActionMenu
            label={t('actions', { lane: lane.name })}
            items={[
              {
                label: t('moveUp'),
                icon: '↑',
                disabled: index === 0,
                onSelect: () => move(index - 1),
              },
              {
                label: t('moveDown'),
                icon: '↓',
                disabled: index === total - 1,
                onSelect: () => move(index + 1),
              },
              {
                label: t('delete'),
                icon: <DeleteIcon />,
                danger: true,
                onSelect: () => runWithUndo(t('deleted', { lane: lane.name }), () => deleteLane(session.doc, lane.id, session.origin)),
              },
            ]}
            buttonClassName={styles.iconButtonSm}
          >
            <span aria-hidden="true">⋯</span>
          </ActionMenu>
        )}
      </div>
      {sameAsKind ? null : <span className={styles.laneKind}>{tk(lane.kind)}</span>}
      {lane.kind === 'emotions' ? (
        <div className={styles.emotionAxis} style={{ height: CURVE_HEIGHT }} aria-hidden="true">
          {EMOTION_SCORES.map((score) => (
            <span
              key={score}
              style={{
                top: CURVE_PADDING + ((2 - score) * (CURVE_HEIGHT - 2 * CURVE_PADDING)) / 4,
              }}
            >
              <EmotionFace score={score} size={14} />
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
});
