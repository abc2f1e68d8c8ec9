// How each lane kind shows itself: an icon beside its name.
import type { LaneKind } from '@/lib/map';

export const LANE_ICONS: Record<LaneKind, string> = {
  actions: '👣',
  touchpoints: '📍',
  thoughts: '💭',
  emotions: '😊',
  painpoints: '⚠️',
  opportunities: '💡',
  backstage: '⚙️',
  metrics: '📊',
  owners: '👥',
  text: '📝',
};
