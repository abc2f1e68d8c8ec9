'use client';
// The journey map grid: stage columns × lane rows, sticky stage headers (top) and lane headers
// (left), horizontally scrollable. Drag and drop of cards (within and between cells) and of stages,
// by pointer and by keyboard, with screen-reader announcements. Live cursors of other people.
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Fragment, memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import {
  addLane,
  addStage,
  DEFAULT_LANE_NAMES,
  getCardText,
  LANE_KINDS,
  MAX_LANES,
  MAX_STAGES,
  moveCard,
  moveStage,
  sortedLanes,
  sortedStages,
  type LaneKind,
} from '@/lib/map';
import { useLanes, useSession, useStages } from '@/lib/map-client/use-map-session';
import { ActionMenu } from './ActionMenu';
import { BoardWindow, BoardWindowContext } from './board-window';
import { Cell } from './Cell';
import { Cursors } from './Cursors';
import { EmotionCurve } from './EmotionCurve';
import { useEditor } from './editor-context';
import { LaneIcon } from './icons';
import { LaneHeader } from './LaneHeader';
import styles from './map-editor.module.css';
import { StageHeader } from './StageHeader';

type DragData = {
  type?: 'card' | 'cell' | 'stage';
  stageId?: string;
  laneId?: string;
  sortable?: { containerId: UniqueIdentifier; index: number };
};

const dataOf = (entry: { data: { current?: unknown } } | null | undefined): DragData => (entry?.data.current ?? {}) as DragData;

/** Cards land on cards or cells, stages on stages; the pointer decides when there is one (else: closest centre). */
const collisionDetection: CollisionDetection = (args) => {
  const activeType = dataOf(args.active).type;
  const accepts = (type: DragData['type']) => (activeType === 'stage' ? type === 'stage' : type === 'card' || type === 'cell');
  const droppableContainers = args.droppableContainers.filter((container) => accepts(dataOf(container).type));
  if (args.pointerCoordinates) {
    const hits = pointerWithin({ ...args, droppableContainers });
    const cardHit = hits.find((hit) => dataOf(droppableContainers.find((c) => c.id === hit.id)).type !== 'cell');
    if (cardHit) return [cardHit];
    if (hits.length) return hits;
  }
  return closestCenter({ ...args, droppableContainers });
};

/** The sortable keyboard getter, limited to targets of the dragged thing's own kind. */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { context } = args;
  const activeType = dataOf(context.active).type;
  const all = context.droppableContainers;
  const accepts = (type: DragData['type']) => (activeType === 'stage' ? type === 'stage' : type === 'card' || type === 'cell');
  // Only what sortableKeyboardCoordinates reads of the container map.
  const filtered = {
    getEnabled: () => all.getEnabled().filter((container) => accepts(dataOf(container).type)),
    get: (id: UniqueIdentifier) => all.get(id),
  } as unknown as typeof all;
  return sortableKeyboardCoordinates(event, {
    ...args,
    context: { ...context, droppableContainers: filtered },
  });
};

