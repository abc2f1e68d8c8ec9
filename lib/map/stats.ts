// Counters for the dashboard, computed from the visible cards only.

import type * as Y from 'yjs';
import { decodeCardFields } from './doc';
import { placedCards, sortedLanes, sortedStages } from './read';

export interface MapStats {
  cards: number;
  painPoints: number;
  /** Pain points no department has taken on: the gaps a manager wants to see first. */
  painPointsWithoutOwner: number;
  opportunities: number;
  stages: number;
  lanes: number;
}

export function mapStats(doc: Y.Doc): MapStats {
  const stages = sortedStages(doc);
  const lanes = sortedLanes(doc);
  const stats: MapStats = {
    cards: 0,
    painPoints: 0,
    painPointsWithoutOwner: 0,
    opportunities: 0,
    stages: stages.length,
    lanes: lanes.length,
  };
  for (const card of placedCards(doc, stages, lanes)) {
    stats.cards++;
    if (card.kind === 'opportunities') stats.opportunities++;
    if (card.kind === 'painpoints') {
      stats.painPoints++;
      if (decodeCardFields(card.record, card.kind).department === null) stats.painPointsWithoutOwner++;
    }
  }
  return stats;
}
