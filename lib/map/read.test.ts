import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, addLane, addStage, deleteStage, linkCards, moveCard, moveLane, moveStage } from './operations';
import { cellCards, emotionCurve, readCard, readMap, readMeta, sortedLanes, sortedStages } from './read';
import { makeMap, replicaOf, sendUpdates, USER } from './test-helpers';

describe('readMap', () => {
  it('sorts stages and lanes by order and cards by (stage order, lane order, card order)', () => {
    const { doc, stageIds, lane } = makeMap({ stages: 2, lanes: ['actions', 'emotions'] });
    const add = (stage: number, laneId: string, text: string, index?: number) =>
      addCard(doc, { stageId: stageIds[stage], laneId, text, createdBy: USER }, index);
    add(1, lane.actions, 'S2 actions');
    add(0, lane.emotions, 'S1 emotions');
    add(0, lane.actions, 'S1 actions b');
    add(0, lane.actions, 'S1 actions a', 0);
    add(1, lane.emotions, 'S2 emotions');
    expect(readMap(doc).cards.map((card) => card.text)).toEqual([
      'S1 actions a',
      'S1 actions b',
      'S1 emotions',
      'S2 actions',
      'S2 emotions',
    ]);

    moveStage(doc, stageIds[1], 0);
    moveLane(doc, lane.emotions, 0);
    const map = readMap(doc);
    expect(map.stages.map((stage) => stage.name)).toEqual(['S2', 'S1']);
    expect(map.lanes.map((l) => l.kind)).toEqual(['emotions', 'actions']);
    expect(map.cards.map((card) => card.text)).toEqual([
      'S2 emotions',
      'S2 actions',
      'S1 emotions',
      'S1 actions a',
      'S1 actions b',
    ]);
  });

  it('is plain JSON', () => {
    const { doc, stageIds, lane } = makeMap();
    addCard(doc, { stageId: stageIds[0], laneId: lane.touchpoints, text: 'Website', channel: 'website', createdBy: USER });
    const map = readMap(doc);
    expect(JSON.parse(JSON.stringify(map))).toEqual(map);
  });

  it('breaks order ties by id, the same way on every replica', () => {
    const { doc, stageIds, lane } = makeMap();
    const other = replicaOf(doc);
    const cell = { stageId: stageIds[0], laneId: lane.actions, createdBy: USER };
    const mine = addCard(doc, { ...cell, text: 'mine' });
    const theirs = addCard(other, { ...cell, text: 'theirs' });
    sendUpdates(doc, other);
    sendUpdates(other, doc);
    const expected = [mine, theirs].sort();
    expect(cellCards(doc, stageIds[0], lane.actions)).toEqual(expected);
    expect(cellCards(other, stageIds[0], lane.actions)).toEqual(expected);
  });

  it('leaves out cards whose stage or lane was deleted concurrently, and links to them', () => {
    const { doc, stageIds, lane } = makeMap();
    const painPoint = addCard(doc, { stageId: stageIds[0], laneId: lane.painpoints, createdBy: USER });
    const other = replicaOf(doc);
    const opportunity = addCard(other, { stageId: stageIds[1], laneId: lane.opportunities, createdBy: USER });
    linkCards(other, painPoint, opportunity);
    deleteStage(doc, stageIds[1]);
    sendUpdates(doc, other);
    sendUpdates(other, doc);
    for (const replica of [doc, other]) {
      const map = readMap(replica);
      expect(map.cards.map((card) => card.id)).toEqual([painPoint]);
      expect(map.cards[0].links).toEqual([]);
      expect(readCard(replica, opportunity)).toBeNull();
      expect(readCard(replica, painPoint)?.links).toEqual([]);
    }
  });

  it('ignores malformed entries another peer may have written', () => {
    const { doc, stageIds, lane } = makeMap();
    const card = addCard(doc, { stageId: stageIds[0], laneId: lane.painpoints, createdBy: USER, severity: 2 });
    doc.transact(() => {
      doc.getMap('stages').set('junk', 'not a map');
      const badLane = new Y.Map<unknown>();
      doc.getMap('lanes').set('bad-lane', badLane);
      badLane.set('kind', 'nonsense');
      doc.getMap('cards').set('junk-card', 42);
      const raw = doc.getMap('cards').get(card) as Y.Map<unknown>;
      raw.set('severity', 9);
      raw.set('order', 'first');
      raw.set('links', 'x');
      doc.getMap('meta').set('personaIds', ['a', 5, 'b', 'c']);
      doc.getMap('meta').set('template', 'unknown');
    });
    const map = readMap(doc);
    expect(map.stages).toHaveLength(3);
    expect(map.lanes).toHaveLength(5);
    expect(map.cards).toHaveLength(1);
    expect(map.cards[0]).toMatchObject({ severity: null, order: 0, links: [] });
    expect(map.meta).toMatchObject({ personaIds: ['a', 'b'], template: null, seeded: false });
  });

  it('reads an empty document', () => {
    expect(readMap(new Y.Doc())).toEqual({
      meta: { title: '', template: null, locale: null, personaIds: [], seeded: false },
      stages: [],
      lanes: [],
      cards: [],
    });
    expect(readMeta(new Y.Doc()).seeded).toBe(false);
  });
});

describe('cellCards, sortedStages, sortedLanes', () => {
  it('return ids and entries in display order; a missing cell is empty', () => {
    const doc = new Y.Doc();
    const b = addStage(doc, { name: 'B' });
    const a = addStage(doc, { name: 'A' }, 0);
    const lane = addLane(doc, { kind: 'actions', name: 'Aksi' });
    expect(sortedStages(doc).map((stage) => stage.id)).toEqual([a, b]);
    expect(sortedLanes(doc).map((l) => l.id)).toEqual([lane]);
    const card = addCard(doc, { stageId: b, laneId: lane, createdBy: USER });
    expect(cellCards(doc, b, lane)).toEqual([card]);
    expect(cellCards(doc, a, lane)).toEqual([]);
    expect(cellCards(doc, 'missing', lane)).toEqual([]);
  });
});

describe('emotionCurve', () => {
  it('lists scored emotion cards by stage order, then card order, skipping unscored ones', () => {
    const { doc, stageIds, lane } = makeMap({ stages: 3, lanes: ['actions', 'emotions'] });
    const emotion = (stage: number, score: -2 | -1 | 0 | 1 | 2 | null, index?: number) =>
      addCard(
        doc,
        { stageId: stageIds[stage], laneId: lane.emotions, createdBy: USER, ...(score === null ? {} : { emotion: score }) },
        index,
      );
    const late = emotion(2, -2);
    const firstB = emotion(0, 2);
    const firstA = emotion(0, 1, 0);
    emotion(1, null);
    addCard(doc, { stageId: stageIds[1], laneId: lane.actions, createdBy: USER });
    expect(emotionCurve(doc)).toEqual([
      { stageId: stageIds[0], laneId: lane.emotions, cardId: firstA, score: 1 },
      { stageId: stageIds[0], laneId: lane.emotions, cardId: firstB, score: 2 },
      { stageId: stageIds[2], laneId: lane.emotions, cardId: late, score: -2 },
    ]);
    moveStage(doc, stageIds[2], 0);
    expect(emotionCurve(doc).map((point) => point.cardId)).toEqual([late, firstA, firstB]);
    moveCard(doc, firstA, { stageId: stageIds[0], laneId: lane.actions }, 0);
    expect(emotionCurve(doc).map((point) => point.cardId)).toEqual([late, firstB]);
  });
});
