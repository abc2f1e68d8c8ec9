// Access to the shared types of a map's Y.Doc, and defensive decoding of their entries.
//
// Any peer with edit rights can write anything into the document, so reads never trust a value's
// shape: a malformed stage, lane or card is skipped or read with defaults instead of throwing.

import * as Y from 'yjs';
import { fieldAllowedIn, isChannel, isEmotionScore, isHexColor, isId, isLaneKind, isRating, isSeverity } from './validate';
import {
  DEFAULT_STAGE_COLOR,
  type CardFields,
  type CellRef,
  type LaneKind,
  type LaneSnapshot,
  type StageSnapshot,
} from './types';

/** A stage, lane or card: a Y.Map of its fields. */
export type YRecord = Y.Map<unknown>;

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');
export const stagesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('stages');
export const lanesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('lanes');
export const cardsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('cards');

export const asRecord = (value: unknown): YRecord | null => (value instanceof Y.Map ? (value as YRecord) : null);

export function getStageRecord(doc: Y.Doc, id: string): YRecord | null {
  return asRecord(stagesMap(doc).get(id));
}
export function getLaneRecord(doc: Y.Doc, id: string): YRecord | null {
  const record = asRecord(lanesMap(doc).get(id));
  return record && isLaneKind(record.get('kind')) ? record : null;
}
export function getCardRecord(doc: Y.Doc, id: string): YRecord | null {
  const record = asRecord(cardsMap(doc).get(id));
  return record && cardCellOf(record) ? record : null;
}

// Where a card sits. `cell` ({ stageId, laneId }) is one value, written whole, so two people
// moving a card at once leave it in a cell one of them chose, never in a mix of the two. Cards
// written before this layout carry separate `stageId` and `laneId` keys instead: they are read as
// a fallback while the card has no `cell`, and deleted when it next moves (see moveCard).

/** The keys a card's placement is read from (observers re-sort cells when one changes). */
export const CARD_PLACEMENT_KEYS: readonly string[] = ['cell', 'order', 'stageId', 'laneId'];
/** Keys of the layout before `cell`, removed by the next move. */
export const LEGACY_CELL_KEYS = ['stageId', 'laneId'] as const;

function cellField(record: YRecord, key: keyof CellRef): unknown {
  if (!record.has('cell')) return record.get(key);
  const cell = record.get('cell');
  return cell !== null && typeof cell === 'object' ? (cell as Record<string, unknown>)[key] : undefined;
}

/** The card's cell, or null when it has no well-formed one. */
export function cardCellOf(record: YRecord): CellRef | null {
  const stageId = cellField(record, 'stageId');
  const laneId = cellField(record, 'laneId');
  return isId(stageId) && isId(laneId) ? { stageId, laneId } : null;
}

/** Whether the card sits in the cell of the given (valid) ids; allocates nothing, for scans. */
export function isInCell(record: YRecord, stageId: string, laneId: string): boolean {
  return cellField(record, 'stageId') === stageId && cellField(record, 'laneId') === laneId;
}

/**
 * Who made the card and when (ms since the epoch): `created: { by, at }`, written once. Cards of
 * the earlier layout carry `createdBy` and `createdAt` keys instead.
 */
export function cardCreatedOf(record: YRecord): { by: string; at: number } {
  const created = record.get('created');
  const { by, at } =
    created !== null && typeof created === 'object'
      ? (created as { by?: unknown; at?: unknown })
      : { by: record.get('createdBy'), at: record.get('createdAt') };
  return { by: typeof by === 'string' ? by : '', at: typeof at === 'number' && Number.isFinite(at) ? at : 0 };
}

export function orderOf(record: YRecord): number {
  const order = record.get('order');
  return typeof order === 'number' && Number.isFinite(order) ? order : 0;
}

export function stringOf(record: YRecord, key: string, fallback = ''): string {
  const value = record.get(key);
  return typeof value === 'string' ? value : fallback;
}

export interface Ordered {
  id: string;
  order: number;
  record: YRecord;
}

/** Total order: by `order`, ties (concurrent inserts at the same spot) broken by id. */
export function compareOrdered(a: { id: string; order: number }, b: { id: string; order: number }): number {
  if (a.order !== b.order) return a.order - b.order;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The Y.Map records of `map` that pass `keep`, sorted. */
export function orderedRecords(map: Y.Map<unknown>, keep: (record: YRecord) => boolean = () => true): Ordered[] {
  const list: Ordered[] = [];
  map.forEach((value, id) => {
    const record = asRecord(value);
    if (record && keep(record)) list.push({ id, order: orderOf(record), record });
  });
  return list.sort(compareOrdered);
}

// The map key is the id. Stage and lane records carry an `id` field too, a convenience copy for
// consumers of the raw Y.Map that is not trusted; cards do not (see lib/map/README.md).

export function decodeStage(id: string, record: YRecord): StageSnapshot {
  const color = record.get('color');
  return {
    id,
    name: stringOf(record, 'name'),
    description: stringOf(record, 'description'),
    color: isHexColor(color) ? color : DEFAULT_STAGE_COLOR,
    order: orderOf(record),
  };
}

export function decodeLane(id: string, record: YRecord): LaneSnapshot | null {
  const kind = record.get('kind');
  if (!isLaneKind(kind)) return null;
  return { id, kind, name: stringOf(record, 'name'), order: orderOf(record) };
}

/** Card fields, keeping only well-formed values that the lane kind allows. */
export function decodeCardFields(record: YRecord, kind: LaneKind): CardFields {
  const pick = <T>(field: keyof CardFields, guard: (value: unknown) => value is T): T | null => {
    const value = record.get(field);
    return guard(value) && fieldAllowedIn(field, kind) ? value : null;
  };
  return {
    department: pick('department', isId),
    channel: pick('channel', isChannel),
    severity: pick('severity', isSeverity),
    impact: pick('impact', isRating),
    feasibility: pick('feasibility', isRating),
    emotion: pick('emotion', isEmotionScore),
  };
}

export function linksOf(record: YRecord): string[] {
  const links = record.get('links');
  return Array.isArray(links) ? links.filter(isId) : [];
}

export function textOf(record: YRecord): Y.Text | null {
  const text = record.get('text');
  return text instanceof Y.Text ? text : null;
}
