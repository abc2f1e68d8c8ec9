// Every edit of a map document. Each function validates its input first (throwing a
// MapOperationError before anything is written), then makes its change in ONE transaction whose
// origin is the optional last argument, so a Y.UndoManager tracking that origin undoes it whole.

import * as Y from 'yjs';
import {
  asRecord,
  cardCellOf,
  cardsMap,
  getCardRecord,
  getLaneRecord,
  getStageRecord,
  isInCell,
  lanesMap,
  LEGACY_CELL_KEYS,
  linksOf,
  metaMap,
  orderedRecords,
  stagesMap,
  textOf,
  type Ordered,
  type YRecord,
} from './doc';
import { MapOperationError } from './errors';
import { newId } from './ids';
import { orderForIndex, spacedOrders } from './order';
import {
  CARD_FIELD_NAMES,
  DEFAULT_STAGE_COLOR,
  MAX_CARDS,
  MAX_LANES,
  MAX_LINKS,
  MAX_PERSONAS,
  MAX_STAGES,
  MAX_TITLE,
  type CardFields,
  type CardId,
  type CellRef,
  type LaneId,
  type LaneKind,
  type StageId,
} from './types';
import {
  checkCardFields,
  checkCardText,
  checkColor,
  checkDescription,
  checkIndex,
  checkName,
  fieldAllowedIn,
  isId,
  isLaneKind,
} from './validate';

// ---------------------------------------------------------------------------------------------
// Inputs

export interface StageInit {
  name: string;
  description?: string;
  color?: string;
}
export type StagePatch = Partial<StageInit>;

export interface LaneInit {
  kind: LaneKind;
  name: string;
}
export interface LanePatch {
  name?: string;
}

export interface CardInit extends CellRef, Partial<CardFields> {
  text?: string;
  createdBy: string;
}
export type CardPatch = Partial<CardFields>;

