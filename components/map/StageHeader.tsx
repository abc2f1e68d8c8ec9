'use client';
// A stage column's header: colour, name, description, and (for editors) a drag handle, a colour
// picker and a menu to move or delete the stage. Sticky at the top of the board.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useEffect, useRef, type CSSProperties } from 'react';
import { useTranslations } from 'use-intl';
import { deleteStage, MAX_DESCRIPTION, MAX_NAME, moveStage, updateStage, type StageSnapshot } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import { ActionMenu } from './ActionMenu';
import { useEditor } from './editor-context';
import { InlineEdit } from './InlineEdit';
import { DeleteIcon } from './icons';
import styles from './map-editor.module.css';

export const StageHeader = memo(function StageHeader({
  stage,
  index,
  total,
  column,
  autoFocusName,
}: {
  stage: StageSnapshot;
  index: number;
  total: number;
  column: number;
  autoFocusName: boolean;
}) {
  const session = useSession();
  const { readOnly, run, runWithUndo, announce } = useEditor();
  const t = useTranslations('editor.stage');
  const colorRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement | null>(null);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: stage.id,
    data: { type: 'stage' },
    disabled: readOnly,
  });

  // The native "change" event fires once the picker closes; React's onChange fires on every drag
  // of the picker, which would write dozens of colours.
  useEffect(() => {
    const input = colorRef.current;
    if (!input) return;
    const onChange = () => run(() => updateStage(session.doc, stage.id, { color: input.value }, session.origin));
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
  }, [run, session, stage.id]);

  useEffect(() => {
    if (colorRef.current && colorRef.current.value !== stage.color) colorRef.current.value = stage.color;
  }, [stage.color]);

  useEffect(() => {
    if (autoFocusName) rootRef.current?.querySelector<HTMLTextAreaElement>('textarea[data-single-line]')?.select();
  }, [autoFocusName]);

  const move = (to: number) => {
    run(() => moveStage(session.doc, stage.id, to, session.origin));
    announce(t('moved', { stage: stage.name, position: to + 1, total }));
  };

  const style: CSSProperties = {
    gridRow: 1,
    gridColumn: column,
    transform: CSS.Translate.toString(transform),
    transition,
    ['--stage-color' as string]: stage.color,
  };

  return (
    <div
      ref={(node) => {
        setNodeRef(node);
        rootRef.current = node;
      }}
      className={isDragging ? `${styles.stageHeader} ${styles.stageDragging}` : styles.stageHeader}
      style={style}
      role="group"
      aria-label={t('label', { position: index + 1, stage: stage.name })}
    >
      <div className={styles.stageTop}>
        {readOnly ? null : (
          <button
            ref={setActivatorNodeRef}
            type="button"
            className={styles.dragHandle}
            {...attributes}
            {...listeners}
            aria-label={t('drag', { stage: stage.name })}
            title={t('drag', { stage: stage.name })}
          >
            <svg width="16" height="10" viewBox="0 0 16 10" aria-hidden="true">
              {[2, 8, 14].map((x) => (
                <g key={x}>
                  <circle cx={x} cy="2.5" r="1.4" />
                  <circle cx={x} cy="7.5" r="1.4" />
                </g>
              ))}
            </svg>
          </button>
        )}
        {readOnly ? (
          <span className={styles.stageNumber} aria-hidden="true">
            {index + 1}
          </span>
        ) : (
          // The numbered badge is the stage's colour, and the way to change it.
          <label className={`${styles.stageNumber} ${styles.stageColor}`} title={t('color', { stage: stage.name })}>
            <span aria-hidden="true">{index + 1}</span>
            <input
              ref={colorRef}
              type="color"
              className={styles.colorInput}
              defaultValue={stage.color}
              aria-label={t('color', { stage: stage.name })}
            />
          </label>
        )}
        {readOnly ? (
          <h2 className={styles.stageName}>{stage.name}</h2>
        ) : (
          <InlineEdit
            className={`${styles.inlineInput} ${styles.stageName}`}
            value={stage.name}
            label={t('name')}
            maxLength={MAX_NAME}
            required
            onCommit={(name) => run(() => updateStage(session.doc, stage.id, { name }, session.origin))}
          />
        )}
        {readOnly ? null : (
          <ActionMenu
            label={t('actions', { stage: stage.name })}
            items={[
              {
                label: t('moveLeft'),
                icon: '←',
                disabled: index === 0,
                onSelect: () => move(index - 1),
              },
              {
                label: t('moveRight'),
                icon: '→',
                disabled: index === total - 1,
                onSelect: () => move(index + 1),
              },
              {
                label: t('delete'),
                icon: <DeleteIcon />,
                danger: true,
                onSelect: () => runWithUndo(t('deleted', { stage: stage.name }), () => deleteStage(session.doc, stage.id, session.origin)),
              },
            ]}
          >
            <span aria-hidden="true">⋯</span>
          </ActionMenu>
        )}
      </div>
      {readOnly ? (
        stage.description ? (
          <p className={styles.stageDescription}>{stage.description}</p>
        ) : null
      ) : (
        <InlineEdit
          multiline
          className={`${styles.inlineInput} ${styles.stageDescription}`}
          value={stage.description}
          label={t('description', { stage: stage.name })}
          placeholder={t('descriptionPlaceholder')}
          maxLength={MAX_DESCRIPTION}
          onCommit={(description) => run(() => updateStage(session.doc, stage.id, { description }, session.origin))}
        />
      )}
    </div>
  );
});
