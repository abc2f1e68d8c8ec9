// The editor's pictograms as line icons (lucide, inline SVG): they look the same on every system
// and need no emoji font. Emoji did not: a Linux desktop without a colour-emoji font showed empty
// boxes for 🙂, 🙁, 👣 and 📍, and every platform drew the rest in its own style.
import {
  Angry,
  ChartColumn,
  Cog,
  Footprints,
  Frown,
  Laugh,
  Lightbulb,
  MapPin,
  Meh,
  MessageCircle,
  NotebookPen,
  Smile,
  TriangleAlert,
  Users,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';
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

const EMOTION_FACES: Record<EmotionScore, LucideIcon> = {
  [-2]: Angry,
  [-1]: Frown,
  0: Meh,
  1: Smile,
  2: Laugh,
} as Record<EmotionScore, LucideIcon>;

type IconProps = Omit<LucideProps, 'ref'>;

/** The icon of a lane kind (decorative: the kind is always named in text beside it). */
export function LaneIcon({ kind, size = 16, ...props }: { kind: LaneKind } & IconProps) {
  const Icon = LANE_ICONS[kind];
  return <Icon size={size} aria-hidden="true" focusable="false" {...props} />;
}

/** The face of an emotion score, from angry (−2) to laughing (+2); decorative, like LaneIcon. */
export function EmotionFace({ score, size = 16, ...props }: { score: EmotionScore } & IconProps) {
  const Face = EMOTION_FACES[score];
  return <Face size={size} aria-hidden="true" focusable="false" data-score={score} {...props} />;
}
