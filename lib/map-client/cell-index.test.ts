import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, addLane, addStage, deleteCard, moveCard, setCardText } from '@/lib/map';
import { CellIndex } from './cell-index';

function setup() {
  const doc = new Y.Doc();
  const s1 = addStage(doc, { name: 'Awareness' });
  const s2 = addStage(doc, { name: 'Purchase' });
  const lane = addLane(doc, { kind: 'actions', name: 'Actions' });
  return { doc, s1, s2, lane };
}

describe('CellIndex', () => {
  it('lists a cell in order and notifies only the cells that changed', () => {
    const { doc, s1, s2, lane } = setup();
    const a = addCard(doc, {
      stageId: s1,
      laneId: lane,
      createdBy: 'u',
      text: 'a',
    });
    const index = new CellIndex(doc);
    const calls = { s1: 0, s2: 0 };
    index.subscribe(s1, lane, () => calls.s1++);
    index.subscribe(s2, lane, () => calls.s2++);
    const b = addCard(doc, { stageId: s1, laneId: lane, createdBy: 'u' }, 0);
    expect(index.get(s1, lane)).toEqual([b, a]);
    expect(calls).toEqual({ s1: 1, s2: 0 });
    moveCard(doc, a, { stageId: s2, laneId: lane }, 0);
    expect(index.get(s1, lane)).toEqual([b]);
    expect(index.get(s2, lane)).toEqual([a]);
    expect(calls).toEqual({ s1: 2, s2: 1 });
    deleteCard(doc, b);
    expect(index.get(s1, lane)).toEqual([]);
    expect(index.find(a)).toEqual({ key: `${s2}|${lane}`, index: 0 });
    index.destroy();
  });

  it('a keystroke in a card notifies no cell and keeps every list identical', () => {
    const { doc, s1, lane } = setup();
    const a = addCard(doc, {
      stageId: s1,
      laneId: lane,
      createdBy: 'u',
      text: 'a',
    });
    const index = new CellIndex(doc);
    const before = index.get(s1, lane);
    let calls = 0;
    index.subscribe(s1, lane, () => calls++);
    index.subscribeAll(() => calls++);
    setCardText(doc, a, 'abc');
    expect(calls).toBe(0);
    expect(index.get(s1, lane)).toBe(before);
    index.destroy();
  });
});
