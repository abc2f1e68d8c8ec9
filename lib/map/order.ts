// Fractional ordering for stages, lanes and cards.
//
// Each item carries an `order` number and lists sort by (order, id). Moving an item rewrites one
// number, so two people moving the same item concurrently converge on one of their choices
// (last writer wins) instead of duplicating it, as a delete+insert in a Y.Array would.

/** A number strictly between `a` and `b`, or null when no double fits (ties, exhausted precision). */
export function tryOrderBetween(a?: number, b?: number): number | null {
  let order: number;
  if (a === undefined && b === undefined) order = 0;
  else if (a === undefined) order = (b as number) - 1;
  else if (b === undefined) order = a + 1;
  // Halving each side first cannot overflow, unlike (a + b) / 2 near ±MAX_VALUE.
  else order = a / 2 + b / 2;
  const above = a === undefined || order > a;
  const below = b === undefined || order < b;
  return Number.isFinite(order) && above && below ? order : null;
}

/**
 * A number strictly between `a` and `b`; a missing side is an open end (first/last position).
 * Throws a RangeError when none exists: `a >= b`, or the two are adjacent doubles after many
 * inserts at one spot. Callers that can renumber should use `orderForIndex` instead.
 */
export function orderBetween(a?: number, b?: number): number {
  const order = tryOrderBetween(a, b);
  if (order === null) throw new RangeError(`no order between ${a} and ${b}`);
  return order;
}

/**
 * The order for an item placed at `index` of a list whose orders are `sortedOrders` (ascending).
 * `excludingSelf` is the item's current position in `sortedOrders` when it is moving within the
 * same list: it is taken out first, so `index` means "its position after the move".
 * `index` is clamped to the list. Returns null when the neighbours leave no room; the caller then
 * renumbers the list (see `spacedOrders`) and asks again.
 */
export function orderForIndex(sortedOrders: readonly number[], index: number, excludingSelf?: number): number | null {
  const others =
    excludingSelf === undefined ? sortedOrders : sortedOrders.filter((_, position) => position !== excludingSelf);
  const at = Math.min(Math.max(0, Math.trunc(index)), others.length);
  return tryOrderBetween(at > 0 ? others[at - 1] : undefined, at < others.length ? others[at] : undefined);
}

/** Evenly spaced orders for `count` items, used to renumber a list that ran out of room. */
export function spacedOrders(count: number): number[] {
  return Array.from({ length: count }, (_, position) => position);
}
