// Plain reads of a map document: sorted stages and lanes, cell contents, the full snapshot.

import type * as Y from 'yjs';
import {
  asRecord,
  cardCellOf,
  cardCreatedOf,
  cardsMap,
  compareOrdered,
  decodeCardFields,
  decodeLane,
  decodeStage,
  getLaneRecord,
  getStageRecord,
  isInCell,
  lanesMap,
  linksOf,
  metaMap,
  orderOf,
  orderedRecords,
  stagesMap,
  stringOf,
  textOf,
  type YRecord,
} from './doc';
import type {
  CardId,
  CardSnapshot,
  EmotionScore,
  LaneId,
  LaneKind,
  LaneSnapshot,
  MapSnapshot,
  MetaSnapshot,
  StageId,
  StageSnapshot,
} from './types';
import { MAX_PERSONAS } from './types';
import { isId, isMapLocale, isTemplateId } from './validate';

export function readMeta(doc: Y.Doc): MetaSnapshot {
  const meta = metaMap(doc);
  const template = meta.get('template');
  const locale = meta.get('locale');
  const personaIds = meta.get('personaIds');
  return {
    title: stringOf(meta, 'title'),
    template: isTemplateId(template) ? template : null,
    locale: isMapLocale(locale) ? locale : null,
    personaIds: Array.isArray(personaIds) ? personaIds.filter(isId).slice(0, MAX_PERSONAS) : [],
    seeded: meta.get('seeded') === true,
  };
}

export function sortedStages(doc: Y.Doc): StageSnapshot[] {
  return orderedRecords(stagesMap(doc)).map(({ id, record }) => decodeStage(id, record));
}

export function sortedLanes(doc: Y.Doc): LaneSnapshot[] {
  return orderedRecords(lanesMap(doc))
    .map(({ id, record }) => decodeLane(id, record))
    .filter((lane): lane is LaneSnapshot => lane !== null);
}

/** Ids of the cards in one cell, in display order (empty when the stage or lane does not exist). */
export function cellCards(doc: Y.Doc, stageId: StageId, laneId: LaneId): CardId[] {
  if (!getStageRecord(doc, stageId) || !getLaneRecord(doc, laneId)) return [];
  return orderedRecords(cardsMap(doc), (card) => isInCell(card, stageId, laneId)).map(
    ({ id }) => id,
  );
}

/** A card whose stage and lane both exist, with its position on the grid. */
export interface PlacedCard {
  id: CardId;
  record: YRecord;
  stageId: StageId;
  laneId: LaneId;
  kind: LaneKind;
  order: number;
  stageIndex: number;
  laneIndex: number;
}

/**
 * Every visible card sorted by (stage order, lane order, card order). Cards left in a stage or
 * lane deleted concurrently are not visible; reads ignore them rather than guess a new home.
 */
export function placedCards(doc: Y.Doc, stages = sortedStages(doc), lanes = sortedLanes(doc)): PlacedCard[] {
  const stageIndex = new Map(stages.map((stage, index) => [stage.id, index]));
  const laneIndex = new Map(lanes.map((lane, index) => [lane.id, index]));
  const placed: PlacedCard[] = [];
  cardsMap(doc).forEach((value, id) => {
    const record = asRecord(value);
    if (!record) return;
    const cell = cardCellOf(record);
    if (!cell) return;
    const { stageId, laneId } = cell;
    const s = stageIndex.get(stageId);
    const l = laneIndex.get(laneId);
    if (s === undefined || l === undefined) return;
    placed.push({ id, record, stageId, laneId, kind: lanes[l].kind, order: orderOf(record), stageIndex: s, laneIndex: l });
  });
  return placed.sort((a, b) => a.stageIndex - b.stageIndex || a.laneIndex - b.laneIndex || compareOrdered(a, b));
}

function snapshotCard(card: PlacedCard, opportunityIds: ReadonlySet<CardId>): CardSnapshot {
  const { record } = card;
  const created = cardCreatedOf(record);
  return {
    id: card.id,
    laneId: card.laneId,
    stageId: card.stageId,
    order: card.order,
    text: textOf(record)?.toString() ?? '',
    ...decodeCardFields(record, card.kind),
    // A link can outlive its target when a delete and a link happen concurrently; show live ones.
    links: card.kind === 'painpoints' ? [...new Set(linksOf(record))].filter((link) => opportunityIds.has(link)) : [],
    createdBy: created.by,
    createdAt: created.at,
  };
}

export function readCard(doc: Y.Doc, id: CardId): CardSnapshot | null {
  const card = placedCards(doc).find((candidate) => candidate.id === id);
  if (!card) return null;
  const opportunityIds = new Set(linksOf(card.record).filter((link) => isOpportunity(doc, link)));
  return snapshotCard(card, opportunityIds);
}

function isOpportunity(doc: Y.Doc, id: CardId): boolean {
  const record = asRecord(cardsMap(doc).get(id));
  const cell = record && cardCellOf(record);
  if (!cell || !getStageRecord(doc, cell.stageId)) return false;
  return getLaneRecord(doc, cell.laneId)?.get('kind') === 'opportunities';
}

/** The whole map as plain JSON (export, gap analysis, dashboard, tests). */
export function readMap(doc: Y.Doc): MapSnapshot {
  const stages = sortedStages(doc);
  const lanes = sortedLanes(doc);
  const placed = placedCards(doc, stages, lanes);
  const opportunityIds = new Set(placed.filter((card) => card.kind === 'opportunities').map((card) => card.id));
  return {
    meta: readMeta(doc),
    stages,
    lanes,
    cards: placed.map((card) => snapshotCard(card, opportunityIds)),
  };
}

export interface EmotionPoint {
  stageId: StageId;
  laneId: LaneId;
  cardId: CardId;
  score: EmotionScore;
}

/** The emotion curve: scored cards of the emotions lane(s), by stage, then lane, then card order. */
export function emotionCurve(doc: Y.Doc): EmotionPoint[] {
  const points: EmotionPoint[] = [];
  for (const card of placedCards(doc)) {
    if (card.kind !== 'emotions') continue;
    const score = decodeCardFields(card.record, card.kind).emotion;
    if (score !== null) points.push({ stageId: card.stageId, laneId: card.laneId, cardId: card.id, score });
  }
  return points;
}
