// The editor's pictograms as line icons (lucide, inline SVG): they look the same on every system
// and need no emoji font. Emoji did not: a Linux desktop without a colour-emoji font showed empty
// boxes for 🙂, 🙁, 👣 and 📍, and every platform drew the rest in its own style.
import {
  ChartColumn,
  Cog,
  Footprints,
  Lightbulb,
  MapPin,
  MessageCircle,
  NotebookPen,
  Smile,
  Trash2,
  TriangleAlert,
  Users,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';
import type { SVGProps } from 'react';
import type { EmotionScore, LaneKind } from '@/lib/map';

const LANE_ICONS: Record<LaneKind, LucideIcon> = {
  actions: Footprints,
  touchpoints: MapPin,
  thoughts: MessageCircle,
  emotions: Smile,
  painpoints: TriangleAlert,
  opportunities: Lightbulb,
  backstage: Cog,
  metrics: ChartColumn,
  owners: Users,
  text: NotebookPen,
};

/**
 * The faces' strokes on a 24-unit grid centred on (12, 12), the outline circle aside: Lucide's
 * angry, frown, meh, smile and laugh (ISC licence, lucide.dev). Kept as data so the emotion curve
 * draws them inside its own SVG: a nested <svg> per point added a viewBox transform and a clip to
 * each of the 143 points of a 1,000-card map, paint property nodes that Chrome's layerize walks on
 * every keystroke.
 */
const FACE_STROKES: Record<EmotionScore, readonly string[]> = {
  [-2]: ['M15 12v-1.584', 'M17 10a5 5 0 00-3 1', 'M7 10a5 5 0 013 1', 'M9 12v-1.584', 'M9 17a5 5 0 016.001 0'],
  [-1]: ['M15 10V9', 'M9 10V9', 'M9 16a5 5 0 016 0'],
  0: ['M15 10V9', 'M8 16h8', 'M9 10V9'],
  1: ['M15 10V9', 'M16.472 15a6 6 0 01-8.943 0', 'M9 10V9'],
  2: ['M15 10V9', 'M7.084 14.302a5.12 5.12 0 009.833 0 .24.24 0 00-.235-.302H7.32a.24.24 0 00-.235.302', 'M9 10V9'],
} as Record<EmotionScore, readonly string[]>;

/** The grid the face strokes are drawn on (FACE_STROKES), in units. */
export const FACE_GRID = 24;

type IconProps = Omit<LucideProps, 'ref'>;

/** The icon of every Delete item in the editor's menus (cards, lanes, stages). */
export function DeleteIcon() {
  return <Trash2 size={16} aria-hidden="true" />;
}

/** The icon of a lane kind (decorative: the kind is always named in text beside it). */
export function LaneIcon({ kind, size = 16, ...props }: { kind: LaneKind } & IconProps) {
  const Icon = LANE_ICONS[kind];
  return <Icon size={size} aria-hidden="true" focusable="false" {...props} />;
}

/**
 * A face (outline, eyes, brows, mouth) for use inside an SVG, on the 24-unit grid. The caller
 * places and scales it, in one transform.
 */
export function FaceStrokes({ score, ...props }: { score: EmotionScore } & SVGProps<SVGGElement>) {
  return (
    <g fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" data-score={score} {...props}>
      {FACE_STROKES[score].map((d) => (
        <path key={d} d={d} />
      ))}
      <circle cx={12} cy={12} r={10} />
    </g>
  );
}

/** The face of an emotion score, from angry (−2) to laughing (+2), as an icon; decorative, like LaneIcon. */
export function EmotionFace({ score, size = 16, className }: { score: EmotionScore; size?: number; className?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${FACE_GRID} ${FACE_GRID}`}
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <FaceStrokes score={score} />
    </svg>
  );
}
