// Which cards of a cell the board renders (see components/map/board-window.ts): the ones near the
// visible area and the ones that must stay (focused, dragged, asked to take focus); each run of the
// others is one box as tall as they are. Pure: positions in, blocks out.

/**
 * Mean height of a card per lane kind, px, measured on a 600-card map (1440×900, en): cards with
 * a field row (channel, emotion, severity and links, impact and feasibility) are taller. Used until
 * cards of that kind have rendered on this board; a far jump then moves little.
 */
const KIND_ESTIMATES_PX: Readonly<Record<string, number>> = { touchpoints: 112, emotions: 112, painpoints: 137, opportunities: 116 };
const PLAIN_CARD_PX = 86;

/** The height to assume for a card of lane kind `kind` that no card of that kind has been measured for, px. */
export function estimatedHeight(kind: string): number {
  return KIND_ESTIMATES_PX[kind] ?? PLAIN_CARD_PX;
}
/** Space between two cards of a cell (the CSS `gap` of `.cell`), px. */
export const CARD_GAP_PX = 8;
/** How far beyond the visible area cards are rendered, as a share of the visible area's size. */
export const WINDOW_MARGIN = 0.5;

/** What a cell renders: cards `from`…`to` (inclusive), or an empty box standing in for them. */
export type Block = { kind: 'cards'; from: number; to: number } | { kind: 'gap'; from: number; to: number; height: number };

export interface WindowInput {
  /** Height of each card of the cell, in order (measured, else estimated), px. */
  heights: readonly number[];
  gap: number;
  /** Where the first card starts, in the scroll content's coordinates, px. */
  listTop: number;
  /** The part of the scroll content to render (the visible area and its margin), px. */
  viewTop: number;
  viewBottom: number;
  /** Whether the cell's column is near the visible area at all. */
  columnNear: boolean;
  /** Cards rendered wherever they are (focused, dragged, asked to take focus). */
  keep: ReadonlySet<number>;
}

/** Which cards of a cell to render and the boxes standing in for the others, in order. */
export function windowBlocks({ heights, gap, listTop, viewTop, viewBottom, columnNear, keep }: WindowInput): Block[] {
  const blocks: Block[] = [];
  let top = listTop;
  for (let i = 0; i < heights.length; i++) {
    const bottom = top + heights[i];
    const shown = keep.has(i) || (columnNear && bottom >= viewTop && top <= viewBottom);
    const last = blocks[blocks.length - 1];
    if (shown) {
      if (last?.kind === 'cards') last.to = i;
      else blocks.push({ kind: 'cards', from: i, to: i });
    } else if (last?.kind === 'gap') {
      last.to = i;
      last.height += gap + heights[i];
    } else blocks.push({ kind: 'gap', from: i, to: i, height: heights[i] });
    top = bottom + gap;
  }
  return blocks;
}

/** A short, comparable form of a cell's blocks (re-render only when it changes). */
export const blocksKey = (blocks: readonly Block[]): string =>
  blocks.map((b) => (b.kind === 'cards' ? `c${b.from}-${b.to}` : `g${b.from}-${b.to}:${Math.round(b.height)}`)).join(',');

/** The ids of the cards `blocks` render out of `cardIds`. */
export function renderedIds(blocks: readonly Block[], cardIds: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const block of blocks)
    if (block.kind === 'cards') for (let i = block.from; i <= block.to && i < cardIds.length; i++) ids.add(cardIds[i]);
  return ids;
}

/** Where each of `heights` starts, from the top of the first, with `gap` between two. */
export function runOffsets(heights: readonly number[], gap: number): number[] {
  const tops: number[] = [];
  let top = 0;
  for (const height of heights) {
    tops.push(top);
    top += height + gap;
  }
  return tops;
}

/** The cards `blocks` stand in for with boxes, and where each starts from the top of the list, px. */
export function hiddenOffsets(blocks: readonly Block[], heights: readonly number[], gap: number): { index: number; top: number }[] {
  const tops = runOffsets(heights, gap);
  const hidden: { index: number; top: number }[] = [];
  for (const block of blocks)
    if (block.kind === 'gap') for (let i = block.from; i <= block.to && i < heights.length; i++) hidden.push({ index: i, top: tops[i] });
  return hidden;
}