export interface MetaPatch {
  title?: string;
  personaIds?: string[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

function requireStage(doc: Y.Doc, id: StageId): YRecord {
  const record = getStageRecord(doc, id);
  if (!record) throw new MapOperationError('map.stage.notFound', 'stageId', id);
  return record;
}

function requireLane(doc: Y.Doc, id: LaneId): YRecord {
  const record = getLaneRecord(doc, id);
  if (!record) throw new MapOperationError('map.lane.notFound', 'laneId', id);
  return record;
}

function requireCard(doc: Y.Doc, id: CardId): YRecord {
  const record = getCardRecord(doc, id);
  if (!record) throw new MapOperationError('map.card.notFound', 'cardId', id);
  return record;
}

const laneKindOf = (lane: YRecord): LaneKind => lane.get('kind') as LaneKind;

/** The kind of the card's lane, or null when the lane is gone (orphaned by a concurrent delete). */
function cardLaneKind(doc: Y.Doc, card: YRecord): LaneKind | null {
  const cell = cardCellOf(card);
  const lane = cell && getLaneRecord(doc, cell.laneId);
  return lane ? laneKindOf(lane) : null;
}

function cellRecords(doc: Y.Doc, cell: CellRef): Ordered[] {
  return orderedRecords(cardsMap(doc), (card) => isInCell(card, cell.stageId, cell.laneId));
}

/** A required card's cell (requireCard admits only cards with one). */
const cellOfCard = (card: YRecord): CellRef => cardCellOf(card) as CellRef;

/** Sets `key` only when the value changes, so no-op edits produce no update and no undo step. */
function setIfChanged(record: YRecord, key: string, value: unknown): void {
  if (record.get(key) !== value) record.set(key, value);
}

/**
 * The order for placing an item at `index` of `list` (sorted, possibly containing the item
 * itself as `selfId`). When the neighbours leave no room — concurrent inserts at one spot tie,
 * or dozens of inserts at one spot exhaust a double's precision — the other items are renumbered
 * in the same transaction. Must run inside a transaction.
 */
function placeAt(list: Ordered[], index: number, selfId?: string): number {
  const selfPosition = selfId === undefined ? -1 : list.findIndex((item) => item.id === selfId);
  const order = orderForIndex(
    list.map((item) => item.order),
    index,
    selfPosition === -1 ? undefined : selfPosition,
  );
  if (order !== null) return order;
  const others = list.filter((item) => item.id !== selfId);
  const spaced = spacedOrders(others.length);
  others.forEach((item, position) => setIfChanged(item.record, 'order', spaced[position]));
  return orderForIndex(spaced, index) as number;
}

/** Whether moving `selfId` to `index` of `list` would leave it where it is. */
function staysInPlace(list: Ordered[], index: number, selfId: string): boolean {
  const current = list.findIndex((item) => item.id === selfId);
  return current !== -1 && Math.min(index, list.length - 1) === current;
}

/**
 * Deletes the given cards and removes them from every remaining card's links, in the caller's
 * transaction, so one undo brings back cards and links together.
 */
function deleteCards(doc: Y.Doc, ids: ReadonlySet<CardId>): void {
  if (ids.size === 0) return;
  const cards = cardsMap(doc);
  for (const id of ids) cards.delete(id);
  stripLinksTo(doc, ids);
}

function stripLinksTo(doc: Y.Doc, ids: ReadonlySet<CardId>): void {
  cardsMap(doc).forEach((value) => {
    const card = asRecord(value);
    if (!card || !Array.isArray(card.get('links'))) return;
    const links = linksOf(card);
    const kept = links.filter((link) => !ids.has(link));
    if (kept.length !== links.length) card.set('links', kept);
  });
}

function cardIdsWhere(doc: Y.Doc, keep: (card: YRecord) => boolean): Set<CardId> {
  const ids = new Set<CardId>();
  cardsMap(doc).forEach((value, id) => {
    const card = asRecord(value);
    if (card && keep(card)) ids.add(id);
  });
  return ids;
}

function createRecord(map: Y.Map<unknown>, id: string, fields: Record<string, unknown>): YRecord {
  const record: YRecord = new Y.Map();
  map.set(id, record);
  for (const [key, value] of Object.entries(fields)) record.set(key, value);
  return record;
}

// ---------------------------------------------------------------------------------------------
// Stages

/** Adds a stage at `index` of the sorted stages (default: last) and returns its id. */
export function addStage(doc: Y.Doc, init: StageInit, index?: number, origin?: unknown): StageId {
  const name = checkName(init.name, 'map.stage.invalidName');
  const description = init.description === undefined ? '' : checkDescription(init.description, 'map.stage.invalidDescription');
  const color = init.color === undefined ? DEFAULT_STAGE_COLOR : checkColor(init.color, 'map.stage.invalidColor');
  checkIndex(index);
  const stages = orderedRecords(stagesMap(doc));
  if (stages.length >= MAX_STAGES) throw new MapOperationError('map.stage.tooMany');
  const id = newId();
  doc.transact(() => {
    const order = placeAt(stages, index ?? stages.length);
    createRecord(stagesMap(doc), id, { id, name, description, color, order });
  }, origin);
  return id;
}

export function updateStage(doc: Y.Doc, id: StageId, patch: StagePatch, origin?: unknown): void {
  const stage = requireStage(doc, id);
  const changes: Record<string, string> = {};
  if (patch.name !== undefined) changes.name = checkName(patch.name, 'map.stage.invalidName');
  if (patch.description !== undefined) changes.description = checkDescription(patch.description, 'map.stage.invalidDescription');
  if (patch.color !== undefined) changes.color = checkColor(patch.color, 'map.stage.invalidColor');
  doc.transact(() => {
    for (const [key, value] of Object.entries(changes)) setIfChanged(stage, key, value);
  }, origin);
}

/** Moves a stage so that it ends up at `toIndex` of the sorted stages. */
export function moveStage(doc: Y.Doc, id: StageId, toIndex: number, origin?: unknown): void {
  const stage = requireStage(doc, id);
  checkIndex(toIndex);
  const stages = orderedRecords(stagesMap(doc));
  if (staysInPlace(stages, toIndex, id)) return;
  doc.transact(() => stage.set('order', placeAt(stages, toIndex, id)), origin);
}

/** Deletes a stage and every card in it. */
export function deleteStage(doc: Y.Doc, id: StageId, origin?: unknown): void {
  requireStage(doc, id);
  doc.transact(() => {
    deleteCards(doc, cardIdsWhere(doc, (card) => cardCellOf(card)?.stageId === id));
    stagesMap(doc).delete(id);
  }, origin);
}

// ---------------------------------------------------------------------------------------------
// Lanes

/** Adds a lane at `index` of the sorted lanes (default: last) and returns its id. */
export function addLane(doc: Y.Doc, init: LaneInit, index?: number, origin?: unknown): LaneId {
  if (!isLaneKind(init.kind)) throw new MapOperationError('map.lane.invalidKind', 'kind');
  const name = checkName(init.name, 'map.lane.invalidName');
  checkIndex(index);
  const lanes = orderedRecords(lanesMap(doc));
  if (lanes.length >= MAX_LANES) throw new MapOperationError('map.lane.tooMany');
  const id = newId();
  doc.transact(() => {
    const order = placeAt(lanes, index ?? lanes.length);
    createRecord(lanesMap(doc), id, { id, kind: init.kind, name, order });
  }, origin);
  return id;
}

/** Renames a lane. Its kind never changes: card fields depend on it. */
export function updateLane(doc: Y.Doc, id: LaneId, patch: LanePatch, origin?: unknown): void {
  const lane = requireLane(doc, id);
  if (patch.name === undefined) return;
  const name = checkName(patch.name, 'map.lane.invalidName');
  doc.transact(() => setIfChanged(lane, 'name', name), origin);
}

export function moveLane(doc: Y.Doc, id: LaneId, toIndex: number, origin?: unknown): void {
  const lane = requireLane(doc, id);
  checkIndex(toIndex);
  const lanes = orderedRecords(lanesMap(doc));
  if (staysInPlace(lanes, toIndex, id)) return;
  doc.transact(() => lane.set('order', placeAt(lanes, toIndex, id)), origin);
}

/** Deletes a lane and every card in it. */
export function deleteLane(doc: Y.Doc, id: LaneId, origin?: unknown): void {
  requireLane(doc, id);
  doc.transact(() => {
    deleteCards(doc, cardIdsWhere(doc, (card) => cardCellOf(card)?.laneId === id));
    lanesMap(doc).delete(id);
  }, origin);
}

// ---------------------------------------------------------------------------------------------
// Cards

/** Adds a card at `index` of its cell (default: last) and returns its id. */
export function addCard(doc: Y.Doc, init: CardInit, index?: number, origin?: unknown): CardId {
  const lane = requireLane(doc, init.laneId);
  requireStage(doc, init.stageId);
  const text = init.text === undefined ? '' : checkCardText(init.text);
  if (!isId(init.createdBy)) throw new MapOperationError('map.card.invalidCreatedBy', 'createdBy');
  const fields = checkCardFields(init as unknown as Record<string, unknown>, laneKindOf(lane), [
    'laneId',
    'stageId',
    'text',
    'createdBy',
  ]);
  checkIndex(index);
  if (cardsMap(doc).size >= MAX_CARDS) throw new MapOperationError('map.card.tooMany');
  const id = newId();
  const cell = { laneId: init.laneId, stageId: init.stageId };
  doc.transact(() => {
    const siblings = cellRecords(doc, cell);
    // The layout keeps per-card Yjs items few: every key is an item each client decodes on
    // joining (lib/map/README.md, "Card layout").
    const card = createRecord(cardsMap(doc), id, {
      cell,
      order: placeAt(siblings, index ?? siblings.length),
      created: { by: init.createdBy, at: Date.now() },
    });
    for (const [field, value] of Object.entries(fields)) if (value !== null) card.set(field, value);
    const yText = new Y.Text();
    card.set('text', yText);
    if (text) yText.insert(0, text);
  }, origin);
  return id;
}

/**
 * The card's shared text, for inline editing bound straight to the Y.Text (an editor binding
 * must then enforce MAX_CARD_TEXT itself).
 */
export function getCardText(doc: Y.Doc, id: CardId): Y.Text {
  const text = textOf(requireCard(doc, id));
  if (!text) throw new MapOperationError('map.card.notFound', 'text', id);
  return text;
}

/**
 * Replaces a card's text. Only the changed middle is deleted and inserted, so a concurrent edit
 * elsewhere in the same text survives.
 */
export function setCardText(doc: Y.Doc, id: CardId, text: string, origin?: unknown): void {
  const card = requireCard(doc, id);
  const next = checkCardText(text);
  doc.transact(() => {
    let yText = textOf(card);
    if (!yText) {
      yText = new Y.Text();
      card.set('text', yText);
    }
    const current = yText.toString();
    if (current === next) return;
    const { start, deleteCount, insert } = textDiff(current, next);
    if (deleteCount > 0) yText.delete(start, deleteCount);
    if (insert) yText.insert(start, insert);
  }, origin);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Common prefix/suffix diff in UTF-16 units, never splitting a surrogate pair (Yjs would mangle it). */
export function textDiff(from: string, to: string): { start: number; deleteCount: number; insert: string } {
  let start = 0;
  const maxStart = Math.min(from.length, to.length);
  while (start < maxStart && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--;
  let end = 0;
  const maxEnd = Math.min(from.length, to.length) - start;
  while (end < maxEnd && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(from.charCodeAt(from.length - end))) end--;
  return { start, deleteCount: from.length - start - end, insert: to.slice(start, to.length - end) };
}

/** Sets or clears (null) card fields; each must be allowed by the card's lane kind. */
export function updateCard(doc: Y.Doc, id: CardId, patch: CardPatch, origin?: unknown): void {
  const card = requireCard(doc, id);
  const lane = requireLane(doc, cellOfCard(card).laneId);
  const fields = checkCardFields(patch as Record<string, unknown>, laneKindOf(lane));
  doc.transact(() => {
    for (const [field, value] of Object.entries(fields)) {
      if (value === null) {
        if (card.has(field)) card.delete(field);
      } else setIfChanged(card, field, value);
    }
  }, origin);
}

/**
 * Moves a card to `index` among the target cell's cards (not counting itself). Fields the new
 * lane does not allow are cleared, and links that no longer join a pain point to an opportunity
 * are removed, all in the same transaction so undo restores them.
 */
export function moveCard(doc: Y.Doc, id: CardId, to: CellRef, index: number, origin?: unknown): void {
  const card = requireCard(doc, id);
  const toLane = requireLane(doc, to.laneId);
  requireStage(doc, to.stageId);
  checkIndex(index);
  const fromKind = cardLaneKind(doc, card);
  const toKind = laneKindOf(toLane);
  const sameCell = isInCell(card, to.stageId, to.laneId);
  const siblings = cellRecords(doc, to);
  if (sameCell && staysInPlace(siblings, index, id)) return;
  doc.transact(() => {
    card.set('order', placeAt(siblings, index, id));
    if (sameCell) return;
    card.set('cell', { stageId: to.stageId, laneId: to.laneId });
    for (const key of LEGACY_CELL_KEYS) if (card.has(key)) card.delete(key);
    for (const field of CARD_FIELD_NAMES) {
      if (card.has(field) && !fieldAllowedIn(field, toKind)) card.delete(field);
    }
    if (toKind !== 'painpoints' && card.has('links')) card.delete('links');
    if (fromKind === 'opportunities' && toKind !== 'opportunities') stripLinksTo(doc, new Set([id]));
  }, origin);
}

/** Deletes a card and removes it from other cards' links. */
export function deleteCard(doc: Y.Doc, id: CardId, origin?: unknown): void {
  requireCard(doc, id);
  doc.transact(() => deleteCards(doc, new Set([id])), origin);
}

function requireLinkPair(doc: Y.Doc, painPointId: CardId, opportunityId: CardId): YRecord {
  const painPoint = requireCard(doc, painPointId);
  const opportunity = requireCard(doc, opportunityId);
  if (cardLaneKind(doc, painPoint) !== 'painpoints' || cardLaneKind(doc, opportunity) !== 'opportunities') {
    throw new MapOperationError('map.link.invalid', undefined, 'links go from a pain point to an opportunity');
  }
  return painPoint;
}

/**
 * Links a pain point to an opportunity that addresses it. Links are a plain array replaced whole:
 * two people linking the same pain point at the same moment keep only one of the two links.
 */
export function linkCards(doc: Y.Doc, painPointId: CardId, opportunityId: CardId, origin?: unknown): void {
  const painPoint = requireLinkPair(doc, painPointId, opportunityId);
  const links = linksOf(painPoint);
  if (links.includes(opportunityId)) return;
  if (links.length >= MAX_LINKS) throw new MapOperationError('map.link.tooMany');
  doc.transact(() => painPoint.set('links', [...links, opportunityId]), origin);
}

export function unlinkCards(doc: Y.Doc, painPointId: CardId, opportunityId: CardId, origin?: unknown): void {
  const painPoint = requireCard(doc, painPointId);
  const links = linksOf(painPoint);
  if (!links.includes(opportunityId)) return;
  doc.transact(() => painPoint.set('links', links.filter((link) => link !== opportunityId)), origin);
}

// ---------------------------------------------------------------------------------------------
// Meta

/** Sets the title and/or the (at most two) personas the map is made for. */
export function setMeta(doc: Y.Doc, patch: MetaPatch, origin?: unknown): void {
  const changes: { title?: string; personaIds?: string[] } = {};
  if (patch.title !== undefined) changes.title = checkName(patch.title, 'map.meta.invalidTitle', MAX_TITLE);
  if (patch.personaIds !== undefined) {
    const ids = patch.personaIds;
    if (!Array.isArray(ids) || !ids.every(isId) || new Set(ids).size !== ids.length) {
      throw new MapOperationError('map.meta.invalidPersonaIds', 'personaIds');
    }
    if (ids.length > MAX_PERSONAS) throw new MapOperationError('map.meta.tooManyPersonas', 'personaIds');
    changes.personaIds = [...ids];
  }
  const meta = metaMap(doc);
  doc.transact(() => {
    if (changes.title !== undefined) setIfChanged(meta, 'title', changes.title);
    if (changes.personaIds !== undefined) {
      const current = meta.get('personaIds');
      const same =
        Array.isArray(current) &&
        current.length === changes.personaIds.length &&
        current.every((personaId, position) => personaId === changes.personaIds![position]);
      if (!same) meta.set('personaIds', changes.personaIds);
    }
  }, origin);
}
