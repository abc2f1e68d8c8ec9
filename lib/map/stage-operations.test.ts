import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, addStage, deleteStage, linkCards, moveStage, updateStage } from './operations';
import { readMap, sortedStages } from './read';
import { countUpdates, expectMapError, makeMap, USER } from './test-helpers';
import { DEFAULT_STAGE_COLOR, MAX_DESCRIPTION, MAX_NAME, MAX_STAGES } from './types';

const names = (doc: Y.Doc) => sortedStages(doc).map((stage) => stage.name);

describe('addStage', () => {
  it('appends by default with trimmed name, description and a default colour', () => {
    const doc = new Y.Doc();
    const first = addStage(doc, { name: '  Kesadaran ' });
    const second = addStage(doc, { name: 'Pertimbangan', description: 'Membandingkan', color: '#AABBCC' });
    expect(sortedStages(doc)).toEqual([
      { id: first, name: 'Kesadaran', description: '', color: DEFAULT_STAGE_COLOR, order: 0 },
      { id: second, name: 'Pertimbangan', description: 'Membandingkan', color: '#aabbcc', order: 1 },
    ]);
    expect(doc.getMap('stages').get(first)).toBeInstanceOf(Y.Map);
    expect((doc.getMap('stages').get(first) as Y.Map<unknown>).get('id')).toBe(first);
  });

  it('inserts at an index', () => {
    const doc = new Y.Doc();
    addStage(doc, { name: 'A' });
    addStage(doc, { name: 'C' });
    addStage(doc, { name: 'B' }, 1);
    addStage(doc, { name: 'Start' }, 0);
    addStage(doc, { name: 'End' }, 99);
    expect(names(doc)).toEqual(['Start', 'A', 'B', 'C', 'End']);
  });

  it('runs as one transaction', () => {
    const doc = new Y.Doc();
    expect(countUpdates(doc, () => addStage(doc, { name: 'A', description: 'd', color: '#123456' }))).toBe(1);
  });

  it('rejects empty, blank or overlong names', () => {
    const doc = new Y.Doc();
    expectMapError(() => addStage(doc, { name: '' }), 'map.stage.invalidName', 'name');
    expectMapError(() => addStage(doc, { name: '   ' }), 'map.stage.invalidName');
    expectMapError(() => addStage(doc, { name: 'x'.repeat(MAX_NAME + 1) }), 'map.stage.invalidName');
    expectMapError(() => addStage(doc, { name: 42 as unknown as string }), 'map.stage.invalidName');
    expect(names(doc)).toEqual([]);
  });

  it('rejects an overlong description and a colour that is not #rrggbb', () => {
    const doc = new Y.Doc();
    expectMapError(
      () => addStage(doc, { name: 'A', description: 'x'.repeat(MAX_DESCRIPTION + 1) }),
      'map.stage.invalidDescription',
    );
    expectMapError(() => addStage(doc, { name: 'A', color: 'red' }), 'map.stage.invalidColor', 'color');
    expectMapError(() => addStage(doc, { name: 'A', color: '#abc' }), 'map.stage.invalidColor');
  });

  it('rejects negative or fractional indexes', () => {
    const doc = new Y.Doc();
    expectMapError(() => addStage(doc, { name: 'A' }, -1), 'map.invalidIndex');
    expectMapError(() => addStage(doc, { name: 'A' }, 1.5), 'map.invalidIndex');
  });

  it(`refuses more than ${MAX_STAGES} stages`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_STAGES; i++) addStage(doc, { name: `S${i}` });
    expectMapError(() => addStage(doc, { name: 'one too many' }), 'map.stage.tooMany');
    expect(sortedStages(doc)).toHaveLength(MAX_STAGES);
  });
});

