// The one error type map operations throw for input a caller (or a stale UI) can get wrong.

export type MapErrorCode =
  | 'map.invalidIndex'
  | 'map.meta.invalidTitle'
  | 'map.meta.invalidPersonaIds'
  | 'map.meta.tooManyPersonas'
  | 'map.stage.notFound'
  | 'map.stage.invalidName'
  | 'map.stage.invalidDescription'
  | 'map.stage.invalidColor'
  | 'map.stage.tooMany'
  | 'map.lane.notFound'
  | 'map.lane.invalidKind'
  | 'map.lane.invalidName'
  | 'map.lane.tooMany'
  | 'map.card.notFound'
  | 'map.card.tooMany'
  | 'map.card.textTooLong'
  | 'map.card.invalidText'
  | 'map.card.invalidCreatedBy'
  | 'map.card.invalidField'
  | 'map.card.fieldNotAllowed'
  | 'map.link.invalid'
  | 'map.link.tooMany'
  | 'map.template.unknown'
  | 'map.template.invalidLocale';

export class MapOperationError extends Error {
  readonly code: MapErrorCode;
  /** The offending input field, when there is one (e.g. 'channel'). */
  readonly field?: string;

  constructor(code: MapErrorCode, field?: string, detail?: string) {
    super(detail ? `${code}: ${detail}` : field ? `${code} (${field})` : code);
    this.name = 'MapOperationError';
    this.code = code;
    this.field = field;
  }
}

export function isMapOperationError(error: unknown): error is MapOperationError {
  return error instanceof MapOperationError;
}
