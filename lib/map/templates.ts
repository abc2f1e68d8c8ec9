// Map templates and seeding a new map from one. Template text is data in both languages, not
// i18n messages: once seeded it is the team's own content, edited like any other card.

import type * as Y from 'yjs';
import { cardsMap, lanesMap, metaMap, stagesMap } from './doc';
import { MapOperationError } from './errors';
import { addCard, addLane, addStage, linkCards } from './operations';
import { b2bTemplate } from './templates/b2b';
import { b2cTemplate } from './templates/b2c';
import { blankTemplate } from './templates/blank';
import { DEFAULT_LANE_NAMES, type TemplateDefinition } from './templates/definition';
import { fiveATemplate } from './templates/five-a';
import { omnichannelTemplate } from './templates/omnichannel';
import { MAX_CARDS, MAX_LANES, MAX_STAGES, MAX_TITLE, type CardId, type LaneKind, type MapLocale, type TemplateId } from './types';
import { checkName, isId, isMapLocale, isTemplateId } from './validate';

export { DEFAULT_LANE_NAMES } from './templates/definition';
export type { Localized, TemplateCard, TemplateDefinition, TemplateLane, TemplateStage } from './templates/definition';

/** In the order a "new map" dialog offers them. */
export const TEMPLATES: readonly TemplateDefinition[] = [
  b2cTemplate,
  b2bTemplate,
  fiveATemplate,
  omnichannelTemplate,
  blankTemplate,
];

export function getTemplate(id: TemplateId): TemplateDefinition {
  const template = isTemplateId(id) ? TEMPLATES.find((candidate) => candidate.id === id) : undefined;
  if (!template) throw new MapOperationError('map.template.unknown', 'template', String(id));
  return template;
}

export interface SeedOptions {
  title: string;
  createdBy: string;
}

/**
 * Seeds meta, stages, lanes and example cards in ONE transaction, once: a document already marked
 * `seeded` is left alone and false is returned. Call it in the map's create step, before any
 * client syncs; two peers seeding the same empty document concurrently would both add content.
 */
export function seedFromTemplate(
  doc: Y.Doc,
  templateId: TemplateId,
  locale: MapLocale,
  options: SeedOptions,
  origin?: unknown,
): boolean {
  const template = getTemplate(templateId);
  if (!isMapLocale(locale)) throw new MapOperationError('map.template.invalidLocale', 'locale', String(locale));
  const title = checkName(options.title, 'map.meta.invalidTitle', MAX_TITLE);
  if (!isId(options.createdBy)) throw new MapOperationError('map.card.invalidCreatedBy', 'createdBy');
  const meta = metaMap(doc);
  if (meta.get('seeded') === true) return false;
  // Yjs cannot roll a transaction back, so refuse up front what the operations below would
  // refuse halfway (only possible if the unseeded document already holds content).
  if (stagesMap(doc).size + template.stages.length > MAX_STAGES) throw new MapOperationError('map.stage.tooMany');
  if (lanesMap(doc).size + template.lanes.length > MAX_LANES) throw new MapOperationError('map.lane.tooMany');
  if (cardsMap(doc).size + template.cards.length > MAX_CARDS) throw new MapOperationError('map.card.tooMany');

  // The operations below open nested transactions, which Yjs folds into this one.
  doc.transact(() => {
    meta.set('title', title);
    meta.set('template', template.id);
    meta.set('locale', locale);
    if (!Array.isArray(meta.get('personaIds'))) meta.set('personaIds', []);

    const stageIds = new Map<string, string>();
    for (const stage of template.stages) {
      stageIds.set(
        stage.key,
        addStage(doc, { name: stage.name[locale], description: stage.description[locale], color: stage.color }),
      );
    }
    const laneIds = new Map<LaneKind, string>();
    for (const lane of template.lanes) {
      laneIds.set(lane.kind, addLane(doc, { kind: lane.kind, name: (lane.name ?? DEFAULT_LANE_NAMES[lane.kind])[locale] }));
    }
    const cardIds = new Map<string, CardId>();
    const links: Array<[CardId, string]> = [];
    for (const { key, stage, lane, text, links: targets, ...fields } of template.cards) {
      const id = addCard(doc, {
        stageId: stageIds.get(stage) as string,
        laneId: laneIds.get(lane) as string,
        text: text[locale],
        createdBy: options.createdBy,
        ...fields,
      });
      if (key) cardIds.set(key, id);
      for (const target of targets ?? []) links.push([id, target]);
    }
    for (const [painPointId, target] of links) linkCards(doc, painPointId, cardIds.get(target) as CardId);

    meta.set('seeded', true);
  }, origin);
  return true;
}
