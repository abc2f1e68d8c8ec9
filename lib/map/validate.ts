// Input checks shared by the operations; each throws a MapOperationError with the code to show.
// The `is*` guards are also what reads use to ignore malformed values written by another peer.

import { MapOperationError, type MapErrorCode } from './errors';
import {
  CARD_FIELD_NAMES,
  CHANNELS,
  FIELD_LANES,
  LANE_KINDS,
  MAP_LOCALES,
  MAX_CARD_TEXT,
  MAX_DESCRIPTION,
  MAX_ID,
  MAX_NAME,
  TEMPLATE_IDS,
  type CardFieldName,
  type CardFields,
  type Channel,
  type EmotionScore,
  type LaneKind,
  type MapLocale,
  type Rating,
  type Severity,
  type TemplateId,
} from './types';

export const isLaneKind = (value: unknown): value is LaneKind => LANE_KINDS.includes(value as LaneKind);
export const isChannel = (value: unknown): value is Channel => CHANNELS.includes(value as Channel);
export const isTemplateId = (value: unknown): value is TemplateId => TEMPLATE_IDS.includes(value as TemplateId);
export const isMapLocale = (value: unknown): value is MapLocale => MAP_LOCALES.includes(value as MapLocale);

const isIntIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
export const isSeverity = (value: unknown): value is Severity => isIntIn(value, 1, 3);
export const isRating = (value: unknown): value is Rating => isIntIn(value, 1, 5);
export const isEmotionScore = (value: unknown): value is EmotionScore => isIntIn(value, -2, 2);
export const isHexColor = (value: unknown): value is string =>
  typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
export const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;

/** Whether `value` is a well-formed, non-null value for `field`. */
export function isFieldValue(field: CardFieldName, value: unknown): boolean {
  switch (field) {
    case 'department':
      return isId(value);
    case 'channel':
      return isChannel(value);
    case 'severity':
      return isSeverity(value);
    case 'impact':
    case 'feasibility':
      return isRating(value);
    case 'emotion':
      return isEmotionScore(value);
  }
}

export function fieldAllowedIn(field: CardFieldName, kind: LaneKind): boolean {
  const lanes = FIELD_LANES[field];
  return lanes === null || lanes.includes(kind);
}

/** A trimmed, non-empty name of at most MAX_NAME characters. */
export function checkName(value: unknown, code: MapErrorCode, max = MAX_NAME): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length === 0 || name.length > max) throw new MapOperationError(code, 'name');
  return name;
}

export function checkDescription(value: unknown, code: MapErrorCode): string {
  if (typeof value !== 'string' || value.length > MAX_DESCRIPTION) throw new MapOperationError(code, 'description');
  return value.trim();
}

export function checkColor(value: unknown, code: MapErrorCode): string {
  if (!isHexColor(value)) throw new MapOperationError(code, 'color');
  return value.toLowerCase();
}

export function checkCardText(value: unknown): string {
  if (typeof value !== 'string') throw new MapOperationError('map.card.invalidText', 'text');
  if (value.length > MAX_CARD_TEXT) throw new MapOperationError('map.card.textTooLong', 'text');
  return value;
}

/** Positions are non-negative integers; past the end means "at the end". */
export function checkIndex(index: unknown): void {
  if (index !== undefined && !(Number.isInteger(index) && (index as number) >= 0)) {
    throw new MapOperationError('map.invalidIndex', 'index');
  }
}

/**
 * Validates the card fields present in `input` against the lane kind and returns them.
 * `undefined` means "leave alone", `null` clears (allowed on any lane, so a stale UI can always
 * clear). Keys that are not card fields are rejected: a misspelt field is a bug worth surfacing.
 */
export function checkCardFields(input: Record<string, unknown>, kind: LaneKind, ignore: readonly string[] = []): Partial<CardFields> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (ignore.includes(key) || value === undefined) continue;
    if (!CARD_FIELD_NAMES.includes(key as CardFieldName)) throw new MapOperationError('map.card.invalidField', key);
    const field = key as CardFieldName;
    if (value !== null) {
      if (!isFieldValue(field, value)) throw new MapOperationError('map.card.invalidField', field);
      if (!fieldAllowedIn(field, kind)) throw new MapOperationError('map.card.fieldNotAllowed', field, `${field} on a ${kind} lane`);
    }
    fields[field] = value;
  }
  return fields as Partial<CardFields>;
}
