// Which cards sit in which cell, kept up to date from one deep observer on the cards map and
// published per cell: a card added, moved or deleted re-renders the cells it touches, and a
// keystroke (a Y.Text change) re-renders none.
import * as Y from 'yjs';
import { CARD_PLACEMENT_KEYS, cardCellOf, cardsMap, compareOrdered, orderOf } from '@/lib/map/doc';

export const cellKey = (stageId: string, laneId: string): string => `${stageId}|${laneId}`;

const EMPTY: readonly string[] = Object.freeze([]);

/** Whether a batch of card events can change which cell holds which card, or their order. */
export function touchesPlacement(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): boolean {
  for (const event of events) {
    if (event.target === root) return true; // a card added or deleted
    if (event instanceof Y.YMapEvent && event.target.parent === root) {
      for (const key of event.keysChanged) if (CARD_PLACEMENT_KEYS.includes(key)) return true;
    }
  }
  return false;
}

/** Cell contents of the whole cards map: cellKey → card ids in display order. */
export function computeCells(cards: Y.Map<unknown>): Map<string, string[]> {
  const lists = new Map<string, { id: string; order: number }[]>();
  cards.forEach((value, id) => {
    if (!(value instanceof Y.Map)) return;
    const cell = cardCellOf(value as Y.Map<unknown>);
    if (!cell) return;
    const key = cellKey(cell.stageId, cell.laneId);
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push({ id, order: orderOf(value as Y.Map<unknown>) });
  });
  const cells = new Map<string, string[]>();
  for (const [key, list] of lists)
    cells.set(
      key,
      list.sort(compareOrdered).map((item) => item.id),
    );
  return cells;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export class CellIndex {
  private cells: Map<string, string[]>;
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly anyListeners = new Set<() => void>();
  private readonly root: Y.Map<unknown>;

  constructor(doc: Y.Doc) {
    this.root = cardsMap(doc);
    this.cells = computeCells(this.root);
    this.root.observeDeep(this.onChange);
  }

  private onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (!touchesPlacement(events, this.root)) return;
    const next = computeCells(this.root);
    const changed: string[] = [];
    for (const key of new Set([...this.cells.keys(), ...next.keys()])) {
      const before = this.cells.get(key) ?? EMPTY;
      const after = next.get(key) ?? EMPTY;
      if (sameList(before, after))
        next.set(key, before as string[]); // keep the identity React compares
      else changed.push(key);
    }
    this.cells = next;
    for (const key of changed) this.listeners.get(key)?.forEach((listener) => listener());
    if (changed.length) this.anyListeners.forEach((listener) => listener());
  };

  /** The card ids of one cell, in display order (a stable array until the cell changes). */
  get(stageId: string, laneId: string): readonly string[] {
    return this.cells.get(cellKey(stageId, laneId)) ?? EMPTY;
  }

  /** The cell a card is in, or null. */
  find(cardId: string): { key: string; index: number } | null {
    for (const [key, ids] of this.cells) {
      const index = ids.indexOf(cardId);
      if (index !== -1) return { key, index };
    }
    return null;
  }

  subscribe(stageId: string, laneId: string, listener: () => void): () => void {
    const key = cellKey(stageId, laneId);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  /** Called after any cell changed (for views over several cells, such as the emotion curve). */
  subscribeAll(listener: () => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  destroy(): void {
    this.root.unobserveDeep(this.onChange);
    this.listeners.clear();
    this.anyListeners.clear();
  }
}
