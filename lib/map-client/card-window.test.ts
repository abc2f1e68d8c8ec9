import { describe, expect, it } from 'vitest';
import {
  blocksKey,
  estimatedHeight,
  hiddenOffsets,
  renderedIds,
  runOffsets,
  windowBlocks,
  type Block,
  type WindowInput,
} from './card-window';

// Ten cards of 100 px, 10 px apart, from y = 0: card i spans [110 i, 110 i + 100].
const base: WindowInput = {
  heights: Array(10).fill(100),
  gap: 10,
  listTop: 0,
  viewTop: 0,
  viewBottom: 0,
  columnNear: true,
  keep: new Set(),
};

/** The indices a list of blocks renders, and the total height it takes (boxes, cards, gaps). */
function summary(blocks: Block[], input: WindowInput) {
  const shown: number[] = [];
  let height = 0;
  let items = 0;
  for (const block of blocks) {
    if (block.kind === 'cards') {
      for (let i = block.from; i <= block.to; i++) {
        shown.push(i);
        height += input.heights[i];
        items++;
      }
    } else {
      height += block.height;
      items++;
    }
  }
  return { shown, height: height + (items - 1) * input.gap };
}

describe('windowBlocks', () => {
  it('renders the cards that overlap the view and stands in one box for each run of the others', () => {
    const input = { ...base, viewTop: 250, viewBottom: 480 }; // cards 2 (220–320) … 4 (440–540)
    const blocks = windowBlocks(input);
    expect(blocks).toEqual([
      { kind: 'gap', from: 0, to: 1, height: 210 },
      { kind: 'cards', from: 2, to: 4 },
      { kind: 'gap', from: 5, to: 9, height: 540 },
    ]);
    // The boxes take exactly the room of the cards they replace: the cell keeps its height.
    expect(summary(blocks, input).height).toBe(10 * 100 + 9 * 10);
  });

  it('counts a card touching the edge of the view as in it', () => {
    expect(summary(windowBlocks({ ...base, viewTop: 320, viewBottom: 325 }), base).shown).toEqual([2]);
    expect(summary(windowBlocks({ ...base, viewTop: 320, viewBottom: 330 }), base).shown).toEqual([2, 3]);
    expect(summary(windowBlocks({ ...base, viewTop: 321, viewBottom: 329 }), base).shown).toEqual([]);
  });

  it('measures from where the list starts and uses each card’s own height', () => {
    const input = { ...base, heights: [50, 300, 50, 50], listTop: 1000, viewTop: 1100, viewBottom: 1200 };
    const blocks = windowBlocks(input);
    expect(summary(blocks, input).shown).toEqual([1]); // 1060–1360
    expect(blocks[0]).toEqual({ kind: 'gap', from: 0, to: 0, height: 50 });
    expect(blocks[2]).toEqual({ kind: 'gap', from: 2, to: 3, height: 110 });
  });

  it('keeps the cards it is told to keep, wherever they are', () => {
    const input = { ...base, viewTop: 0, viewBottom: 50, keep: new Set([7]) };
    const blocks = windowBlocks(input);
    expect(summary(blocks, input).shown).toEqual([0, 7]);
    expect(blocks).toEqual([
      { kind: 'cards', from: 0, to: 0 },
      { kind: 'gap', from: 1, to: 6, height: 650 },
      { kind: 'cards', from: 7, to: 7 },
      { kind: 'gap', from: 8, to: 9, height: 210 },
    ]);
    expect(summary(blocks, input).height).toBe(1090);
  });

  it('renders no card of a column far from the view, except those kept', () => {
    expect(windowBlocks({ ...base, viewTop: -1e6, viewBottom: 1e6, columnNear: false })).toEqual([
      { kind: 'gap', from: 0, to: 9, height: 1090 },
    ]);
    const kept = windowBlocks({ ...base, viewTop: -1e6, viewBottom: 1e6, columnNear: false, keep: new Set([0]) });
    expect(kept[0]).toEqual({ kind: 'cards', from: 0, to: 0 });
  });

  it('has nothing to render for an empty cell', () => {
    expect(windowBlocks({ ...base, heights: [], viewTop: -1e6, viewBottom: 1e6 })).toEqual([]);
  });
});

describe('blocksKey and renderedIds', () => {
  it('tells blocks apart by their ranges and box heights', () => {
    const a: Block[] = [
      { kind: 'cards', from: 0, to: 2 },
      { kind: 'gap', from: 3, to: 4, height: 210 },
    ];
    expect(blocksKey(a)).toBe(blocksKey(a.map((b) => ({ ...b }))));
    expect(blocksKey(a)).not.toBe(blocksKey([a[0], { kind: 'gap', from: 3, to: 4, height: 300 }]));
    expect(blocksKey(a)).not.toBe(blocksKey([{ kind: 'cards', from: 0, to: 3 }, a[1]]));
  });

  it('names the cards the blocks render, ignoring indices past the end', () => {
    const blocks: Block[] = [
      { kind: 'gap', from: 0, to: 0, height: 100 },
      { kind: 'cards', from: 1, to: 5 },
    ];
    expect([...renderedIds(blocks, ['a', 'b', 'c'])]).toEqual(['b', 'c']);
  });
});

describe('runOffsets', () => {
  it('places each card of a run below the ones before it and their gaps', () => {
    expect(runOffsets([100, 50, 80], 8)).toEqual([0, 108, 166]);
    expect(runOffsets([], 8)).toEqual([]);
  });
});

describe('hiddenOffsets', () => {
  it('lists the cards the boxes stand in for, each at its place in the whole list', () => {
    const blocks: Block[] = [
      { kind: 'gap', from: 0, to: 1, height: 158 },
      { kind: 'cards', from: 2, to: 2 },
      { kind: 'gap', from: 3, to: 3, height: 80 },
    ];
    expect(hiddenOffsets(blocks, [100, 50, 70, 80], 8)).toEqual([
      { index: 0, top: 0 },
      { index: 1, top: 108 },
      { index: 3, top: 244 },
    ]);
  });
});

describe('estimatedHeight', () => {
  it('assumes taller cards for the lane kinds that carry a row of fields', () => {
    expect(estimatedHeight('painpoints')).toBeGreaterThan(estimatedHeight('actions'));
    expect(estimatedHeight('touchpoints')).toBeGreaterThan(estimatedHeight('text'));
    expect(estimatedHeight('no such kind')).toBe(estimatedHeight('actions'));
  });
});
