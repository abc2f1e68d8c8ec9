import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotonePath, type CurvePoint } from './curve-path';

type Segment = [CurvePoint, CurvePoint, CurvePoint, CurvePoint];

/** The path's cubic segments, each as its start, two control points and end. */
function segmentsOf(d: string): Segment[] {
  const numbers = (s: string) =>
    s
      .trim()
      .split(/[\s,]+/)
      .map(Number);
  const [move, ...curves] = d.split(/(?=C)/);
  expect(move.startsWith('M')).toBe(true);
  let [x, y] = numbers(move.slice(1));
  return curves.map((c) => {
    expect(c.startsWith('C')).toBe(true);
    const v = numbers(c.slice(1));
    expect(v).toHaveLength(6);
    const segment: Segment = [
      { x, y },
      { x: v[0], y: v[1] },
      { x: v[2], y: v[3] },
      { x: v[4], y: v[5] },
    ];
    [x, y] = [v[4], v[5]];
    return segment;
  });
}

function at([p0, p1, p2, p3]: Segment, t: number): CurvePoint {
  const u = 1 - t;
  const f = (k: 'x' | 'y') => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k];
  return { x: f('x'), y: f('y') };
}

/** Points the way the curve places them: increasing x, y on the five score lines. */
const curvePoints = fc
  .array(fc.record({ gap: fc.integer({ min: 10, max: 300 }), score: fc.integer({ min: -2, max: 2 }) }), { minLength: 2, maxLength: 14 })
  .map((list) => {
    let x = 0;
    return list.map(({ gap, score }) => ({ x: (x += gap), y: 10 + (2 - score) * 20 }));
  });

describe('monotonePath', () => {
  it('draws nothing for fewer than two points', () => {
    expect(monotonePath([])).toBe('');
    expect(monotonePath([{ x: 5, y: 5 }])).toBe('');
  });

  it('leaves out a point not to the right of the one before', () => {
    expect(
      monotonePath([
        { x: 5, y: 1 },
        { x: 5, y: 2 },
      ]),
    ).toBe('');
    const [only] = segmentsOf(
      monotonePath([
        { x: 0, y: 1 },
        { x: -4, y: 9 },
        { x: -2, y: 5 },
        { x: 10, y: 3 },
      ]),
    );
    expect([only[0], only[3]]).toEqual([
      { x: 0, y: 1 },
      { x: 10, y: 3 },
    ]);
  });

  it('is flat between two equal scores, whatever comes before and after', () => {
    // The shape that made the Catmull-Rom line bulge: up, level, down.
    const points = [
      { x: 0, y: 50 },
      { x: 100, y: 30 },
      { x: 200, y: 30 },
      { x: 300, y: 90 },
    ];
    const [, level] = segmentsOf(monotonePath(points));
    for (const p of level) expect(p.y).toBe(30);
  });

  it('goes through every point, and each segment stays between its two points (no overshoot)', () => {
    fc.assert(
      fc.property(curvePoints, (points) => {
        const segments = segmentsOf(monotonePath(points));
        expect(segments).toHaveLength(points.length - 1);
        segments.forEach((segment, i) => {
          const [a, b] = [points[i], points[i + 1]];
          expect(segment[0]).toEqual(a);
          expect(segment[3]).toEqual(b);
          const [low, high] = [Math.min(a.y, b.y) - 0.01, Math.max(a.y, b.y) + 0.01];
          let lastX = a.x;
          for (let t = 0; t <= 1; t += 1 / 64) {
            const p = at(segment, t);
            expect(p.y).toBeGreaterThanOrEqual(low);
            expect(p.y).toBeLessThanOrEqual(high);
            expect(p.x).toBeGreaterThanOrEqual(lastX - 0.01); // the line never turns back
            lastX = p.x;
          }
        });
      }),
    );
  });

  it('is smooth through an inner point on a slope (one tangent on both sides)', () => {
    const points = [
      { x: 0, y: 90 },
      { x: 100, y: 50 },
      { x: 250, y: 10 },
    ];
    const [first, second] = segmentsOf(monotonePath(points));
    const into = (first[3].y - first[2].y) / (first[3].x - first[2].x);
    const out = (second[1].y - second[0].y) / (second[1].x - second[0].x);
    expect(into).toBeLessThan(0);
    expect(Math.abs(into - out)).toBeLessThan(0.01);
  });
});