describe('updateStage', () => {
  it('changes only the given fields', () => {
    const { doc, stageIds } = makeMap();
    updateStage(doc, stageIds[0], { name: 'Kesadaran', color: '#ff0000' });
    expect(sortedStages(doc)[0]).toMatchObject({ name: 'Kesadaran', description: '', color: '#ff0000' });
    updateStage(doc, stageIds[0], { description: 'Mengenal merek' });
    expect(sortedStages(doc)[0]).toMatchObject({ name: 'Kesadaran', description: 'Mengenal merek' });
  });

  it('emits nothing when nothing changes', () => {
    const { doc, stageIds } = makeMap();
    expect(countUpdates(doc, () => updateStage(doc, stageIds[0], { name: 'S1' }))).toBe(0);
    expect(countUpdates(doc, () => updateStage(doc, stageIds[0], { name: 'Renamed', color: '#000000' }))).toBe(1);
  });

  it('validates like addStage and reports a missing stage', () => {
    const { doc, stageIds } = makeMap();
    expectMapError(() => updateStage(doc, 'nope', { name: 'A' }), 'map.stage.notFound');
    expectMapError(() => updateStage(doc, stageIds[0], { name: ' ' }), 'map.stage.invalidName');
    expectMapError(() => updateStage(doc, stageIds[0], { color: '#12345g' }), 'map.stage.invalidColor');
    expectMapError(
      () => updateStage(doc, stageIds[0], { description: 'x'.repeat(MAX_DESCRIPTION + 1) }),
      'map.stage.invalidDescription',
    );
    // A rejected patch writes nothing, even for its valid fields.
    expectMapError(() => updateStage(doc, stageIds[0], { name: 'Valid', color: 'bad' }), 'map.stage.invalidColor');
    expect(names(doc)[0]).toBe('S1');
  });
});

describe('moveStage', () => {
  it('moves to the front, the middle and the end', () => {
    const { doc, stageIds } = makeMap({ stages: 4 });
    moveStage(doc, stageIds[3], 0);
    expect(names(doc)).toEqual(['S4', 'S1', 'S2', 'S3']);
    moveStage(doc, stageIds[3], 2);
    expect(names(doc)).toEqual(['S1', 'S2', 'S4', 'S3']);
    moveStage(doc, stageIds[0], 3);
    expect(names(doc)).toEqual(['S2', 'S4', 'S3', 'S1']);
    moveStage(doc, stageIds[1], 99);
    expect(names(doc)).toEqual(['S4', 'S3', 'S1', 'S2']);
  });

  it('writes nothing when the stage is already there', () => {
    const { doc, stageIds } = makeMap();
    expect(countUpdates(doc, () => moveStage(doc, stageIds[1], 1))).toBe(0);
    expect(countUpdates(doc, () => moveStage(doc, stageIds[2], 5))).toBe(0);
  });

  it('renumbers when repeated moves to one spot exhaust the precision', () => {
    const { doc, stageIds } = makeMap({ stages: 4 });
    // Alternately move S3 and S4 between S2 and the other: each move halves the gap above S2,
    // which runs out of doubles after about 50 moves.
    for (let i = 0; i < 200; i++) moveStage(doc, stageIds[2 + (i % 2)], 2);
    const stages = sortedStages(doc);
    expect(stages.map((stage) => stage.name)).toEqual(['S1', 'S2', 'S4', 'S3']);
    expect(stages.every((stage) => typeof stage.order === 'number' && Number.isFinite(stage.order))).toBe(true);
    expect(new Set(stages.map((stage) => stage.order)).size).toBe(4);
  });

  it('reports a missing stage or an invalid index', () => {
    const { doc, stageIds } = makeMap();
    expectMapError(() => moveStage(doc, 'nope', 0), 'map.stage.notFound');
    expectMapError(() => moveStage(doc, stageIds[0], -2), 'map.invalidIndex');
  });
});

describe('deleteStage', () => {
  it('deletes the stage and its cards, keeps other stages and cards, and removes links to deleted cards', () => {
    const { doc, stageIds, lane } = makeMap();
    const painPoint = addCard(doc, { stageId: stageIds[0], laneId: lane.painpoints, createdBy: USER });
    const opportunity = addCard(doc, { stageId: stageIds[1], laneId: lane.opportunities, createdBy: USER });
    addCard(doc, { stageId: stageIds[1], laneId: lane.actions, createdBy: USER });
    linkCards(doc, painPoint, opportunity);
    expect(countUpdates(doc, () => deleteStage(doc, stageIds[1]))).toBe(1);
    const map = readMap(doc);
    expect(map.stages.map((stage) => stage.id)).toEqual([stageIds[0], stageIds[2]]);
    expect(map.cards.map((card) => card.id)).toEqual([painPoint]);
    expect(doc.getMap('cards').size).toBe(1);
    expect((doc.getMap('cards').get(painPoint) as Y.Map<unknown>).get('links')).toEqual([]);
  });

  it('reports a missing stage', () => {
    expectMapError(() => deleteStage(new Y.Doc(), 'nope'), 'map.stage.notFound');
  });
});
