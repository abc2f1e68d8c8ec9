// The six-stage journey (awareness → loyalty) shared by the B2C and B2B templates;
// each template describes the stages in its own terms.

import { STAGE_COLORS, type Localized, type TemplateStage } from './definition';

export type SixStageKey = 'awareness' | 'consideration' | 'decision' | 'purchase' | 'postPurchase' | 'loyalty';

const NAMES: Record<SixStageKey, Localized> = {
  awareness: { id: 'Kesadaran', en: 'Awareness' },
  consideration: { id: 'Pertimbangan', en: 'Consideration' },
  decision: { id: 'Keputusan', en: 'Decision' },
  purchase: { id: 'Pembelian', en: 'Purchase' },
  postPurchase: { id: 'Pasca-pembelian', en: 'Post-purchase' },
  loyalty: { id: 'Loyalitas', en: 'Loyalty' },
};

export function sixStages(descriptions: Record<SixStageKey, Localized>): TemplateStage[] {
  return (Object.keys(NAMES) as SixStageKey[]).map((key, index) => ({
    key,
    name: NAMES[key],
    description: descriptions[key],
    color: STAGE_COLORS[index],
  }));
}
