// Public API of the map document model. Components and the server change a map only through
// these functions; they may subscribe to the Y types returned by the accessors.

export * from './types';
export { MapOperationError, isMapOperationError, type MapErrorCode } from './errors';
export { newId } from './ids';
export { orderBetween, orderForIndex, spacedOrders, tryOrderBetween } from './order';
// Read-only access for subscriptions (observe/observeDeep): write only through the operations.
export { cardsMap, getCardRecord, getLaneRecord, getStageRecord, lanesMap, metaMap, stagesMap, type YRecord } from './doc';
export { isChannel, isEmotionScore, isLaneKind, isMapLocale, isRating, isSeverity, isTemplateId } from './validate';
export {
  addCard,
  addLane,
  addStage,
  deleteCard,
  deleteLane,
  deleteStage,
  getCardText,
  linkCards,
  moveCard,
  moveLane,
  moveStage,
  setCardText,
  setMeta,
  unlinkCards,
  updateCard,
  updateLane,
  updateStage,
  type CardInit,
  type CardPatch,
  type LaneInit,
  type LanePatch,
  type MetaPatch,
  type StageInit,
  type StagePatch,
} from './operations';
export { cellCards, emotionCurve, readCard, readMap, readMeta, sortedLanes, sortedStages, type EmotionPoint } from './read';
export { mapStats, type MapStats } from './stats';
export {
  DEFAULT_LANE_NAMES,
  TEMPLATES,
  getTemplate,
  seedFromTemplate,
  type Localized,
  type SeedOptions,
  type TemplateCard,
  type TemplateDefinition,
  type TemplateLane,
  type TemplateStage,
} from './templates';
