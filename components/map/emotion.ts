// Labels of the scored fields: emotion scores (−2…+2; their faces are in icons.tsx), severity levels.
import type { EmotionScore, Severity } from '@/lib/map';

/** Message keys under editor.emotion. */
export const EMOTION_KEYS = {
  [-2]: 'veryNegative',
  [-1]: 'negative',
  0: 'neutral',
  1: 'positive',
  2: 'veryPositive',
} as const satisfies Record<EmotionScore, string>;

/** Message keys under editor.card.severityLevels. */
export const SEVERITY_KEYS = {
  1: 'low',
  2: 'medium',
  3: 'high',
} as const satisfies Record<Severity, string>;

export const EMOTION_SCORES: readonly EmotionScore[] = [2, 1, 0, -1, -2];

/** "+2", "0", "−1": the score as people write it. */
export function formatScore(score: number): string {
  return score > 0 ? `+${score}` : score < 0 ? `−${Math.abs(score)}` : '0';
}
