// Keyboard moves of a card (Alt+Arrow keys, the card menu): where one step in a direction lands.
import type * as Y from 'yjs';
import { cardsMap, cellCards, sortedStages, type CellRef } from '@/lib/map';
import { asRecord, cardCellOf } from '@/lib/map/doc';

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface MoveTarget {
  cell: CellRef;
  /** Index in the target cell, not counting the card itself (what moveCard expects). */
  index: number;
}

/**
 * One step up or down within the cell, or into the previous or next stage at the same height
 * (or last, when that cell is shorter). Null when the card cannot go that way.
 */
export function stepTarget(doc: Y.Doc, cardId: string, direction: Direction): MoveTarget | null {
  const record = asRecord(cardsMap(doc).get(cardId));
  const cell = record && cardCellOf(record);
  if (!cell) return null;
  const { stageId, laneId } = cell;
  const siblings = cellCards(doc, stageId, laneId);
  const index = siblings.indexOf(cardId);
  if (index === -1) return null;
  if (direction === 'up' || direction === 'down') {
    const next = direction === 'up' ? index - 1 : index + 1;
    if (next < 0 || next >= siblings.length) return null;
    return { cell: { stageId, laneId }, index: next };
  }
  const stages = sortedStages(doc);
  const stageIndex = stages.findIndex((stage) => stage.id === stageId);
  const target = stages[stageIndex + (direction === 'left' ? -1 : 1)];
  if (stageIndex === -1 || !target) return null;
  const targetCount = cellCards(doc, target.id, laneId).length;
  return {
    cell: { stageId: target.id, laneId },
    index: Math.min(index, targetCount),
  };
}
