'use client';
// One card in a cell: drag handle, department, the fields its lane kind carries, the shared text,
// the people editing it, and its menu (keyboard moves, links, delete).
import { useSortable } from '@dnd-kit/sortable';
import { Link2 } from 'lucide-react';
import { CSS } from '@dnd-kit/utilities';
import { memo, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslations } from 'use-intl';
import { deleteCard, moveCard, sortedLanes, sortedStages, type LaneKind } from '@/lib/map';
import { stepTarget, type Direction } from '@/lib/map-client/moves';
import { useCard, useCardEditors, useSession } from '@/lib/map-client/use-map-session';
import { ActionMenu, type MenuItem } from './ActionMenu';
import { CardDepartment } from './CardDepartment';
import { CardKindFields } from './CardKindFields';
import { CardText, type CardTextHandle } from './CardText';
import { useEditor } from './editor-context';
import { LinkDialog } from './LinkDialog';
import { DeleteIcon } from './icons';
import styles from './map-editor.module.css';

const ARROWS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

const FOCUSABLE = 'button:not([disabled]), textarea, select:not([disabled]), input:not([disabled]), [tabindex="0"]';

const IS_MAC = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export const Card = memo(function Card({ cardId, laneKind, position }: { cardId: string; laneKind: LaneKind; position: number }) {
  const session = useSession();
  const { readOnly, departmentById, run, runWithUndo, announce } = useEditor();
  const t = useTranslations('editor');
  const card = useCard(cardId);
  const editors = useCardEditors(cardId);
  const [linking, setLinking] = useState(false);
  const textRef = useRef<CardTextHandle>(null);
  const rootRef = useRef<HTMLFormElement | null>(null);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: cardId,
    data: { type: 'card' },
    disabled: readOnly,
  });

  useEffect(() => {
    const target = session.takeFocusRequest(cardId);
    if (target === 'text') textRef.current?.focus();
    else if (target === 'first' || target === 'last') {
      const controls = rootRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [];
      controls[target === 'first' ? 0 : controls.length - 1]?.focus();
    } else if (target)
      rootRef.current?.querySelector<HTMLElement>(target === 'menu' ? '[aria-haspopup="menu"]' : '[data-drag-handle]')?.focus();
  });

  if (!card || !card.text) return null;

  const move = (direction: Direction, focus: 'text' | 'menu') => {
    const target = stepTarget(session.doc, cardId, direction);
    if (!target) return;
    session.requestFocus(cardId, focus);
    run(() => moveCard(session.doc, cardId, target.cell, target.index, session.origin));
    const stage = sortedStages(session.doc).find((s) => s.id === target.cell.stageId);
    const lane = sortedLanes(session.doc).find((l) => l.id === target.cell.laneId);
    announce(
      t('card.moved', {
        lane: lane?.name ?? '',
        stage: stage?.name ?? '',
        position: target.index + 1,
      }),
    );
  };

  const department = card.fields.department ? departmentById.get(card.fields.department) : undefined;
  const editor = editors[0];
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    ...(department ? { ['--dept' as string]: department.color } : {}),
    ...(editor ? { ['--peer' as string]: editor.color } : {}),
  };
  const classes = [styles.card, isDragging ? styles.cardDragging : '', editor ? styles.cardPeerEditing : ''].filter(Boolean).join(' ');

  const ALT = IS_MAC() ? '⌥' : 'Alt+';
  const menuItems: MenuItem[] = [
    {
      label: t('card.moveUp'),
      hint: `${ALT}↑`,
      icon: '↑',
      onSelect: () => move('up', 'menu'),
    },
    {
      label: t('card.moveDown'),
      hint: `${ALT}↓`,
      icon: '↓',
      onSelect: () => move('down', 'menu'),
    },
    {
      label: t('card.moveLeft'),
      hint: `${ALT}←`,
      icon: '←',
      onSelect: () => move('left', 'menu'),
    },
    {
      label: t('card.moveRight'),
      hint: `${ALT}→`,
      icon: '→',
      onSelect: () => move('right', 'menu'),
    },
    ...(laneKind === 'painpoints'
      ? [
          {
            label: t('card.linkOpportunities'),
            icon: <Link2 size={16} aria-hidden="true" />,
            onSelect: () => setLinking(true),
          },
        ]
      : []),
    {
      label: t('card.delete'),
      icon: <DeleteIcon />,
      danger: true,
      onSelect: () => runWithUndo(t('card.deleted'), () => deleteCard(session.doc, cardId, session.origin)),
    },
  ];

  return (
    // A form of its own: Chrome's autofill re-reads the form of a control at every keystroke, and
    // without one that is every control on the page (scanning a 50-card map cost ~8 ms a key).
    // autoComplete off: the browser neither offers past entries nor saves these controls' values
    // into the page's history state. Chrome serialised every control of the map a second after each
    // change (~50 ms on a 1,000-card map, once a second while typing), and restoring such a saved
    // value on Back would put stale text into a card whose text comes from the shared document.
    <form
      autoComplete="off"
      ref={(node) => {
        setNodeRef(node);
        rootRef.current = node;
      }}
      className={classes}
      style={style}
      data-card-id={cardId}
      role="group"
      aria-label={t('card.label', { position })}
      aria-keyshortcuts={readOnly ? undefined : 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight'}
      onKeyDown={(event) => {
        const direction = ARROWS[event.key];
        if (readOnly || !direction || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
        const inText = (event.target as HTMLElement).tagName === 'TEXTAREA';
        // On a Mac, Option+Arrow moves the caret by word or paragraph while typing: leave it be.
        if (inText && IS_MAC()) return;
        event.preventDefault();
        move(direction, inText ? 'text' : 'menu');
      }}
      onSubmit={(event) => event.preventDefault()}
    >
      {editor ? (
        <span className={styles.peerLabel} aria-live="off">
          {editors.length > 1
            ? t('card.editingMany', {
                name: editor.name,
                count: editors.length - 1,
              })
            : t('card.editing', { name: editor.name })}
        </span>
      ) : null}
      <div className={readOnly && !department ? styles.cardTopEmpty : styles.cardTop}>
        {readOnly ? null : (
          <button
            ref={setActivatorNodeRef}
            type="button"
            className={`${styles.dragHandle} ${styles.cardDragHandle}`}
            data-drag-handle=""
            {...attributes}
            {...listeners}
            aria-label={t('card.drag')}
            title={t('card.drag')}
          />
        )}
        <CardDepartment cardId={cardId} department={card.fields.department} />
        {readOnly ? null : (
          <ActionMenu label={t('card.actions')} items={menuItems} buttonClassName={styles.iconButtonSm}>
            <span aria-hidden="true">⋯</span>
          </ActionMenu>
        )}
      </div>
      <CardText ref={textRef} cardId={cardId} text={card.text} readOnly={readOnly} label={t('card.text')} />
      <CardKindFields cardId={cardId} laneKind={laneKind} fields={card.fields} links={card.links} onOpenLinks={() => setLinking(true)} />
      {linking ? <LinkDialog painPointId={cardId} links={card.links} onClose={() => setLinking(false)} /> : null}
    </form>
  );
});
