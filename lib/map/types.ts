// Shapes of the journey-map document (see lib/map/README.md) and the plain snapshot read from it.

export type MapLocale = 'id' | 'en';
export const MAP_LOCALES: readonly MapLocale[] = ['id', 'en'];

export type TemplateId = 'b2c' | 'b2b' | '5a' | 'omnichannel' | 'blank';
export const TEMPLATE_IDS: readonly TemplateId[] = ['b2c', 'b2b', '5a', 'omnichannel', 'blank'];

export type LaneKind =
  | 'actions'
  | 'touchpoints'
  | 'thoughts'
  | 'emotions'
  | 'painpoints'
  | 'opportunities'
  | 'backstage'
  | 'metrics'
  | 'owners'
  | 'text';

export const LANE_KINDS: readonly LaneKind[] = [
  'actions',
  'touchpoints',
  'thoughts',
  'emotions',
  'painpoints',
  'opportunities',
  'backstage',
  'metrics',
  'owners',
  'text',
];

export type Channel =
  | 'website'
  | 'mobile_app'
  | 'social_media'
  | 'search'
  | 'ads'
  | 'marketplace'
  | 'whatsapp'
  | 'email'
  | 'phone'
  | 'chat'
  | 'store'
  | 'event'
  | 'referral'
  | 'other';

export const CHANNELS: readonly Channel[] = [
  'website',
  'mobile_app',
  'social_media',
  'search',
  'ads',
  'marketplace',
  'whatsapp',
  'email',
  'phone',
  'chat',
  'store',
  'event',
  'referral',
  'other',
];

export type Severity = 1 | 2 | 3;
/** 1..5, used for both impact and feasibility of an opportunity. */
export type Rating = 1 | 2 | 3 | 4 | 5;
/** -2 (very negative) .. 2 (very positive). */
export type EmotionScore = -2 | -1 | 0 | 1 | 2;

export type StageId = string;
export type LaneId = string;
export type CardId = string;

export interface CellRef {
  laneId: LaneId;
  stageId: StageId;
}

/** Optional card attributes; which of them a card may carry depends on its lane's kind. */
export interface CardFields {
  department: string | null;
  channel: Channel | null;
  severity: Severity | null;
  impact: Rating | null;
  feasibility: Rating | null;
  emotion: EmotionScore | null;
}
export type CardFieldName = keyof CardFields;
export const CARD_FIELD_NAMES: readonly CardFieldName[] = [
  'department',
  'channel',
  'severity',
  'impact',
  'feasibility',
  'emotion',
];

/**
 * The lane kinds on which a field is meaningful; `null` means every lane.
 * Reads drop fields a card's lane does not allow (a concurrent move can leave them behind).
 */
export const FIELD_LANES: Readonly<Record<CardFieldName, readonly LaneKind[] | null>> = {
  department: null,
  channel: ['touchpoints'],
  severity: ['painpoints'],
  impact: ['opportunities'],
  feasibility: ['opportunities'],
  emotion: ['emotions'],
};

// Limits: they keep one map presentable and bound the document size a single client can grow.
export const MAX_STAGES = 30;
export const MAX_LANES = 30;
export const MAX_CARDS = 10_000;
export const MAX_CARD_TEXT = 2000;
export const MAX_TITLE = 200;
export const MAX_NAME = 120;
export const MAX_DESCRIPTION = 1000;
export const MAX_ID = 200;
export const MAX_PERSONAS = 2;
export const MAX_LINKS = 50;

/** Colour given to a stage created without one. */
export const DEFAULT_STAGE_COLOR = '#64748b';

export interface MetaSnapshot {
  title: string;
  /** null until the document has been seeded from a template. */
  template: TemplateId | null;
  locale: MapLocale | null;
  personaIds: string[];
  seeded: boolean;
}

export interface StageSnapshot {
  id: StageId;
  name: string;
  description: string;
  color: string;
  order: number;
}

export interface LaneSnapshot {
  id: LaneId;
  kind: LaneKind;
  name: string;
  order: number;
}

export interface CardSnapshot extends CardFields {
  id: CardId;
  laneId: LaneId;
  stageId: StageId;
  order: number;
  text: string;
  /** Opportunity card ids (pain point cards only). */
  links: CardId[];
  createdBy: string;
  createdAt: number;
}

/**
 * Plain JSON view of a map: stages and lanes by order, cards by (stage order, lane order, order).
 * Cards whose stage or lane no longer exists (a concurrent delete) are left out.
 */
export interface MapSnapshot {
  meta: MetaSnapshot;
  stages: StageSnapshot[];
  lanes: LaneSnapshot[];
  cards: CardSnapshot[];
}
