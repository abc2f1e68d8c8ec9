// The emotion curve's line: a smooth SVG path through the points that never overshoots them.
// Catmull-Rom (what the curve drew before) bulges past its points: between two stages scored +1
// the line rose above both, reading as a better moment the team never scored. A monotone cubic
// (Steffen's slopes, as d3's curveMonotoneX) keeps each segment between its two points' heights:
// flat between equal scores, a peak or a dip only at a scored point.

export interface CurvePoint {
  x: number;
  y: number;
}

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/**
 * Each point's slope (dy/dx), Steffen (1990): at an inner point, the two secants' mean weighted
 * by the other side's width, capped at twice the smaller secant, and 0 where the secants disagree
 * in sign or one is flat (an extremum stays at the point); at an end, its one secant. No slope
 * exceeds twice a neighbouring secant, so each Hermite segment is monotone (Fritsch–Carlson's
 * region).
 */
function slopes(points: readonly CurvePoint[]): number[] {
  const n = points.length;
  const secant: number[] = [];
  for (let i = 0; i < n - 1; i++) secant.push((points[i + 1].y - points[i].y) / (points[i + 1].x - points[i].x));
  const out = [secant[0]];
  for (let i = 1; i < n - 1; i++) {
    const [s0, s1] = [secant[i - 1], secant[i]];
    const [h0, h1] = [points[i].x - points[i - 1].x, points[i + 1].x - points[i].x];
    const mean = (s0 * h1 + s1 * h0) / (h0 + h1);
    out.push((sign(s0) + sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(mean)));
  }
  out.push(secant[n - 2]);
  return out;
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * An SVG path through `points`, in order, as cubic Béziers. A point not to the right of the one
 * before is left out (the line goes left to right; the caller places points so, this keeps a
 * layout glitch from breaking the board). '' for fewer than two points left: a single point is
 * drawn by itself, not as a line.
 */
export function monotonePath(input: readonly CurvePoint[]): string {
  const points: CurvePoint[] = [];
  for (const p of input) if (points.length === 0 || p.x > points[points.length - 1].x) points.push(p);
  if (points.length < 2) return '';
  const m = slopes(points);
  let d = `M${round(points[0].x)},${round(points[0].y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const third = (b.x - a.x) / 3;
    d += ` C${round(a.x + third)},${round(a.y + m[i] * third)} ${round(b.x - third)},${round(b.y - m[i + 1] * third)} ${round(b.x)},${round(b.y)}`;
  }
  return d;
}
