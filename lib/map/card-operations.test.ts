import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCard,
  deleteCard,
  getCardText,
  linkCards,
  moveCard,
  setCardText,
  setMeta,
  textDiff,
  unlinkCards,
  updateCard,
  type CardPatch,
} from './operations';
import { cellCards, readCard, readMap, readMeta } from './read';
import { countUpdates, expectMapError, makeMap, replicaOf, sendUpdates, USER } from './test-helpers';
import { CHANNELS, LANE_KINDS, MAX_CARD_TEXT, MAX_CARDS, MAX_LINKS, MAX_TITLE, type LaneKind } from './types';

const raw = (doc: Y.Doc, id: string) => doc.getMap('cards').get(id) as Y.Map<unknown>;

describe('addCard', () => {
  it('stores the card with its text as a Y.Text, author and creation time', () => {
    const { doc, stageIds, lane } = makeMap();
    const before = Date.now();
    const id = addCard(doc, { stageId: stageIds[0], laneId: lane.actions, text: 'Melihat iklan', createdBy: USER });
    const card = raw(doc, id);
    expect(card.get('text')).toBeInstanceOf(Y.Text);
    expect(readCard(doc, id)).toMatchObject({
      id,
      stageId: stageIds[0],
      laneId: lane.actions,
      text: 'Melihat iklan',
      createdBy: USER,
      department: null,
      links: [],
    });
    expect(readCard(doc, id)?.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('writes a card as four Yjs items: cell, order, created and the text', () => {
    // Every key is an item each client decodes on joining, so the layout stays this small
    // (README, "Card layout"); no id copy, no separate stageId/laneId or createdBy/createdAt.
    const { doc, stageIds, lane } = makeMap();
    const before = Date.now();
    const id = addCard(doc, { stageId: stageIds[0], laneId: lane.actions, text: 'x', createdBy: USER });
    const card = raw(doc, id);
    expect([...card.keys()].sort()).toEqual(['cell', 'created', 'order', 'text']);
    expect(card.get('cell')).toEqual({ stageId: stageIds[0], laneId: lane.actions });
    expect(card.get('created')).toEqual({ by: USER, at: expect.any(Number) });
    expect((card.get('created') as { at: number }).at).toBeGreaterThanOrEqual(before);
  });

  it('stores the fields its lane allows', () => {
    const { doc, stageIds, lane } = makeMap();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const touchpoint = addCard(doc, { ...at(lane.touchpoints), channel: 'whatsapp', department: 'dept-cs' });
    const painPoint = addCard(doc, { ...at(lane.painpoints), severity: 3 });
    const opportunity = addCard(doc, { ...at(lane.opportunities), impact: 5, feasibility: 1 });
    const emotion = addCard(doc, { ...at(lane.emotions), emotion: -2 });
    expect(readCard(doc, touchpoint)).toMatchObject({ channel: 'whatsapp', department: 'dept-cs' });
    expect(readCard(doc, painPoint)).toMatchObject({ severity: 3 });
    expect(readCard(doc, opportunity)).toMatchObject({ impact: 5, feasibility: 1 });
    expect(readCard(doc, emotion)).toMatchObject({ emotion: -2 });
  });

  it('places the card at an index within its cell only', () => {
    const { doc, stageIds, lane } = makeMap();
    const cell = { stageId: stageIds[0], laneId: lane.actions, createdBy: USER };
    const b = addCard(doc, { ...cell, text: 'b' });
    const d = addCard(doc, { ...cell, text: 'd' });
    addCard(doc, { stageId: stageIds[1], laneId: lane.actions, createdBy: USER, text: 'elsewhere' });
    const a = addCard(doc, { ...cell, text: 'a' }, 0);
    const c = addCard(doc, { ...cell, text: 'c' }, 2);
    expect(cellCards(doc, stageIds[0], lane.actions)).toEqual([a, b, c, d]);
  });

  it('runs as one transaction', () => {
    const { doc, stageIds, lane } = makeMap();
    expect(
      countUpdates(doc, () =>
        addCard(doc, { stageId: stageIds[0], laneId: lane.touchpoints, text: 'x', channel: 'email', createdBy: USER }),
      ),
    ).toBe(1);
  });

  it('reports a missing lane or stage, bad text, author or index', () => {
    const { doc, stageIds, lane } = makeMap();
    const ok = { stageId: stageIds[0], laneId: lane.actions, createdBy: USER };
    expectMapError(() => addCard(doc, { ...ok, laneId: 'nope' }), 'map.lane.notFound');
    expectMapError(() => addCard(doc, { ...ok, stageId: 'nope' }), 'map.stage.notFound');
    expectMapError(() => addCard(doc, { ...ok, text: 'x'.repeat(MAX_CARD_TEXT + 1) }), 'map.card.textTooLong');
    expectMapError(() => addCard(doc, { ...ok, text: 7 as unknown as string }), 'map.card.invalidText');
    expectMapError(() => addCard(doc, { ...ok, createdBy: '' }), 'map.card.invalidCreatedBy');
    expectMapError(() => addCard(doc, ok, -1), 'map.invalidIndex');
    expect(doc.getMap('cards').size).toBe(0);
  });

  it('accepts text of exactly the maximum length', () => {
    const { doc, stageIds, lane } = makeMap();
    const id = addCard(doc, { stageId: stageIds[0], laneId: lane.actions, createdBy: USER, text: 'x'.repeat(MAX_CARD_TEXT) });
    expect(getCardText(doc, id).length).toBe(MAX_CARD_TEXT);
  });

  it('rejects fields with bad values, fields the lane does not allow, and unknown fields', () => {
    const { doc, stageIds, lane } = makeMap();
    const on = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    expectMapError(() => addCard(doc, { ...on(lane.touchpoints), channel: 'fax' as never }), 'map.card.invalidField', 'channel');
    expectMapError(() => addCard(doc, { ...on(lane.actions), channel: 'email' }), 'map.card.fieldNotAllowed', 'channel');
    expectMapError(() => addCard(doc, { ...on(lane.painpoints), severity: 4 as never }), 'map.card.invalidField');
    expectMapError(() => addCard(doc, { ...on(lane.emotions), emotion: 3 as never }), 'map.card.invalidField');
    expectMapError(() => addCard(doc, { ...on(lane.emotions), severity: 1 }), 'map.card.fieldNotAllowed', 'severity');
    expectMapError(
      () => addCard(doc, { ...on(lane.actions), colour: 'red' } as never),
      'map.card.invalidField',
      'colour',
    );
    expect(doc.getMap('cards').size).toBe(0);
  });

  it(`refuses more than ${MAX_CARDS} cards`, () => {
    const { doc, stageIds, lane } = makeMap();
    doc.transact(() => {
      for (let i = 0; i < MAX_CARDS; i++) doc.getMap('cards').set(`filler-${i}`, i);
    });
    expectMapError(() => addCard(doc, { stageId: stageIds[0], laneId: lane.actions, createdBy: USER }), 'map.card.tooMany');
  });
});

describe('card text', () => {
  const setup = () => {
    const { doc, stageIds, lane } = makeMap();
    const id = addCard(doc, { stageId: stageIds[0], laneId: lane.actions, text: 'Membaca ulasan', createdBy: USER });
    return { doc, id };
  };

  it('getCardText returns the live Y.Text that inline editing binds to', () => {
    const { doc, id } = setup();
    getCardText(doc, id).insert(0, 'Pelanggan ');
    expect(readCard(doc, id)?.text).toBe('Pelanggan Membaca ulasan');
    expectMapError(() => getCardText(doc, 'nope'), 'map.card.notFound');
  });

  it('setCardText replaces the text and writes nothing when it is unchanged', () => {
    const { doc, id } = setup();
    setCardText(doc, id, 'Membandingkan harga');
    expect(readCard(doc, id)?.text).toBe('Membandingkan harga');
    expect(countUpdates(doc, () => setCardText(doc, id, 'Membandingkan harga'))).toBe(0);
    setCardText(doc, id, '');
    expect(readCard(doc, id)?.text).toBe('');
  });

  it('setCardText only touches the changed middle, so a concurrent edit elsewhere survives', () => {
    const { doc, id } = setup();
    const other = replicaOf(doc);
    setCardText(doc, id, 'Membaca banyak ulasan');
    getCardText(other, id).insert('Membaca ulasan'.length, ' di marketplace');
    sendUpdates(doc, other);
    sendUpdates(other, doc);
    expect(readCard(doc, id)?.text).toBe('Membaca banyak ulasan di marketplace');
    expect(readCard(other, id)?.text).toBe(readCard(doc, id)?.text);
  });

  it('setCardText keeps emoji intact (never splits a surrogate pair)', () => {
    const { doc, id } = setup();
    setCardText(doc, id, 'Senang 😀');
    setCardText(doc, id, 'Senang 😁');
    expect(readCard(doc, id)?.text).toBe('Senang 😁');
    setCardText(doc, id, '😁😀 x');
    setCardText(doc, id, '😀😀 x');
    expect(readCard(doc, id)?.text).toBe('😀😀 x');
  });

  it('setCardText validates', () => {
    const { doc, id } = setup();
    expectMapError(() => setCardText(doc, 'nope', 'x'), 'map.card.notFound');
    expectMapError(() => setCardText(doc, id, 'x'.repeat(MAX_CARD_TEXT + 1)), 'map.card.textTooLong');
    expect(readCard(doc, id)?.text).toBe('Membaca ulasan');
  });

  it('textDiff finds the smallest middle to replace', () => {
    expect(textDiff('abcdef', 'abXYef')).toEqual({ start: 2, deleteCount: 2, insert: 'XY' });
    expect(textDiff('aaa', 'aaaa')).toEqual({ start: 3, deleteCount: 0, insert: 'a' });
    expect(textDiff('abc', '')).toEqual({ start: 0, deleteCount: 3, insert: '' });
  });
});

describe('updateCard', () => {
  const setup = () => {
    const map = makeMap({ lanes: [...LANE_KINDS] });
    const card = (kind: LaneKind) =>
      addCard(map.doc, { stageId: map.stageIds[0], laneId: map.lane[kind], createdBy: USER });
    return { ...map, card };
  };

  it('sets and clears (null) each field on the lane kind that allows it', () => {
    const { doc, card } = setup();
    const cases: Array<[LaneKind, CardPatch]> = [
      ['touchpoints', { channel: 'store' }],
      ['painpoints', { severity: 2 }],
      ['opportunities', { impact: 4, feasibility: 2 }],
      ['emotions', { emotion: 0 }],
      ['text', { department: 'dept-marketing' }],
    ];
    for (const [kind, patch] of cases) {
      const id = card(kind);
      updateCard(doc, id, patch);
      expect(readCard(doc, id)).toMatchObject(patch);
      const cleared = Object.fromEntries(Object.keys(patch).map((key) => [key, null]));
      updateCard(doc, id, cleared);
      expect(readCard(doc, id)).toMatchObject(cleared);
      for (const key of Object.keys(patch)) expect(raw(doc, id).has(key)).toBe(false);
    }
  });

  it('accepts every channel on touchpoints', () => {
    const { doc, card } = setup();
    const id = card('touchpoints');
    for (const channel of CHANNELS) {
      updateCard(doc, id, { channel });
      expect(readCard(doc, id)?.channel).toBe(channel);
    }
  });

  it('rejects each field on lanes that do not allow it, but allows clearing it', () => {
    const { doc, card } = setup();
    const wrongLane: Array<[LaneKind, CardPatch]> = [
      ['actions', { channel: 'email' }],
      ['touchpoints', { severity: 1 }],
      ['painpoints', { impact: 3 }],
      ['emotions', { feasibility: 3 }],
      ['painpoints', { emotion: 1 }],
    ];
    for (const [kind, patch] of wrongLane) {
      const field = Object.keys(patch)[0];
      expectMapError(() => updateCard(doc, card(kind), patch), 'map.card.fieldNotAllowed', field);
    }
    const id = card('actions');
    expect(() => updateCard(doc, id, { channel: null, severity: null })).not.toThrow();
  });

  it('rejects out-of-range and wrongly typed values', () => {
    const { doc, card } = setup();
    const bad: Array<[LaneKind, Record<string, unknown>]> = [
      ['painpoints', { severity: 0 }],
      ['painpoints', { severity: 2.5 }],
      ['opportunities', { impact: 6 }],
      ['opportunities', { feasibility: 0 }],
      ['emotions', { emotion: -3 }],
      ['emotions', { emotion: '1' }],
      ['touchpoints', { channel: 'telegram' }],
      ['actions', { department: '' }],
      ['actions', { department: 5 }],
    ];
    for (const [kind, patch] of bad) {
      const id = card(kind);
      expectMapError(() => updateCard(doc, id, patch as CardPatch), 'map.card.invalidField', Object.keys(patch)[0]);
    }
  });

  it('writes nothing for an unchanged value and reports a missing card', () => {
    const { doc, card } = setup();
    const id = card('painpoints');
    updateCard(doc, id, { severity: 2 });
    expect(countUpdates(doc, () => updateCard(doc, id, { severity: 2 }))).toBe(0);
    expectMapError(() => updateCard(doc, 'nope', { severity: 1 }), 'map.card.notFound');
  });
});

describe('moveCard', () => {
  it('moves within a cell to an index that does not count the card itself', () => {
    const { doc, stageIds, lane } = makeMap();
    const cell = { stageId: stageIds[0], laneId: lane.actions };
    const [a, b, c] = ['a', 'b', 'c'].map((text) => addCard(doc, { ...cell, text, createdBy: USER }));
    moveCard(doc, a, cell, 2);
    expect(cellCards(doc, cell.stageId, cell.laneId)).toEqual([b, c, a]);
    moveCard(doc, a, cell, 1);
    expect(cellCards(doc, cell.stageId, cell.laneId)).toEqual([b, a, c]);
    expect(countUpdates(doc, () => moveCard(doc, a, cell, 1))).toBe(0);
  });

  it('moves to another cell at an index', () => {
    const { doc, stageIds, lane } = makeMap();
    const from = { stageId: stageIds[0], laneId: lane.actions };
    const to = { stageId: stageIds[2], laneId: lane.actions };
    const moving = addCard(doc, { ...from, createdBy: USER });
    const [x, y] = ['x', 'y'].map((text) => addCard(doc, { ...to, text, createdBy: USER }));
    moveCard(doc, moving, to, 1);
    expect(cellCards(doc, from.stageId, from.laneId)).toEqual([]);
    expect(cellCards(doc, to.stageId, to.laneId)).toEqual([x, moving, y]);
    expect(readCard(doc, moving)).toMatchObject(to);
  });

  it('clears fields the new lane does not allow and links that no longer join a pain point to an opportunity', () => {
    const { doc, stageIds, lane } = makeMap();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const painPoint = addCard(doc, { ...at(lane.painpoints), severity: 3, department: 'dept-ops' });
    const opportunity = addCard(doc, { ...at(lane.opportunities), impact: 3 });
    linkCards(doc, painPoint, opportunity);

    // Moving the pain point across stages keeps everything.
    moveCard(doc, painPoint, { stageId: stageIds[1], laneId: lane.painpoints }, 0);
    expect(readCard(doc, painPoint)).toMatchObject({ severity: 3, links: [opportunity] });

    // Moving the opportunity out of the opportunities lane unlinks it and clears its impact.
    expect(countUpdates(doc, () => moveCard(doc, opportunity, { stageId: stageIds[0], laneId: lane.actions }, 0))).toBe(1);
    expect(raw(doc, opportunity).has('impact')).toBe(false);
    expect(readCard(doc, painPoint)?.links).toEqual([]);

    // Moving the pain point to the emotions lane drops severity and links, keeps the department.
    linkCards(doc, painPoint, addCard(doc, at(lane.opportunities)));
    moveCard(doc, painPoint, { stageId: stageIds[0], laneId: lane.emotions }, 0);
    expect(raw(doc, painPoint).has('severity')).toBe(false);
    expect(raw(doc, painPoint).has('links')).toBe(false);
    expect(readCard(doc, painPoint)?.department).toBe('dept-ops');
  });

  it('reports a missing card, lane or stage, and a bad index', () => {
    const { doc, stageIds, lane } = makeMap();
    const id = addCard(doc, { stageId: stageIds[0], laneId: lane.actions, createdBy: USER });
    expectMapError(() => moveCard(doc, 'nope', { stageId: stageIds[0], laneId: lane.actions }, 0), 'map.card.notFound');
    expectMapError(() => moveCard(doc, id, { stageId: stageIds[0], laneId: 'nope' }, 0), 'map.lane.notFound');
    expectMapError(() => moveCard(doc, id, { stageId: 'nope', laneId: lane.actions }, 0), 'map.stage.notFound');
    expectMapError(() => moveCard(doc, id, { stageId: stageIds[1], laneId: lane.actions }, -1), 'map.invalidIndex');
    expect(readCard(doc, id)?.stageId).toBe(stageIds[0]);
  });
});

describe('deleteCard', () => {
  it('deletes the card and removes it from pain points that link to it', () => {
    const { doc, stageIds, lane } = makeMap();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const painPoint = addCard(doc, at(lane.painpoints));
    const keep = addCard(doc, at(lane.opportunities));
    const gone = addCard(doc, at(lane.opportunities));
    linkCards(doc, painPoint, keep);
    linkCards(doc, painPoint, gone);
    expect(countUpdates(doc, () => deleteCard(doc, gone))).toBe(1);
    expect(doc.getMap('cards').has(gone)).toBe(false);
    expect(raw(doc, painPoint).get('links')).toEqual([keep]);
    expectMapError(() => deleteCard(doc, gone), 'map.card.notFound');
  });
});

describe('linkCards / unlinkCards', () => {
  const setup = () => {
    const map = makeMap();
    const at = (laneId: string) => ({ stageId: map.stageIds[0], laneId, createdBy: USER });
    return {
      ...map,
      painPoint: addCard(map.doc, at(map.lane.painpoints)),
      opportunity: addCard(map.doc, at(map.lane.opportunities)),
      action: addCard(map.doc, at(map.lane.actions)),
      at,
    };
  };

  it('links a pain point to an opportunity once, and unlinks it', () => {
    const { doc, painPoint, opportunity } = setup();
    linkCards(doc, painPoint, opportunity);
    expect(countUpdates(doc, () => linkCards(doc, painPoint, opportunity))).toBe(0);
    expect(readCard(doc, painPoint)?.links).toEqual([opportunity]);
    unlinkCards(doc, painPoint, opportunity);
    expect(readCard(doc, painPoint)?.links).toEqual([]);
    expect(countUpdates(doc, () => unlinkCards(doc, painPoint, opportunity))).toBe(0);
  });

  it('only links pain points to opportunities', () => {
    const { doc, painPoint, opportunity, action } = setup();
    expectMapError(() => linkCards(doc, opportunity, painPoint), 'map.link.invalid');
    expectMapError(() => linkCards(doc, painPoint, action), 'map.link.invalid');
    expectMapError(() => linkCards(doc, action, opportunity), 'map.link.invalid');
    expectMapError(() => linkCards(doc, painPoint, 'nope'), 'map.card.notFound');
    expectMapError(() => unlinkCards(doc, 'nope', opportunity), 'map.card.notFound');
    expect(readCard(doc, painPoint)?.links).toEqual([]);
  });

  it(`caps a pain point at ${MAX_LINKS} links`, () => {
    const { doc, painPoint, lane, at } = setup();
    for (let i = 0; i < MAX_LINKS; i++) linkCards(doc, painPoint, addCard(doc, at(lane.opportunities)));
    expectMapError(() => linkCards(doc, painPoint, addCard(doc, at(lane.opportunities))), 'map.link.tooMany');
  });
});

describe('setMeta', () => {
  it('sets the title and up to two personas', () => {
    const doc = new Y.Doc();
    setMeta(doc, { title: '  Perjalanan pembeli online ', personaIds: ['p1', 'p2'] });
    expect(readMeta(doc)).toMatchObject({ title: 'Perjalanan pembeli online', personaIds: ['p1', 'p2'] });
    setMeta(doc, { personaIds: [] });
    expect(readMap(doc).meta).toMatchObject({ title: 'Perjalanan pembeli online', personaIds: [] });
    expect(countUpdates(doc, () => setMeta(doc, { title: 'Perjalanan pembeli online', personaIds: [] }))).toBe(0);
  });

  it('rejects a bad title, more than two personas, duplicates and non-ids', () => {
    const doc = new Y.Doc();
    expectMapError(() => setMeta(doc, { title: '' }), 'map.meta.invalidTitle');
    expectMapError(() => setMeta(doc, { title: 'x'.repeat(MAX_TITLE + 1) }), 'map.meta.invalidTitle');
    expectMapError(() => setMeta(doc, { personaIds: ['a', 'b', 'c'] }), 'map.meta.tooManyPersonas');
    expectMapError(() => setMeta(doc, { personaIds: ['a', 'a'] }), 'map.meta.invalidPersonaIds');
    expectMapError(() => setMeta(doc, { personaIds: [''] }), 'map.meta.invalidPersonaIds');
    expectMapError(() => setMeta(doc, { personaIds: 'a' as unknown as string[] }), 'map.meta.invalidPersonaIds');
    expect(doc.getMap('meta').size).toBe(0);
  });
});
