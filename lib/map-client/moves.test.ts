import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage } from '@/lib/map';
import { stepTarget } from './moves';

describe('stepTarget (keyboard moves of a card)', () => {
  const doc = new Y.Doc();
  const s1 = addStage(doc, { name: 'Awareness' });
  const s2 = addStage(doc, { name: 'Purchase' });
  const lane = addLane(doc, { kind: 'actions', name: 'Actions' });
  const a = addCard(doc, { stageId: s1, laneId: lane, createdBy: 'u' });
  const b = addCard(doc, { stageId: s1, laneId: lane, createdBy: 'u' });
  const c = addCard(doc, { stageId: s2, laneId: lane, createdBy: 'u' });

  it('moves within the cell and stops at its ends', () => {
    expect(stepTarget(doc, a, 'up')).toBeNull();
    expect(stepTarget(doc, a, 'down')).toEqual({
      cell: { stageId: s1, laneId: lane },
      index: 1,
    });
    expect(stepTarget(doc, b, 'up')).toEqual({
      cell: { stageId: s1, laneId: lane },
      index: 0,
    });
    expect(stepTarget(doc, b, 'down')).toBeNull();
  });

  it('moves to the neighbouring stage at the same height, or last there', () => {
    expect(stepTarget(doc, a, 'left')).toBeNull();
    expect(stepTarget(doc, a, 'right')).toEqual({
      cell: { stageId: s2, laneId: lane },
      index: 0,
    });
    expect(stepTarget(doc, b, 'right')).toEqual({
      cell: { stageId: s2, laneId: lane },
      index: 1,
    });
    expect(stepTarget(doc, c, 'left')).toEqual({
      cell: { stageId: s1, laneId: lane },
      index: 0,
    });
    expect(stepTarget(doc, c, 'right')).toBeNull();
    expect(stepTarget(doc, 'missing', 'up')).toBeNull();
  });
});
