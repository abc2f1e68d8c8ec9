'use client';
// Board windowing: each cell renders only the cards near the board's visible area; the runs of
// cards in between are empty boxes as tall as those cards were (or would be), so the board keeps
// its size and does not jump while scrolling.
//
// Why: typing into one card re-layerizes and repaints what the page holds, and Chrome keeps
// per-element work (intersection checks, remembered sizes) for every `content-visibility` box, each
// frame. A 1,000-card map held 1,000 cards; now it holds the few dozen around the visible area.
// A card stays rendered while focus is in it, while it is being dragged, and when it has been
// asked to take focus (added, moved). Keyboard users reach the cards of a run with Tab: the run's
// box is a focus stop that brings its nearest card and hands focus to it. Find in page reaches
// them through their texts, kept hidden-until-found where the cards would be (FindableText.tsx).
import { createContext, useCallback, useContext, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from 'react';
import {
  blocksKey,
  CARD_GAP_PX,
  estimatedHeight,
  renderedIds,
  hiddenOffsets,
  WINDOW_MARGIN,
  windowBlocks,
  type Block,
} from '@/lib/map-client/card-window';
import { createStore, type Store } from '@/lib/map-client/store';

export type { Block };

type Update = () => void;

export class BoardWindow {
  /** The card being dragged, if any: it stays rendered wherever it goes. */
  readonly dragged: Store<string | null> = createStore<string | null>(null);
  /** Last measured height of each card that was rendered, px. */
  readonly heights = new Map<string, number>();
  /** Per lane kind, the sum and count of those heights: the estimate for its cards never rendered. */
  private readonly groups = new Map<string, { sum: number; count: number }>();
  /** When a cell last changed what it renders (performance.now()). */
  lastChange = 0;
  private scroller: HTMLElement | null = null;
  private readonly cells = new Set<Update>();
  private frame = 0;

  /** Starts following the scroll container: every registered cell updates now (before paint) and on every scroll or resize. */
  attach(scroller: HTMLElement): () => void {
    this.scroller = scroller;
    const schedule = () => this.schedule();
    scroller.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    this.cells.forEach((update) => update());
    return () => {
      scroller.removeEventListener('scroll', schedule);
      resize.disconnect();
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.scroller = null;
    };
  }

  /** Registers a cell's update; runs it at once when the board is attached already. */
  register(update: Update): () => void {
    this.cells.add(update);
    if (this.scroller) update();
    return () => void this.cells.delete(update);
  }

  /** Updates every cell in the next animation frame (after a scroll, or after a cell changed size). */
  schedule(): void {
    if (this.frame || !this.scroller) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.cells.forEach((update) => update());
    });
  }

  /**
   * The blocks of the cell `box` holding `cardIds` (null before the board is attached). Measures
   * the cards it renders now, so the boxes standing in for them keep their real height.
   */
  blocksFor(box: HTMLElement, cardIds: readonly string[], group: string, keepIds: ReadonlySet<string>): Block[] | null {
    const scroller = this.scroller;
    if (!scroller) return null;
    for (const element of box.querySelectorAll<HTMLElement>(':scope > [data-card-id]')) {
      const height = element.offsetHeight;
      if (height > 0) this.measured(element.dataset.cardId!, height, group);
    }
    const view = scroller.getBoundingClientRect();
    const cell = box.getBoundingClientRect();
    const dy = scroller.clientHeight * WINDOW_MARGIN;
    const dx = scroller.clientWidth * WINDOW_MARGIN;
    const keep = new Set<number>();
    cardIds.forEach((id, index) => keepIds.has(id) && keep.add(index));
    return windowBlocks({
      heights: cardIds.map((id) => this.heightOf(id, group)),
      gap: CARD_GAP_PX,
      // The list starts where its first block (a card or a run's box) is: no style read per scroll frame.
      listTop: box.firstElementChild?.getBoundingClientRect().top ?? cell.top,
      viewTop: view.top - dy,
      viewBottom: view.bottom + dy,
      columnNear: cell.right >= view.left - dx && cell.left <= view.right + dx,
      keep,
    });
  }

  /** A card's last measured height, else the mean of its lane kind's measured cards, else its kind's estimate, px. */
  heightOf(id: string, group: string): number {
    const known = this.heights.get(id);
    if (known !== undefined) return known;
    const stats = this.groups.get(group);
    return stats?.count ? stats.sum / stats.count : estimatedHeight(group);
  }

  private measured(id: string, height: number, group: string): void {
    const before = this.heights.get(id);
    if (before === height) return;
    const stats = this.groups.get(group) ?? { sum: 0, count: 0 };
    if (before === undefined) stats.count++;
    stats.sum += height - (before ?? 0);
    this.groups.set(group, stats);
    this.heights.set(id, height);
  }

  /** The cards `blocks` do not render, and where each would start from the top of the cell's list, px. */
  hiddenTops(cardIds: readonly string[], group: string, blocks: readonly Block[]): { id: string; top: number }[] {
    const heights = cardIds.map((id) => this.heightOf(id, group));
    return hiddenOffsets(blocks, heights, CARD_GAP_PX).map(({ index, top }) => ({ id: cardIds[index], top }));
  }

  /**
   * Blocks for `cardIds` without looking at the page: the cards in `rendered` (and only those)
   * shown, the others stood in for by their last or estimated height. Used before the board is
   * attached and for the one render between a change of the cell's cards and its next update.
   */
  estimate(cardIds: readonly string[], group: string, rendered: ReadonlySet<string>): Block[] {
    const keep = new Set<number>();
    cardIds.forEach((id, index) => rendered.has(id) && keep.add(index));
    return windowBlocks({
      heights: cardIds.map((id) => this.heightOf(id, group)),
      gap: CARD_GAP_PX,
      listTop: 0,
      viewTop: 1,
      viewBottom: 0,
      columnNear: false,
      keep,
    });
  }
}

