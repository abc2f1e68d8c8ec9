'use client';
// One stage × lane cell: its cards in order (a sortable list and a drop target) and "Add card".
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useCallback, useRef, useSyncExternalStore, type FocusEvent } from 'react';
import { useTranslations } from 'use-intl';
import { addCard, type CardInit, type LaneKind } from '@/lib/map';
import { useCellCards, useSession } from '@/lib/map-client/use-map-session';
import { useCellWindow, type Block } from './board-window';
import { Card } from './Card';
import { FindableText } from './FindableText';
import { useEditor } from './editor-context';
import styles from './map-editor.module.css';

export const cellDropId = (stageId: string, laneId: string) => `cell:${stageId}|${laneId}`;

export const Cell = memo(function Cell({
  stageId,
  stageName,
  laneId,
  laneName,
  laneKind,
  userId,
  row,
  column,
}: {
  stageId: string;
  stageName: string;
  laneId: string;
  laneName: string;
  laneKind: LaneKind;
  userId: string;
  row: number;
  column: number;
}) {
  const session = useSession();
  const { readOnly, run, dropTarget } = useEditor();
  const t = useTranslations('editor.cell');
  const cardIds = useCellCards(stageId, laneId);
  const dropId = cellDropId(stageId, laneId);
  const { setNodeRef } = useDroppable({
    id: dropId,
    data: { type: 'cell', stageId, laneId },
    disabled: readOnly,
  });
  const boxRef = useRef<HTMLDivElement | null>(null);
  const setBox = useCallback(
    (node: HTMLDivElement | null) => {
      boxRef.current = node;
      setNodeRef(node);
    },
    [setNodeRef],
  );
  const pendingFocus = useCallback(() => session.pendingFocus(), [session]);
  const { blocks, hidden, onFocus, onBlur, refresh, reveal } = useCellWindow(boxRef, cardIds, laneKind, pendingFocus);

  /** A run of cards not rendered got focus (Tab): its nearest card takes it instead. */
  const bring = (block: Block, event: FocusEvent<HTMLElement>) => {
    const from = event.relatedTarget as Node | null;
    const forward = !from || !!(from.compareDocumentPosition(event.currentTarget) & Node.DOCUMENT_POSITION_FOLLOWING);
    const id = cardIds[forward ? block.from : block.to];
    if (!id) return;
    session.requestFocus(id, forward ? 'first' : 'last');
    refresh(); // renders the card, which then takes focus
  };
  // The drop target is published by the board, so only the cells it enters and leaves re-render.
  const isTarget = useCallback(() => dropTarget.get() === dropId, [dropTarget, dropId]);
  const highlighted = useSyncExternalStore(dropTarget.subscribe, isTarget, isTarget);

  const add = () => {
    const init: CardInit = {
      stageId,
      laneId,
      createdBy: userId,
      ...(laneKind === 'emotions' ? { emotion: 0 } : {}),
    };
    const id = run(() => addCard(session.doc, init, undefined, session.origin));
    if (id) session.requestFocus(id, 'text');
  };

  return (
    <div
      ref={setBox}
      className={highlighted ? `${styles.cell} ${styles.cellOver}` : styles.cell}
      style={{ gridRow: row, gridColumn: column }}
      data-kind={laneKind}
      role="group"
      aria-label={t('label', { lane: laneName, stage: stageName })}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      <SortableContext id={dropId} items={cardIds as string[]} strategy={verticalListSortingStrategy}>
        {blocks.flatMap((block) =>
          block.kind === 'cards'
            ? cardIds
                .slice(block.from, block.to + 1)
                .map((cardId, k) => <Card key={cardId} cardId={cardId} laneKind={laneKind} position={block.from + k + 1} />)
            : [
                <div
                  key={`run:${cardIds[block.from]}`}
                  className={styles.cardRun}
                  style={{ height: block.height }}
                  role="button"
                  aria-label={t('hiddenCards', { count: block.to - block.from + 1 })}
                  tabIndex={0}
                  onFocus={(event) => bring(block, event)}
                />,
              ],
        )}
      </SortableContext>
      {hidden.length ? (
        // One layer for the texts of all cards not rendered, so they keep their elements while
        // the runs around them change as the board scrolls.
        <div className={styles.findLayer}>
          {hidden.map(({ id, top }) => (
            <FindableText key={id} cardId={id} top={top} onFound={reveal} />
          ))}
        </div>
      ) : null}
      {readOnly ? null : (
        <button type="button" className={styles.addCard} onClick={add} aria-label={t('addCardTo', { lane: laneName, stage: stageName })}>
          <span aria-hidden="true">+</span> {t('addCard')}
        </button>
      )}
    </div>
  );
});