export const Board = memo(function Board({ userId }: { userId: string }) {
  const session = useSession();
  const { readOnly, run, announce, dropTarget } = useEditor();
  const locale = useLocale() as 'id' | 'en';
  const t = useTranslations('editor');
  const tk = useTranslations('lanes.kinds');
  const stages = useStages();
  const lanes = useLanes();
  const gridRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<{
    id: string;
    type: 'card' | 'stage';
    text: string;
  } | null>(null);
  const [newStageId, setNewStageId] = useState<string | null>(null);

  // Cells render only the cards near the visible area (see board-window.ts). Attached after the
  // cells registered (children's layout effects run first), before the first paint.
  const [boardWindow] = useState(() => new BoardWindow());
  useLayoutEffect(() => {
    const scroller = gridRef.current?.parentElement;
    return scroller ? boardWindow.attach(scroller) : undefined;
  }, [boardWindow]);

  // The stage headers' height, on the scroll container: lane names stay in sight below the
  // headers (.laneTop), and what scrolls into view (a focused card) is not left under them (.board).
  const cornerRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const corner = cornerRef.current;
    const scroller = gridRef.current?.parentElement;
    if (!corner || !scroller) return;
    const observer = new ResizeObserver(() => scroller.style.setProperty('--stage-head-h', `${corner.offsetHeight}px`));
    observer.observe(corner);
    return () => observer.disconnect();
  }, []);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const stageIds = useMemo(() => stages.map((stage) => stage.id), [stages]);

  // Rows: 1 = stage headers; each lane one row, the emotions lanes two (curve + cards).
  const rows = useMemo(() => {
    let row = 2;
    return lanes.map((lane) => {
      const span = lane.kind === 'emotions' ? 2 : 1;
      const entry = { lane, row, span };
      row += span;
      return entry;
    });
  }, [lanes]);
  const lastRow = rows.length ? rows[rows.length - 1].row + rows[rows.length - 1].span : 2;

  const names = useCallback(
    (stageId?: string, laneId?: string) => ({
      stage: sortedStages(session.doc).find((s) => s.id === stageId)?.name ?? '',
      lane: sortedLanes(session.doc).find((l) => l.id === laneId)?.name ?? '',
    }),
    [session.doc],
  );

  /** The cell and index a dragged card would land in, from what it is over. */
  const target = useCallback(
    (activeId: string, over: DragEndEvent['over'], below: boolean) => {
      if (!over || over.id === activeId) return null;
      const data = dataOf(over);
      if (data.type === 'cell' && data.stageId && data.laneId) {
        const ids = session.cells.get(data.stageId, data.laneId).filter((id) => id !== activeId);
        return {
          stageId: data.stageId,
          laneId: data.laneId,
          index: ids.length,
        };
      }
      if (data.type === 'card') {
        const found = session.cells.find(String(over.id));
        if (!found) return null;
        const [stageId, laneId] = found.key.split('|');
        const ids = session.cells.get(stageId, laneId);
        const from = ids.indexOf(activeId);
        if (from !== -1) return { stageId, laneId, index: found.index }; // same cell: take its place
        return { stageId, laneId, index: found.index + (below ? 1 : 0) };
      }
      return null;
    },
    [session],
  );

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => {
        if (dataOf(active).type === 'stage')
          return t('dnd.pickedStage', {
            stage: names(String(active.id)).stage,
          });
        return t('dnd.pickedCard');
      },
      onDragOver: ({ active, over }) => {
        if (!over) return t('dnd.overNothing');
        if (over.id === active.id) return t('dnd.overStart');
        if (dataOf(active).type === 'stage') {
          const position = stageIds.indexOf(String(over.id)) + 1;
          return t('dnd.overStage', {
            stage: names(String(active.id)).stage,
            position,
            total: stageIds.length,
          });
        }
        const place = target(String(active.id), over, false);
        if (!place) return t('dnd.overNothing');
        const n = names(place.stageId, place.laneId);
        return t('dnd.overCell', {
          lane: n.lane,
          stage: n.stage,
          position: place.index + 1,
        });
      },
      onDragEnd: ({ active, over }) => {
        if (!over) return t('dnd.cancelled');
        if (dataOf(active).type === 'stage') {
          const position = stageIds.indexOf(String(over.id)) + 1;
          return t('dnd.droppedStage', {
            stage: names(String(active.id)).stage,
            position,
            total: stageIds.length,
          });
        }
        const place = target(String(active.id), over, false);
        if (!place) return t('dnd.cancelled');
        const n = names(place.stageId, place.laneId);
        return t('dnd.droppedCard', {
          lane: n.lane,
          stage: n.stage,
          position: place.index + 1,
        });
      },
      onDragCancel: () => t('dnd.cancelled'),
    }),
    [t, names, stageIds, target],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    const type = dataOf(active).type === 'stage' ? 'stage' : 'card';
    let text = '';
    if (type === 'card') {
      try {
        text = getCardText(session.doc, String(active.id)).toString();
      } catch {
        text = '';
      }
    } else text = names(String(active.id)).stage;
    setDragging({ id: String(active.id), type, text });
    boardWindow.dragged.set(type === 'card' ? String(active.id) : null);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (dataOf(active).type !== 'card' || !over) return dropTarget.set(null);
    const data = dataOf(over);
    dropTarget.set(data.type === 'cell' ? String(over.id) : data.sortable ? String(data.sortable.containerId) : null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    boardWindow.dragged.set(null);
    dropTarget.set(null);
    if (!over || readOnly) return;
    const activeId = String(active.id);
    session.newUndoStep();
    if (dataOf(active).type === 'stage') {
      const to = stageIds.indexOf(String(over.id));
      if (to !== -1) run(() => moveStage(session.doc, activeId, to, session.origin));
      return;
    }
    const translated = active.rect.current.translated;
    const below = !!translated && translated.top + translated.height / 2 > over.rect.top + over.rect.height / 2;
    const place = target(activeId, over, below);
    if (!place) return;
    session.requestFocus(activeId, 'handle');
    run(() => moveCard(session.doc, activeId, { stageId: place.stageId, laneId: place.laneId }, place.index, session.origin));
  };

  const onAddStage = () => {
    const id = run(() => addStage(session.doc, { name: t('stage.newName', { n: stages.length + 1 }) }, undefined, session.origin));
    if (id) {
      setNewStageId(id);
      announce(t('stage.added'));
      requestAnimationFrame(() =>
        gridRef.current?.parentElement?.scrollBy({
          left: 100000,
          behavior: 'smooth',
        }),
      );
    }
  };

  const onAddLane = (kind: LaneKind) => {
    const id = run(() => addLane(session.doc, { kind, name: DEFAULT_LANE_NAMES[kind][locale] ?? tk(kind) }, undefined, session.origin));
    if (id) announce(t('lane.added', { lane: DEFAULT_LANE_NAMES[kind][locale] ?? tk(kind) }));
  };

  const columns = `var(--lane-w) repeat(${Math.max(stages.length, 0)}, var(--stage-w)) ${readOnly ? '' : 'var(--add-w)'}`;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragOver={onDragOver}
      onDragCancel={() => {
        setDragging(null);
        boardWindow.dragged.set(null);
        dropTarget.set(null);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('dnd.instructions') },
      }}
    >
      <BoardWindowContext.Provider value={boardWindow}>
        <div
          ref={gridRef}
          className={styles.grid}
          style={{ gridTemplateColumns: columns }}
          onPointerMove={(event) => {
            if (event.pointerType === 'touch') return;
            const rect = gridRef.current!.getBoundingClientRect();
            session.setCursor({
              x: event.clientX - rect.left,
              y: event.clientY - rect.top,
            });
          }}
          onPointerLeave={() => session.setCursor(null)}
        >
          <div ref={cornerRef} className={styles.corner} style={{ gridRow: 1, gridColumn: 1 }}>
            <span className={styles.cornerStages}>{t('board.stages')} →</span>
            <span className={styles.cornerLanes}>{t('board.lanes')} ↓</span>
          </div>
          <SortableContext items={stageIds} strategy={horizontalListSortingStrategy}>
            {stages.map((stage, index) => (
              <StageHeader
                key={stage.id}
                stage={stage}
                index={index}
                total={stages.length}
                column={index + 2}
                autoFocusName={stage.id === newStageId}
              />
            ))}
          </SortableContext>
          {readOnly ? null : (
            <div className={styles.addStageCell} style={{ gridRow: 1, gridColumn: stages.length + 2 }}>
              <button type="button" className={styles.addStage} onClick={onAddStage} disabled={stages.length >= MAX_STAGES}>
                <span aria-hidden="true">+</span> {t('stage.add')}
              </button>
            </div>
          )}
          {rows.map(({ lane, row, span }, laneIndex) => (
            <Fragment key={lane.id}>
              <LaneHeader lane={lane} index={laneIndex} total={lanes.length} row={row} rowSpan={span} />
              {lane.kind === 'emotions' ? <EmotionCurve laneId={lane.id} laneName={lane.name} stages={stages} row={row} /> : null}
              {stages.map((stage, stageIndex) => (
                <Cell
                  key={stage.id}
                  stageId={stage.id}
                  stageName={stage.name}
                  laneId={lane.id}
                  laneName={lane.name}
                  laneKind={lane.kind}
                  userId={userId}
                  row={row + span - 1}
                  column={stageIndex + 2}
                />
              ))}
            </Fragment>
          ))}
          {readOnly ? null : (
            <div className={styles.addLaneCell} style={{ gridRow: lastRow, gridColumn: 1 }}>
              <ActionMenu
                label={t('lane.add')}
                align="start"
                buttonClassName={styles.addLane}
                items={LANE_KINDS.map((kind) => ({
                  label: tk(kind),
                  icon: <LaneIcon kind={kind} />,
                  onSelect: () => onAddLane(kind),
                  disabled: lanes.length >= MAX_LANES,
                }))}
              >
                <span aria-hidden="true">+</span> {t('lane.add')}
              </ActionMenu>
            </div>
          )}
          {stages.length === 0 || lanes.length === 0 ? (
            <div className={styles.boardEmpty} style={{ gridRow: lastRow + 1, gridColumn: '1 / -1' }}>
              {readOnly ? t('board.emptyReadOnly') : t('board.empty')}
            </div>
          ) : null}
          <Cursors />
        </div>
      </BoardWindowContext.Provider>
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <div className={dragging.type === 'stage' ? styles.dragPreviewStage : styles.dragPreview}>
            {dragging.text || t('card.emptyText')}
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
});
