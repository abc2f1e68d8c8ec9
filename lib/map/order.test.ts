import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderBetween, orderForIndex, spacedOrders, tryOrderBetween } from './order';

const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });

describe('orderBetween', () => {
  it('opens an empty list at 0 and extends either end by one', () => {
    expect(orderBetween()).toBe(0);
    expect(orderBetween(4)).toBe(5);
    expect(orderBetween(undefined, 4)).toBe(3);
    expect(orderBetween(1, 2)).toBe(1.5);
  });

  it('throws when there is no room: equal, reversed or adjacent doubles', () => {
    expect(() => orderBetween(1, 1)).toThrow(RangeError);
    expect(() => orderBetween(2, 1)).toThrow(RangeError);
    expect(() => orderBetween(1, 1 + Number.EPSILON)).toThrow(RangeError);
    expect(tryOrderBetween(1, 1)).toBeNull();
  });

  it('does not overflow between the largest doubles', () => {
    const order = orderBetween(-Number.MAX_VALUE, Number.MAX_VALUE);
    expect(Number.isFinite(order)).toBe(true);
  });

  it('property: the result lies strictly between its neighbours whenever they differ by a few ulps', () => {
    fc.assert(
      fc.property(finite, finite, (x, y) => {
        const [a, b] = x < y ? [x, y] : [y, x];
        fc.pre(b - a > 4 * Number.EPSILON * Math.max(1, Math.abs(a), Math.abs(b)));
        const order = orderBetween(a, b);
        expect(order).toBeGreaterThan(a);
        expect(order).toBeLessThan(b);
      }),
    );
  });

  it('property: an open end always moves past the neighbour', () => {
    fc.assert(
      fc.property(finite, (a) => {
        expect(orderBetween(a)).toBeGreaterThan(a);
        expect(orderBetween(undefined, a)).toBeLessThan(a);
      }),
    );
  });

  it.each([true, false])('repeated inserts at one spot stay strictly ordered until no room is reported (towards low: %s)', (towardsLow) => {
    let low = 0;
    let high = 1;
    for (let step = 0; step < 2000; step++) {
      const order = tryOrderBetween(low, high);
      if (order === null) return;
      expect(order > low && order < high).toBe(true);
      if (towardsLow) high = order;
      else low = order;
    }
    throw new Error('precision never ran out');
  });
});

describe('orderForIndex', () => {
  const orders = [0, 1, 2];

  it('places at the front, between and at the end', () => {
    expect(orderForIndex(orders, 0)).toBe(-1);
    expect(orderForIndex(orders, 1)).toBe(0.5);
    expect(orderForIndex(orders, 3)).toBe(3);
    expect(orderForIndex([], 0)).toBe(0);
  });

  it('clamps an index past the end', () => {
    expect(orderForIndex(orders, 99)).toBe(3);
  });

  it('leaves the moving item out, so the index is its position after the move', () => {
    // Item at position 0 moved to index 1: between the items 1 and 2.
    expect(orderForIndex(orders, 1, 0)).toBe(1.5);
    // Item at position 2 moved to the end stays after 1.
    expect(orderForIndex(orders, 2, 2)).toBe(2);
  });

  it('reports ties with null so the caller renumbers', () => {
    expect(orderForIndex([1, 1], 1)).toBeNull();
  });

  it('property: the new order sorts the item into the requested index', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 20 }),
        fc.nat(25),
        (raw, index) => {
          const sorted = [...raw].sort((a, b) => a - b);
          const order = orderForIndex(sorted, index) as number;
          const position = [...sorted, order].sort((a, b) => a - b).indexOf(order);
          expect(position).toBe(Math.min(index, sorted.length));
        },
      ),
    );
  });
});

describe('spacedOrders', () => {
  it('numbers items 0..n-1', () => {
    expect(spacedOrders(3)).toEqual([0, 1, 2]);
    expect(spacedOrders(0)).toEqual([]);
  });
});
