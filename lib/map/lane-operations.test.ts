import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, addLane, deleteLane, linkCards, moveLane, updateLane } from './operations';
import { readMap, sortedLanes } from './read';
import { countUpdates, expectMapError, makeMap, USER } from './test-helpers';
import { LANE_KINDS, MAX_LANES, type LaneKind } from './types';

const names = (doc: Y.Doc) => sortedLanes(doc).map((lane) => lane.name);

describe('addLane', () => {
  it('adds a lane of every kind, in order', () => {
    const doc = new Y.Doc();
    const ids = LANE_KINDS.map((kind) => addLane(doc, { kind, name: `Lane ${kind}` }));
    expect(sortedLanes(doc)).toEqual(
      LANE_KINDS.map((kind, index) => ({ id: ids[index], kind, name: `Lane ${kind}`, order: index })),
    );
  });

  it('inserts at an index', () => {
    const doc = new Y.Doc();
    addLane(doc, { kind: 'actions', name: 'A' });
    addLane(doc, { kind: 'emotions', name: 'C' });
    addLane(doc, { kind: 'thoughts', name: 'B' }, 1);
    expect(names(doc)).toEqual(['A', 'B', 'C']);
  });

  it('rejects an unknown kind, a bad name or index', () => {
    const doc = new Y.Doc();
    expectMapError(() => addLane(doc, { kind: 'feelings' as LaneKind, name: 'X' }), 'map.lane.invalidKind', 'kind');
    expectMapError(() => addLane(doc, { kind: 'actions', name: '' }), 'map.lane.invalidName');
    expectMapError(() => addLane(doc, { kind: 'actions', name: 'A' }, -1), 'map.invalidIndex');
    expect(sortedLanes(doc)).toEqual([]);
  });

  it(`refuses more than ${MAX_LANES} lanes`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_LANES; i++) addLane(doc, { kind: 'text', name: `L${i}` });
    expectMapError(() => addLane(doc, { kind: 'text', name: 'extra' }), 'map.lane.tooMany');
  });
});

describe('updateLane', () => {
  it('renames, and writes nothing for the same name or an empty patch', () => {
    const { doc, lane } = makeMap();
    updateLane(doc, lane.actions, { name: 'Aksi pelanggan' });
    expect(sortedLanes(doc)[0]).toMatchObject({ kind: 'actions', name: 'Aksi pelanggan' });
    expect(countUpdates(doc, () => updateLane(doc, lane.actions, { name: 'Aksi pelanggan' }))).toBe(0);
    expect(countUpdates(doc, () => updateLane(doc, lane.actions, {}))).toBe(0);
  });

  it('reports a missing lane and a bad name', () => {
    const { doc, lane } = makeMap();
    expectMapError(() => updateLane(doc, 'nope', { name: 'X' }), 'map.lane.notFound');
    expectMapError(() => updateLane(doc, lane.actions, { name: '  ' }), 'map.lane.invalidName');
  });
});

describe('moveLane', () => {
  it('reorders lanes', () => {
    const { doc, lane } = makeMap({ lanes: ['actions', 'touchpoints', 'emotions'] });
    moveLane(doc, lane.emotions, 0);
    expect(names(doc)).toEqual(['emotions', 'actions', 'touchpoints']);
    moveLane(doc, lane.emotions, 2);
    expect(names(doc)).toEqual(['actions', 'touchpoints', 'emotions']);
  });

  it('reports a missing lane or an invalid index', () => {
    const { doc, lane } = makeMap();
    expectMapError(() => moveLane(doc, 'nope', 0), 'map.lane.notFound');
    expectMapError(() => moveLane(doc, lane.actions, 0.5), 'map.invalidIndex');
  });
});

describe('deleteLane', () => {
  it('deletes the lane and its cards in one update, and unlinks deleted opportunities', () => {
    const { doc, stageIds, lane } = makeMap();
    const painPoint = addCard(doc, { stageId: stageIds[0], laneId: lane.painpoints, createdBy: USER });
    const opportunity = addCard(doc, { stageId: stageIds[0], laneId: lane.opportunities, createdBy: USER });
    linkCards(doc, painPoint, opportunity);
    expect(countUpdates(doc, () => deleteLane(doc, lane.opportunities))).toBe(1);
    const map = readMap(doc);
    expect(map.lanes.map((l) => l.kind)).not.toContain('opportunities');
    expect(map.cards.map((card) => card.id)).toEqual([painPoint]);
    expect((doc.getMap('cards').get(painPoint) as Y.Map<unknown>).get('links')).toEqual([]);
  });

  it('reports a missing lane', () => {
    expectMapError(() => deleteLane(new Y.Doc(), 'nope'), 'map.lane.notFound');
  });
});
