// The shape of a template: plain data in both languages, resolved to ids when a map is seeded.

import type { Channel, EmotionScore, LaneKind, MapLocale, Rating, Severity, TemplateId } from '../types';

/** The same text in every map locale; the compiler makes sure neither language is missing. */
export type Localized = Record<MapLocale, string>;

export interface TemplateStage {
  /** Local key that cards refer to; not stored in the document. */
  key: string;
  name: Localized;
  description: Localized;
  color: string;
}

export interface TemplateLane {
  kind: LaneKind;
  /** Defaults to the usual name of the kind (DEFAULT_LANE_NAMES). */
  name?: Localized;
}

export interface TemplateCard {
  /** Needed only when another card links to this one. */
  key?: string;
  stage: string;
  /** The lane's kind: a template has at most one lane of each kind. */
  lane: LaneKind;
  text: Localized;
  channel?: Channel;
  severity?: Severity;
  impact?: Rating;
  feasibility?: Rating;
  emotion?: EmotionScore;
  /** Keys of opportunity cards this pain point links to. */
  links?: string[];
}

export interface TemplateDefinition {
  id: TemplateId;
  name: Localized;
  description: Localized;
  stages: TemplateStage[];
  lanes: TemplateLane[];
  cards: TemplateCard[];
}

export const DEFAULT_LANE_NAMES: Readonly<Record<LaneKind, Localized>> = {
  actions: { id: 'Aksi pelanggan', en: 'Customer actions' },
  touchpoints: { id: 'Titik sentuh', en: 'Touchpoints' },
  thoughts: { id: 'Pikiran & pertanyaan', en: 'Thoughts & questions' },
  emotions: { id: 'Emosi', en: 'Emotions' },
  painpoints: { id: 'Titik masalah', en: 'Pain points' },
  opportunities: { id: 'Peluang', en: 'Opportunities' },
  backstage: { id: 'Proses di balik layar', en: 'Backstage processes' },
  metrics: { id: 'Metrik', en: 'Metrics' },
  owners: { id: 'Departemen penanggung jawab', en: 'Responsible department' },
  text: { id: 'Catatan', en: 'Notes' },
};

/** Stage colours in journey order; distinct enough side by side and readable with white text. */
export const STAGE_COLORS = ['#2563eb', '#7c3aed', '#db2777', '#ea580c', '#16a34a', '#0891b2'] as const;
