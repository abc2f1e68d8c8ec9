import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, deleteStage, linkCards, moveCard, setCardText, updateCard, updateStage } from './operations';
import { readCard, readMap } from './read';
import { makeMap, replicaOf, sendUpdates, USER } from './test-helpers';

const LOCAL = { user: 'me' };
const REMOTE = { user: 'someone-else' };

function undoManager(doc: Y.Doc): Y.UndoManager {
  const types = ['meta', 'stages', 'lanes', 'cards'].map((name) => doc.getMap(name));
  // captureTimeout 0: every operation is its own undo step, as after stopCapturing() in the UI.
  return new Y.UndoManager(types, { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
}

describe('undo', () => {
  it('restores a deleted stage with its cards, their text, fields and links in one step', () => {
    const { doc, stageIds, lane } = makeMap();
    const at = (laneId: string) => ({ stageId: stageIds[1], laneId, createdBy: USER });
    const painPoint = addCard(doc, { ...at(lane.painpoints), text: 'Ongkir mahal', severity: 3 });
    const opportunity = addCard(doc, { stageId: stageIds[0], laneId: lane.opportunities, createdBy: USER, impact: 4 });
    const inStage = addCard(doc, { ...at(lane.opportunities), text: 'Gratis ongkir', impact: 5 });
    linkCards(doc, painPoint, opportunity);
    linkCards(doc, painPoint, inStage);
    const before = readMap(doc);

    const undo = undoManager(doc);
    deleteStage(doc, stageIds[1], LOCAL);
    expect(readMap(doc).stages).toHaveLength(2);
    expect(readMap(doc).cards.map((card) => card.id)).toEqual([opportunity]);

    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readMap(doc)).toEqual(before);

    undo.redo();
    expect(readMap(doc).stages).toHaveLength(2);
    expect(readMap(doc).cards).toHaveLength(1);
  });

  it("does not undo another origin's edit, local or remote", () => {
    const { doc, stageIds, lane } = makeMap();
    const card = addCard(doc, { stageId: stageIds[0], laneId: lane.emotions, createdBy: USER, text: 'Senang' });
    const other = replicaOf(doc);
    const undo = undoManager(doc);

    updateStage(doc, stageIds[0], { name: 'Mine' }, LOCAL);
    updateStage(doc, stageIds[1], { name: 'Theirs, same client' }, REMOTE);
    updateCard(other, card, { emotion: -1 });
    setCardText(other, card, 'Sedih');
    sendUpdates(other, doc);

    undo.undo();
    const map = readMap(doc);
    expect(map.stages.map((stage) => stage.name)).toEqual(['S1', 'Theirs, same client', 'S3']);
    expect(readCard(doc, card)).toMatchObject({ emotion: -1, text: 'Sedih' });
    expect(undo.canUndo()).toBe(false);
  });

  it('restores the fields and links a move cleared', () => {
    const { doc, stageIds, lane } = makeMap();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const painPoint = addCard(doc, { ...at(lane.painpoints), severity: 2 });
    const opportunity = addCard(doc, at(lane.opportunities));
    linkCards(doc, painPoint, opportunity);
    const before = readMap(doc);
    const undo = undoManager(doc);

    moveCard(doc, painPoint, { stageId: stageIds[2], laneId: lane.actions }, 0, LOCAL);
    expect(readCard(doc, painPoint)).toMatchObject({ severity: null, links: [] });
    undo.undo();
    expect(readMap(doc)).toEqual(before);
  });
});
