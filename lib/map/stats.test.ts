import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, deleteCard, deleteStage, updateCard } from './operations';
import { mapStats } from './stats';
import { makeMap, USER } from './test-helpers';

describe('mapStats', () => {
  it('counts cards, pain points (with and without an owning department), opportunities, stages and lanes', () => {
    const { doc, stageIds, lane } = makeMap({ stages: 3 });
    const at = (stage: number, laneId: string) => ({ stageId: stageIds[stage], laneId, createdBy: USER });
    const owned = addCard(doc, { ...at(0, lane.painpoints), department: 'dept-support' });
    const unowned = addCard(doc, at(1, lane.painpoints));
    addCard(doc, at(2, lane.painpoints));
    addCard(doc, at(0, lane.opportunities));
    addCard(doc, at(0, lane.actions));
    expect(mapStats(doc)).toEqual({
      cards: 5,
      painPoints: 3,
      painPointsWithoutOwner: 2,
      opportunities: 1,
      stages: 3,
      lanes: 5,
    });

    updateCard(doc, unowned, { department: 'dept-logistics' });
    expect(mapStats(doc).painPointsWithoutOwner).toBe(1);
    updateCard(doc, owned, { department: null });
    deleteCard(doc, unowned);
    expect(mapStats(doc)).toMatchObject({ cards: 4, painPoints: 2, painPointsWithoutOwner: 2 });
    deleteStage(doc, stageIds[0]);
    expect(mapStats(doc)).toEqual({
      cards: 1,
      painPoints: 1,
      painPointsWithoutOwner: 1,
      opportunities: 0,
      stages: 2,
      lanes: 5,
    });
  });

  it('is all zeros for an empty document', () => {
    expect(mapStats(new Y.Doc())).toEqual({
      cards: 0,
      painPoints: 0,
      painPointsWithoutOwner: 0,
      opportunities: 0,
      stages: 0,
      lanes: 0,
    });
  });
});