export const BoardWindowContext = createContext<BoardWindow | null>(null);

const allCards = (count: number): Block[] => (count ? [{ kind: 'cards', from: 0, to: count - 1 }] : []);

interface CellWindowState {
  ids: readonly string[];
  blocks: Block[];
  key: string;
}

/**
 * What the cell in `box` renders of `cardIds`, the focus handlers its box needs, and `refresh`
 * (call it after asking one of its cards to take focus). Outside a board (no window), every card.
 * `pendingFocus` tells the card asked to take focus, if any.
 */
export function useCellWindow(
  box: RefObject<HTMLElement | null>,
  cardIds: readonly string[],
  group: string,
  pendingFocus: () => string | null,
) {
  const board = useContext(BoardWindowContext);
  const [state, setState] = useState<CellWindowState>(() => {
    const blocks = board ? board.estimate(cardIds, group, new Set()) : allCards(cardIds.length);
    return { ids: cardIds, blocks, key: blocksKey(blocks) };
  });
  const current = useRef(state);
  const focused = useRef<string | null>(null);
  const found = useRef(new Set<string>());
  const latest = useRef(cardIds);

  const update = useCallback(() => {
    const element = box.current;
    if (!board || !element) return;
    const ids = latest.current;
    const pending = pendingFocus();
    const keep = new Set<string>();
    if (focused.current) keep.add(focused.current);
    found.current.forEach((id) => keep.add(id));
    if (pending) keep.add(pending);
    const dragged = board.dragged.get();
    if (dragged) keep.add(dragged);
    const blocks = board.blocksFor(element, ids, group, keep);
    if (!blocks) return;
    const key = blocksKey(blocks);
    if (key === current.current.key && ids === current.current.ids) return;
    current.current = { ids, blocks, key };
    setState(current.current);
    board.lastChange = performance.now();
    board.schedule(); // cells below may have moved
  }, [board, box, group, pendingFocus]);

  useLayoutEffect(() => {
    latest.current = cardIds;
    update();
  }, [cardIds, update]);
  useLayoutEffect(() => (board ? board.register(update) : undefined), [board, update]);
  useLayoutEffect(() => (board ? board.dragged.subscribe(update) : undefined), [board, update]);

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-card-id]')?.dataset.cardId ?? null;
    if (id !== focused.current) {
      focused.current = id;
      update();
    }
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    const next = (event.relatedTarget as HTMLElement | null)?.closest<HTMLElement>('[data-card-id]');
    if (next && event.currentTarget.contains(next)) return; // onFocus follows
    focused.current = null;
    board?.schedule();
  };

  /**
   * Find in page matched the hidden text of card `id`: render the card, and keep it in view while
   * the cards around the match (estimated until now) render and take their real size, until the
   * board has been quiet for 400 ms (5 s at most), or the person scrolls, clicks or types.
   */
  const reveal = useCallback(
    (id: string) => {
      found.current.add(id);
      update();
      const started = performance.now();
      // The person takes over (scrolls, clicks, types): stop following at once.
      let takenOver = false;
      const takeOver = () => (takenOver = true);
      const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
      inputs.forEach((type) => window.addEventListener(type, takeOver, { capture: true, passive: true }));
      const follow = () => {
        const now = performance.now();
        const settling = now - Math.max(started, board?.lastChange ?? 0) < 400;
        if (!takenOver)
          box.current?.querySelector(`[data-card-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        if (!takenOver && settling && now - started < 5000) return void requestAnimationFrame(follow);
        inputs.forEach((type) => window.removeEventListener(type, takeOver, { capture: true }));
        found.current.delete(id);
        board?.schedule();
      };
      requestAnimationFrame(follow);
    },
    [board, box, update],
  );

  let blocks = state.blocks;
  if (!board) blocks = allCards(cardIds.length);
  else if (state.ids !== cardIds) {
    // The cards changed since the last update (added, moved, deleted): until the update that
    // follows this render (before paint), render the same cards as before, and the one asked to take focus.
    const rendered = renderedIds(state.blocks, state.ids);
    const pending = pendingFocus();
    if (pending) rendered.add(pending);
    blocks = board.estimate(cardIds, group, rendered);
  }
  const hidden = board ? board.hiddenTops(cardIds, group, blocks) : [];
  return { blocks, hidden, onFocus, onBlur, refresh: update, reveal };
}
