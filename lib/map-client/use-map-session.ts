'use client';
// React access to an open map: one hook that owns the session, and small hooks that each subscribe
// to the smallest Y type they show (the stages, the lanes, one cell, one card), so typing in one
// card re-renders that card only.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import {
  cardsMap,
  getLaneRecord,
  getStageRecord,
  isEmotionScore,
  lanesMap,
  metaMap,
  readMeta,
  sortedLanes,
  sortedStages,
  stagesMap,
  type CardFields,
  type EmotionScore,
  type LaneKind,
  type LaneSnapshot,
  type MetaSnapshot,
  type StageSnapshot,
} from '@/lib/map';
import { asRecord, cardCellOf, decodeCardFields, linksOf, orderOf, textOf } from '@/lib/map/doc';
import { MapSession, type MapSessionOptions } from './map-session';
import type { Peer, PeerCursor } from './presence';
import type { SaveStatus } from './save-status';
import type { Store } from './store';

/**
 * Opens the map for the lifetime of the component: Y.Doc, offline copy, connection, undo manager.
 * Returns null until the session exists (first effect). Asks before the tab closes while edits are
 * not yet saved.
 */
export function useMapSession(options: MapSessionOptions): MapSession | null {
  const { mapId, canEdit, serverUrl } = options;
  const { id: userId, name: userName } = options.user;
  const [session, setSession] = useState<MapSession | null>(null);
  useEffect(() => {
    const next = new MapSession({
      mapId,
      user: { id: userId, name: userName },
      canEdit,
      serverUrl,
    });
    setSession(next);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!next.hasUnsavedEdits()) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers need it set to show the prompt
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      next.destroy();
      setSession(null);
    };
  }, [mapId, userId, userName, canEdit, serverUrl]);
  return session;
}

export const MapSessionContext = createContext<MapSession | null>(null);

