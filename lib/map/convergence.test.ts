import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MapOperationError } from './errors';
import {
  addCard,
  addLane,
  addStage,
  deleteCard,
  deleteLane,
  deleteStage,
  getCardText,
  linkCards,
  moveCard,
  moveLane,
  moveStage,
  setCardText,
  unlinkCards,
  updateCard,
  updateLane,
  updateStage,
  type CardPatch,
} from './operations';
import { cellCards, readCard, readMap, sortedStages } from './read';
import { mapStats } from './stats';
import { makeMap, replicaOf, sendUpdates, syncAll, USER } from './test-helpers';
import { CHANNELS, LANE_KINDS, type LaneKind } from './types';

/** Two replicas of one map, edited apart and then synced both ways. */
function twoReplicas(options?: Parameters<typeof makeMap>[0]) {
  const map = makeMap(options);
  return { ...map, a: map.doc, b: replicaOf(map.doc) };
}

function exchange(a: Y.Doc, b: Y.Doc) {
  sendUpdates(a, b);
  sendUpdates(b, a);
  expect(readMap(a)).toEqual(readMap(b));
}

describe('concurrent edits converge', () => {
  it('both move the same stage: it ends up once, at one of the two places', () => {
    const { a, b, stageIds } = twoReplicas({ stages: 4 });
    moveStage(a, stageIds[0], 3);
    moveStage(b, stageIds[0], 1);
    exchange(a, b);
    const ids = sortedStages(a).map((stage) => stage.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    expect([1, 3]).toContain(ids.indexOf(stageIds[0]));
  });

  it('both move different stages to the same spot: all stages kept, no duplicates', () => {
    const { a, b, stageIds } = twoReplicas({ stages: 4 });
    moveStage(a, stageIds[3], 0);
    moveStage(b, stageIds[2], 0);
    exchange(a, b);
    expect(new Set(sortedStages(a).map((stage) => stage.id))).toEqual(new Set(stageIds));
  });

  it('both add cards to the same cell, at the end and at the same index: all kept, same order', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const cell = { stageId: stageIds[0], laneId: lane.actions, createdBy: USER };
    const first = addCard(a, { ...cell, text: 'first' });
    sendUpdates(a, b);
    const fromA = [addCard(a, { ...cell, text: 'a end' }), addCard(a, { ...cell, text: 'a front' }, 0)];
    const fromB = [addCard(b, { ...cell, text: 'b end' }), addCard(b, { ...cell, text: 'b front' }, 0)];
    exchange(a, b);
    const ids = cellCards(a, stageIds[0], lane.actions);
    expect(new Set(ids)).toEqual(new Set([first, ...fromA, ...fromB]));
    // Both fronts before `first`, both ends after it.
    expect(ids.indexOf(first)).toBe(2);
    // Inserting between the two tied fronts still works (renumbering) and converges.
    const between = addCard(a, { ...cell, text: 'between' }, 1);
    sendUpdates(a, b);
    expect(cellCards(b, stageIds[0], lane.actions)[1]).toBe(between);
  });

  it('delete vs edit of a card: the card stays deleted everywhere', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const card = addCard(a, { stageId: stageIds[0], laneId: lane.painpoints, text: 'Lambat', createdBy: USER });
    sendUpdates(a, b);
    deleteCard(a, card);
    setCardText(b, card, 'Sangat lambat');
    updateCard(b, card, { severity: 3 });
    exchange(a, b);
    expect(readCard(a, card)).toBeNull();
  });

  it('delete of a stage vs a card added or moved into it: the card is hidden everywhere', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const moving = addCard(a, { stageId: stageIds[0], laneId: lane.actions, createdBy: USER });
    sendUpdates(a, b);
    deleteStage(a, stageIds[1]);
    addCard(b, { stageId: stageIds[1], laneId: lane.actions, createdBy: USER });
    moveCard(b, moving, { stageId: stageIds[1], laneId: lane.actions }, 0);
    exchange(a, b);
    expect(readMap(a).cards).toEqual([]);
    expect(mapStats(a)).toEqual(mapStats(b));
    expect(mapStats(a).cards).toBe(0);
  });

  it('edits of different fields of one stage or card both survive', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const card = addCard(a, { stageId: stageIds[0], laneId: lane.opportunities, createdBy: USER });
    sendUpdates(a, b);
    updateStage(a, stageIds[0], { name: 'Kesadaran' });
    updateStage(b, stageIds[0], { color: '#112233' });
    updateCard(a, card, { impact: 5 });
    updateCard(b, card, { feasibility: 2 });
    exchange(a, b);
    expect(sortedStages(a)[0]).toMatchObject({ name: 'Kesadaran', color: '#112233' });
    expect(readCard(a, card)).toMatchObject({ impact: 5, feasibility: 2 });
  });

  it('typing in the same card merges both edits', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const card = addCard(a, { stageId: stageIds[0], laneId: lane.actions, text: 'membandingkan harga', createdBy: USER });
    sendUpdates(a, b);
    getCardText(a, card).insert(0, 'Pelanggan ');
    getCardText(b, card).insert('membandingkan harga'.length, ' di marketplace');
    exchange(a, b);
    expect(readCard(a, card)?.text).toBe('Pelanggan membandingkan harga di marketplace');
  });

  it('link vs delete or move of the opportunity: no link to a card that is gone or no longer an opportunity', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const painPoint = addCard(a, at(lane.painpoints));
    const deleted = addCard(a, at(lane.opportunities));
    const moved = addCard(a, at(lane.opportunities));
    sendUpdates(a, b);
    deleteCard(a, deleted);
    moveCard(a, moved, { stageId: stageIds[0], laneId: lane.actions }, 0);
    linkCards(b, painPoint, deleted);
    linkCards(b, painPoint, moved);
    exchange(a, b);
    expect(readCard(a, painPoint)?.links).toEqual([]);
  });

  it('two people linking one pain point at once keep one of the links (links are replaced whole)', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const at = (laneId: string) => ({ stageId: stageIds[0], laneId, createdBy: USER });
    const painPoint = addCard(a, at(lane.painpoints));
    const first = addCard(a, at(lane.opportunities));
    const second = addCard(a, at(lane.opportunities));
    sendUpdates(a, b);
    linkCards(a, painPoint, first);
    linkCards(b, painPoint, second);
    exchange(a, b);
    const links = readCard(a, painPoint)?.links;
    expect([[first], [second]]).toContainEqual(links);
  });

  it('both move the same card to different cells: it ends up in exactly one', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const card = addCard(a, { stageId: stageIds[0], laneId: lane.touchpoints, createdBy: USER, channel: 'email' });
    sendUpdates(a, b);
    moveCard(a, card, { stageId: stageIds[1], laneId: lane.touchpoints }, 0);
    moveCard(b, card, { stageId: stageIds[2], laneId: lane.actions }, 0);
    exchange(a, b);
    const holding = readMap(a).cards.filter((candidate) => candidate.id === card);
    expect(holding).toHaveLength(1);
  });

  it('one moves a card to another stage, another to another lane: it lands where one of them put it', () => {
    // With stageId and laneId as separate keys this merged into a cell nobody chose
    // (the first move's stage with the second move's lane).
    const { a, b, stageIds, lane } = twoReplicas();
    const card = addCard(a, { stageId: stageIds[0], laneId: lane.actions, createdBy: USER });
    sendUpdates(a, b);
    const toStage = { stageId: stageIds[1], laneId: lane.actions };
    const toLane = { stageId: stageIds[0], laneId: lane.painpoints };
    moveCard(a, card, toStage, 0);
    moveCard(b, card, toLane, 0);
    exchange(a, b);
    const moved = readCard(a, card);
    expect([toStage, toLane]).toContainEqual({ stageId: moved?.stageId, laneId: moved?.laneId });
  });

  it('a move to another cell vs a reorder in the old one: the card is in the new cell', () => {
    const { a, b, stageIds, lane } = twoReplicas();
    const from = { stageId: stageIds[0], laneId: lane.actions };
    const [first, , third] = ['1', '2', '3'].map((text) => addCard(a, { ...from, text, createdBy: USER }));
    sendUpdates(a, b);
    const to = { stageId: stageIds[2], laneId: lane.actions };
    moveCard(a, third, to, 0);
    moveCard(b, third, from, 0);
    exchange(a, b);
    expect(cellCards(a, to.stageId, to.laneId)).toEqual([third]);
    expect(cellCards(a, from.stageId, from.laneId)[0]).toBe(first);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any interleaving of operations and partial syncs on three replicas converges.

const OPS = [
  'addStage',
  'updateStage',
  'moveStage',
  'deleteStage',
  'addLane',
  'updateLane',
  'moveLane',
  'deleteLane',
  'addCard',
  'addCard',
  'addCard',
  'addCard',
  'addCard',
  'moveCard',
  'moveCard',
  'deleteCard',
  'setCardText',
  'typeInCard',
  'updateCard',
  'linkCards',
  'linkCards',
  'linkCards',
  'unlinkCards',
  'sync',
] as const;

interface Command {
  replica: number;
  op: (typeof OPS)[number];
  a: number;
  b: number;
  c: number;
  text: string;
}

const command: fc.Arbitrary<Command> = fc.record({
  replica: fc.nat(2),
  op: fc.constantFrom(...OPS),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  text: fc.string({ maxLength: 12 }),
});

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

function patchFor(kind: LaneKind, n: number): CardPatch {
  switch (kind) {
    case 'touchpoints':
      return { channel: n % 5 === 0 ? null : CHANNELS[n % CHANNELS.length] };
    case 'painpoints':
      return n % 2 ? { severity: ((n % 3) + 1) as 1 | 2 | 3 } : { department: n % 3 ? `dept-${n % 4}` : null };
    case 'opportunities':
      return { impact: ((n % 5) + 1) as 1, feasibility: (((n >> 3) % 5) + 1) as 1 };
    case 'emotions':
      return { emotion: ((n % 5) - 2) as 0 };
    default:
      return { department: `dept-${n % 4}` };
  }
}

function apply(docs: Y.Doc[], { replica, op, a, b, c, text }: Command): void {
  const doc = docs[replica];
  const map = readMap(doc);
  const stage = pick(map.stages, a)?.id;
  const lane = pick(map.lanes, b);
  const card = pick(map.cards, c);
  const laneKind = (id: string) => map.lanes.find((candidate) => candidate.id === id)?.kind;
  try {
    switch (op) {
      case 'addStage':
        return void addStage(doc, { name: `S${text || a}` }, b % (map.stages.length + 2));
      case 'updateStage':
        return stage ? updateStage(doc, stage, { name: `R${text || b}` }) : undefined;
      case 'moveStage':
        return stage ? moveStage(doc, stage, b % (map.stages.length + 1)) : undefined;
      case 'deleteStage':
        return stage && map.stages.length > 1 ? deleteStage(doc, stage) : undefined;
      case 'addLane':
        return void addLane(doc, { kind: LANE_KINDS[a % LANE_KINDS.length], name: `L${b}` }, c % (map.lanes.length + 1));
      case 'updateLane':
        return lane ? updateLane(doc, lane.id, { name: `N${text}` }) : undefined;
      case 'moveLane':
        return lane ? moveLane(doc, lane.id, c % (map.lanes.length + 1)) : undefined;
      case 'deleteLane':
        return lane && map.lanes.length > 3 ? deleteLane(doc, lane.id) : undefined;
      case 'addCard': {
        // Half of the cards go to pain point and opportunity lanes, so links get exercised.
        const linkable = map.lanes.filter((candidate) => ['painpoints', 'opportunities'].includes(candidate.kind));
        const target = c % 2 === 0 ? (pick(linkable, b) ?? lane) : lane;
        if (!stage || !target) return;
        return void addCard(doc, { stageId: stage, laneId: target.id, text, createdBy: `u${replica}`, ...patchFor(target.kind, c) }, c % 4);
      }
      case 'moveCard':
        return card && stage && lane ? moveCard(doc, card.id, { stageId: stage, laneId: lane.id }, c % 4) : undefined;
      case 'deleteCard':
        return card ? deleteCard(doc, card.id) : undefined;
      case 'setCardText':
        return card ? setCardText(doc, card.id, text) : undefined;
      case 'typeInCard': {
        if (!card) return;
        const yText = getCardText(doc, card.id);
        const at = a % (yText.length + 1);
        if (b % 3 === 0 && yText.length > at) yText.delete(at, Math.min(2, yText.length - at));
        else yText.insert(at, text);
        return;
      }
      case 'updateCard':
        return card ? updateCard(doc, card.id, patchFor(laneKind(card.laneId) as LaneKind, a)) : undefined;
      case 'linkCards':
      case 'unlinkCards': {
        const painPoints = map.cards.filter((candidate) => laneKind(candidate.laneId) === 'painpoints');
        const opportunities = map.cards.filter((candidate) => laneKind(candidate.laneId) === 'opportunities');
        const from = pick(painPoints, a);
        const to = pick(opportunities, b);
        if (!from || !to) return;
        return op === 'linkCards' ? linkCards(doc, from.id, to.id) : unlinkCards(doc, from.id, to.id);
      }
      case 'sync':
        return sendUpdates(doc, docs[(replica + 1 + (a % 2)) % 3]);
    }
  } catch (error) {
    // Refusals (limits, a field the lane does not allow) are fine; anything else is a bug.
    if (!(error instanceof MapOperationError)) throw error;
  }
}

describe('convergence property', () => {
  it('random operations on three replicas with random partial syncs end equal after a full sync', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 10, maxLength: 80, size: 'max' }), (commands) => {
        const { doc: origin } = makeMap({ stages: 3, lanes: ['actions', 'touchpoints', 'emotions', 'painpoints', 'opportunities'] });
        const docs = [origin, replicaOf(origin), replicaOf(origin)];
        for (const step of commands) apply(docs, step);
        syncAll(docs);

        const [first, ...rest] = docs.map(readMap);
        for (const other of rest) expect(other).toEqual(first);

        // A client joining now, from the merged state alone, sees the same map.
        expect(readMap(replicaOf(docs[0]))).toEqual(first);

        // Invariants of the converged map.
        const stageIds = new Set(first.stages.map((stage) => stage.id));
        const laneKinds = new Map(first.lanes.map((lane) => [lane.id, lane.kind]));
        expect(new Set(first.cards.map((card) => card.id)).size).toBe(first.cards.length);
        for (const card of first.cards) {
          expect(stageIds.has(card.stageId)).toBe(true);
          expect(laneKinds.has(card.laneId)).toBe(true);
          for (const link of card.links) {
            expect(laneKinds.get(first.cards.find((target) => target.id === link)!.laneId)).toBe('opportunities');
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
