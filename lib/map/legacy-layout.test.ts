// Cards stored before the `cell`/`created` layout (separate id, stageId, laneId, createdBy and
// createdAt keys) must keep working: read everywhere, edited, and moved into the new layout.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CellIndex } from '../map-client/cell-index';
import { addCard, deleteStage, moveCard, updateCard } from './operations';
import { cellCards, emotionCurve, readCard } from './read';
import { mapStats } from './stats';
import { makeMap, replicaOf, sendUpdates, USER } from './test-helpers';

/** A card as the earlier layout wrote it. */
function addLegacyCard(doc: Y.Doc, id: string, fields: Record<string, unknown>, text = 'lama'): void {
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    doc.getMap('cards').set(id, card);
    for (const [key, value] of Object.entries({ id, createdBy: USER, createdAt: 1700000000000, ...fields })) card.set(key, value);
    const yText = new Y.Text();
    card.set('text', yText);
    yText.insert(0, text);
  });
}

const raw = (doc: Y.Doc, id: string) => doc.getMap('cards').get(id) as Y.Map<unknown>;

describe('cards of the earlier layout', () => {
  it('are read with their cell, order, author and fields, next to new cards', () => {
    const { doc, stageIds, lane } = makeMap();
    const cell = { stageId: stageIds[0], laneId: lane.painpoints };
    const fresh = addCard(doc, { ...cell, text: 'baru', createdBy: 'user-2' });
    addLegacyCard(doc, 'legacyCard0001', { ...cell, order: -1, severity: 2 });
    addLegacyCard(doc, 'legacyCard0002', { stageId: stageIds[1], laneId: lane.emotions, order: 0, emotion: -2 });

    expect(cellCards(doc, cell.stageId, cell.laneId)).toEqual(['legacyCard0001', fresh]);
    expect(readCard(doc, 'legacyCard0001')).toMatchObject({
      ...cell,
      text: 'lama',
      severity: 2,
      createdBy: USER,
      createdAt: 1700000000000,
    });
    expect(emotionCurve(doc)).toEqual([
      { stageId: stageIds[1], laneId: lane.emotions, cardId: 'legacyCard0002', score: -2 },
    ]);
    expect(mapStats(doc)).toMatchObject({ cards: 3, painPoints: 2, painPointsWithoutOwner: 2 });
    const cells = new CellIndex(doc);
    expect(cells.get(cell.stageId, cell.laneId)).toEqual(['legacyCard0001', fresh]);
    cells.destroy();
  });

  it('take edits, and a move writes the new cell and drops the old keys; undo brings them back', () => {
    const { doc, stageIds, lane } = makeMap();
    addLegacyCard(doc, 'legacyCard0001', { stageId: stageIds[0], laneId: lane.actions, order: 0 });
    updateCard(doc, 'legacyCard0001', { department: 'sales' });
    expect(readCard(doc, 'legacyCard0001')?.department).toBe('sales');

    const local = { user: 'me' };
    const undo = new Y.UndoManager(doc.getMap('cards'), { trackedOrigins: new Set([local]), captureTimeout: 0 });
    const cells = new CellIndex(doc);
    const to = { stageId: stageIds[2], laneId: lane.painpoints };
    moveCard(doc, 'legacyCard0001', to, 0, local);
    const card = raw(doc, 'legacyCard0001');
    expect(card.get('cell')).toEqual(to);
    expect(card.has('stageId') || card.has('laneId')).toBe(false);
    expect(readCard(doc, 'legacyCard0001')).toMatchObject({ ...to, department: 'sales', createdBy: USER });
    expect(cells.get(to.stageId, to.laneId)).toEqual(['legacyCard0001']);

    undo.undo();
    expect(raw(doc, 'legacyCard0001').has('cell')).toBe(false);
    expect(readCard(doc, 'legacyCard0001')).toMatchObject({ stageId: stageIds[0], laneId: lane.actions });
    expect(cells.get(stageIds[0], lane.actions)).toEqual(['legacyCard0001']);
    expect(cells.get(to.stageId, to.laneId)).toEqual([]);
    cells.destroy();
  });

  it('are deleted with their stage, on every replica', () => {
    const { doc, stageIds, lane } = makeMap();
    addLegacyCard(doc, 'legacyCard0001', { stageId: stageIds[1], laneId: lane.actions, order: 0 });
    const other = replicaOf(doc);
    deleteStage(doc, stageIds[1]);
    sendUpdates(doc, other);
    expect(other.getMap('cards').has('legacyCard0001')).toBe(false);
  });

  it('a card with a malformed cell is not shown, even when old keys are left on it', () => {
    const { doc, stageIds, lane } = makeMap();
    addLegacyCard(doc, 'legacyCard0001', { stageId: stageIds[0], laneId: lane.actions, order: 0 });
    raw(doc, 'legacyCard0001').set('cell', { stageId: 42 });
    expect(readCard(doc, 'legacyCard0001')).toBeNull();
    expect(cellCards(doc, stageIds[0], lane.actions)).toEqual([]);
  });
});