export function useSession(): MapSession {
  const session = useContext(MapSessionContext);
  if (!session) throw new Error('useSession() outside <MapSessionContext.Provider>');
  return session;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/**
 * Part of a store's value: re-renders only when `select` returns something else (Object.is), so
 * `select` must return a primitive or a reference that stays the same while the part does.
 */
export function useStoreSelect<T, V>(store: Store<T>, select: (value: T) => V): V {
  const get = () => select(store.get());
  return useSyncExternalStore(store.subscribe, get, get);
}

/**
 * A value derived from the document, recomputed only when `listen` reports a relevant change and
 * kept by identity while it stays equal (so React skips the re-render).
 */
function useDerived<T>(
  listen: (onChange: () => void) => () => void,
  compute: () => T,
  equals: (a: T, b: T) => boolean,
  deps: readonly unknown[],
): T {
  const source = useMemo(() => {
    let value = compute();
    const refresh = () => {
      const next = compute();
      if (equals(value, next)) return false;
      value = next;
      return true;
    };
    return {
      get: () => value,
      subscribe: (notify: () => void) => {
        const stop = listen(() => {
          if (refresh()) notify();
        });
        // Something may have changed between render and subscription.
        if (refresh()) notify();
        return stop;
      },
    };
    // The deps say when `listen` and `compute` mean something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return useSyncExternalStore(source.subscribe, source.get, source.get);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function observeDeep(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y.Map<unknown> is not an AbstractType<unknown>
  type: Y.AbstractType<any>,
  onChange: () => void,
): () => void {
  const handler = () => onChange();
  type.observeDeep(handler);
  return () => type.unobserveDeep(handler);
}

/** The stages in display order (re-renders on any stage change: name, colour, order, add, delete). */
export function useStages(): StageSnapshot[] {
  const session = useSession();
  const { doc } = session;
  return useDerived(
    (onChange) => observeDeep(stagesMap(doc), onChange),
    () => sortedStages(doc),
    sameJson,
    [doc],
  );
}

export function useLanes(): LaneSnapshot[] {
  const session = useSession();
  const { doc } = session;
  return useDerived(
    (onChange) => observeDeep(lanesMap(doc), onChange),
    () => sortedLanes(doc),
    sameJson,
    [doc],
  );
}

export function useMeta(): MetaSnapshot {
  const { doc } = useSession();
  return useDerived(
    (onChange) => observeDeep(metaMap(doc), onChange),
    () => readMeta(doc),
    sameJson,
    [doc],
  );
}

/** The card ids of one cell, in order. */
export function useCellCards(stageId: string, laneId: string): readonly string[] {
  const { cells } = useSession();
  const subscribe = useCallback((notify: () => void) => cells.subscribe(stageId, laneId, notify), [cells, stageId, laneId]);
  const get = useCallback(() => cells.get(stageId, laneId), [cells, stageId, laneId]);
  return useSyncExternalStore(subscribe, get, get);
}

export interface CardView {
  id: string;
  stageId: string;
  laneId: string;
  kind: LaneKind | null;
  fields: CardFields;
  links: string[];
  /** The shared text the card's textarea is bound to. */
  text: Y.Text | null;
}

function readCardView(doc: Y.Doc, id: string): CardView | null {
  const record = asRecord(cardsMap(doc).get(id));
  const cell = record && cardCellOf(record);
  if (!cell) return null;
  const { stageId, laneId } = cell;
  const kind = (getLaneRecord(doc, laneId)?.get('kind') as LaneKind | undefined) ?? null;
  return {
    id,
    stageId,
    laneId,
    kind,
    fields: decodeCardFields(record, kind ?? 'text'),
    links: kind === 'painpoints' ? linksOf(record) : [],
    text: textOf(record),
  };
}

const sameCard = (a: CardView | null, b: CardView | null) =>
  a === b ||
  (!!a &&
    !!b &&
    a.id === b.id &&
    a.stageId === b.stageId &&
    a.laneId === b.laneId &&
    a.kind === b.kind &&
    a.text === b.text &&
    sameJson(a.fields, b.fields) &&
    sameJson(a.links, b.links));

/**
 * One card's placement and fields. Observes that card's Y.Map only, and ignores changes inside its
 * text (the text binding follows those itself), so typing does not re-render the card.
 */
export function useCard(cardId: string): CardView | null {
  const { doc } = useSession();
  return useDerived(
    (onChange) => {
      const cards = cardsMap(doc);
      let record: Y.Map<unknown> | null = null;
      const onRecord = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        if (events.some((event) => !(event.target instanceof Y.Text))) onChange();
      };
      const attach = () => {
        record?.unobserveDeep(onRecord);
        record = asRecord(cards.get(cardId));
        record?.observeDeep(onRecord);
      };
      // The card's record itself can be replaced (undoing its deletion brings back a new Y.Map).
      const onCards = (event: Y.YMapEvent<unknown>) => {
        if (!event.keysChanged.has(cardId)) return;
        attach();
        onChange();
      };
      attach();
      cards.observe(onCards);
      return () => {
        cards.unobserve(onCards);
        record?.unobserveDeep(onRecord);
      };
    },
    () => readCardView(doc, cardId),
    sameCard,
    [doc, cardId],
  );
}

export interface EmotionPointView {
  stageId: string;
  cardId: string;
  score: EmotionScore;
}

/** Scored cards of one emotions lane, by stage order then card order. */
export function useEmotionPoints(laneId: string): EmotionPointView[] {
  const { doc } = useSession();
  return useDerived(
    (onChange) => {
      const cards = cardsMap(doc);
      const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        if (events.some((event) => !(event.target instanceof Y.Text))) onChange();
      };
      cards.observeDeep(onCards);
      const stopStages = observeDeep(stagesMap(doc), onChange);
      return () => {
        cards.unobserveDeep(onCards);
        stopStages();
      };
    },
    () => {
      const stageOrder = new Map(sortedStages(doc).map((stage, index) => [stage.id, index]));
      const points: (EmotionPointView & {
        stageIndex: number;
        order: number;
      })[] = [];
      cardsMap(doc).forEach((value, id) => {
        const record = asRecord(value);
        const cell = record && cardCellOf(record);
        if (!cell || cell.laneId !== laneId) return;
        const { stageId } = cell;
        const stageIndex = stageOrder.get(stageId);
        const score = record.get('emotion');
        if (stageIndex === undefined || !isEmotionScore(score) || !getStageRecord(doc, stageId)) return;
        points.push({
          stageId,
          cardId: id,
          score,
          stageIndex,
          order: orderOf(record),
        });
      });
      points.sort((a, b) => a.stageIndex - b.stageIndex || a.order - b.order || (a.cardId < b.cardId ? -1 : 1));
      return points.map(({ stageId, cardId, score }) => ({
        stageId,
        cardId,
        score,
      }));
    },
    sameJson,
    [doc, laneId],
  );
}

/** Every awareness state on the map, read defensively (re-renders on each presence change). */
export function useAwarenessStates() {
  const { presence } = useSession();
  return useSyncExternalStore(presence.subscribeStates, presence.getStates, presence.getStates);
}

/** One entry per person on the map, the local user first (re-renders only when people come and go). */
export function usePeople(): readonly Peer[] {
  const { presence } = useSession();
  return useSyncExternalStore(presence.subscribePeople, presence.getPeople, presence.getPeople);
}

export function useCursors(): readonly PeerCursor[] {
  const { presence } = useSession();
  return useSyncExternalStore(presence.subscribeCursors, presence.getCursors, presence.getCursors);
}

/** The other people editing one card. */
export function useCardEditors(cardId: string): readonly Peer[] {
  const { presence } = useSession();
  const subscribe = useCallback((notify: () => void) => presence.subscribeEditing(cardId, notify), [presence, cardId]);
  const get = useCallback(() => presence.editorsOf(cardId), [presence, cardId]);
  return useSyncExternalStore(subscribe, get, get);
}

/** The header's status: re-renders when it changes, not at every frame sent or acknowledged. */
export function useSaveStatus(): SaveStatus {
  const { shownSaveStatus } = useSession();
  return useSyncExternalStore(shownSaveStatus.status.subscribe, shownSaveStatus.status.get, shownSaveStatus.status.get);
}
