import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addStage, setMeta } from './operations';
import { emotionCurve, readMap } from './read';
import { TEMPLATES, getTemplate, seedFromTemplate } from './templates';
import { countUpdates, expectMapError } from './test-helpers';
import { MAP_LOCALES, MAX_CARD_TEXT, MAX_NAME, MAX_STAGES, TEMPLATE_IDS, type MapLocale, type MapSnapshot, type TemplateId } from './types';

const OPTIONS = { title: 'Peta perjalanan', createdBy: 'user-1' };

function seeded(templateId: TemplateId, locale: MapLocale): { doc: Y.Doc; map: MapSnapshot } {
  const doc = new Y.Doc();
  expect(seedFromTemplate(doc, templateId, locale, OPTIONS)).toBe(true);
  return { doc, map: readMap(doc) };
}

/** The map without its words or random ids: what must be identical across languages. */
function structure(map: MapSnapshot) {
  const stageIndex = new Map(map.stages.map((stage, index) => [stage.id, index]));
  const laneIndex = new Map(map.lanes.map((lane, index) => [lane.id, index]));
  const cardIndex = new Map(map.cards.map((card, index) => [card.id, index]));
  return {
    meta: { ...map.meta, locale: null },
    stages: map.stages.map(({ color, order }) => ({ color, order })),
    lanes: map.lanes.map(({ kind, order }) => ({ kind, order })),
    cards: map.cards.map(({ id: _id, text: _text, createdAt: _at, stageId, laneId, links, ...rest }) => ({
      ...rest,
      stage: stageIndex.get(stageId),
      lane: laneIndex.get(laneId),
      links: links.map((link) => cardIndex.get(link)),
    })),
  };
}

const STAGE_NAMES: Record<TemplateId, Record<MapLocale, string[]>> = {
  b2c: {
    id: ['Kesadaran', 'Pertimbangan', 'Keputusan', 'Pembelian', 'Pasca-pembelian', 'Loyalitas'],
    en: ['Awareness', 'Consideration', 'Decision', 'Purchase', 'Post-purchase', 'Loyalty'],
  },
  b2b: {
    id: ['Kesadaran', 'Pertimbangan', 'Keputusan', 'Pembelian', 'Pasca-pembelian', 'Loyalitas'],
    en: ['Awareness', 'Consideration', 'Decision', 'Purchase', 'Post-purchase', 'Loyalty'],
  },
  '5a': {
    id: ['Kesadaran', 'Ketertarikan', 'Keputusan', 'Retensi', 'Advokasi'],
    en: ['Awareness', 'Interest', 'Decision', 'Retention', 'Advocacy'],
  },
  omnichannel: {
    id: ['Kesadaran & akuisisi', 'Orientasi & keterlibatan', 'Dukungan pasca-pembelian'],
    en: ['Awareness & acquisition', 'Onboarding & engagement', 'Post-purchase support'],
  },
  blank: { id: ['Tahap 1', 'Tahap 2', 'Tahap 3'], en: ['Stage 1', 'Stage 2', 'Stage 3'] },
};

describe('TEMPLATES', () => {
  it('lists every template id once, in TEMPLATE_IDS order, named and described in both languages', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual(TEMPLATE_IDS);
    for (const template of TEMPLATES) {
      for (const locale of MAP_LOCALES) {
        expect(template.name[locale].length).toBeGreaterThan(0);
        expect(template.description[locale].length).toBeGreaterThan(0);
      }
      expect(getTemplate(template.id)).toBe(template);
    }
  });
});

describe.each(TEMPLATE_IDS.flatMap((id) => MAP_LOCALES.map((locale) => [id, locale] as const)))(
  'seedFromTemplate(%s, %s)',
  (templateId, locale) => {
    const template = getTemplate(templateId);

    it('seeds meta, the named stages, the lanes and every example card in one update', () => {
      const doc = new Y.Doc();
      expect(countUpdates(doc, () => seedFromTemplate(doc, templateId, locale, OPTIONS))).toBe(1);
      const map = readMap(doc);
      expect(map.meta).toEqual({ title: OPTIONS.title, template: templateId, locale, personaIds: [], seeded: true });
      expect(map.stages.map((stage) => stage.name)).toEqual(STAGE_NAMES[templateId][locale]);
      expect(map.lanes.map((lane) => lane.kind)).toEqual(template.lanes.map((lane) => lane.kind));
      expect(map.cards).toHaveLength(template.cards.length);
      // Every stored card is visible, i.e. references an existing stage and lane.
      expect(doc.getMap('cards').size).toBe(template.cards.length);
      for (const card of map.cards) expect(card.createdBy).toBe(OPTIONS.createdBy);
    });

    it('writes non-empty text within the limits', () => {
      const { map } = seeded(templateId, locale);
      for (const stage of map.stages) expect(stage.name.length).toBeLessThanOrEqual(MAX_NAME);
      for (const lane of map.lanes) expect(lane.name.length).toBeGreaterThan(0);
      for (const card of map.cards) {
        expect(card.text.trim().length).toBeGreaterThan(0);
        expect(card.text.length).toBeLessThanOrEqual(MAX_CARD_TEXT);
      }
    });

    it('keeps every field and link the template gives (reads drop invalid ones)', () => {
      const { map } = seeded(templateId, locale);
      const lanes = new Map(map.lanes.map((lane) => [lane.id, lane.kind]));
      template.cards.forEach((source, index) => {
        const card = map.cards.find((candidate) => candidate.text === source.text[locale] && lanes.get(candidate.laneId) === source.lane);
        expect(card, `card ${index} (${source.text.en})`).toBeDefined();
        for (const field of ['channel', 'severity', 'impact', 'feasibility', 'emotion'] as const) {
          expect(card![field]).toBe(source[field] ?? null);
        }
        expect(card!.links).toHaveLength(source.links?.length ?? 0);
      });
      const opportunities = new Set(map.cards.filter((card) => lanes.get(card.laneId) === 'opportunities').map((card) => card.id));
      for (const link of map.cards.flatMap((card) => card.links)) expect(opportunities.has(link)).toBe(true);
      // Touchpoints all carry a channel; emotion cards all carry a score.
      for (const card of map.cards) {
        if (lanes.get(card.laneId) === 'touchpoints') expect(card.channel).not.toBeNull();
        if (lanes.get(card.laneId) === 'emotions') expect(card.emotion).not.toBeNull();
      }
    });

    it('never seeds twice', () => {
      const { doc, map } = seeded(templateId, locale);
      expect(countUpdates(doc, () => expect(seedFromTemplate(doc, templateId, locale, OPTIONS)).toBe(false))).toBe(0);
      expect(seedFromTemplate(doc, 'b2b', 'en', { title: 'Other', createdBy: 'someone' })).toBe(false);
      expect(readMap(doc)).toEqual(map);
    });

    it('has the same structure as the other language', () => {
      const other = locale === 'id' ? 'en' : 'id';
      expect(structure(seeded(templateId, locale).map)).toEqual(structure(seeded(templateId, other).map));
    });
  },
);

describe('template content', () => {
  const lanesOf = (map: MapSnapshot) => new Map(map.lanes.map((lane) => [lane.id, lane.kind]));

  it('is really translated: Indonesian and English texts differ', () => {
    for (const template of TEMPLATES) {
      const texts = [
        ...template.stages.map((stage) => stage.name),
        ...template.cards.map((card) => card.text),
      ];
      const same = texts.filter((text) => text.id === text.en);
      // Proper names (WhatsApp, Website, CRM, Sales) may read the same in both languages.
      expect(same.length, `${template.id}: ${same.map((text) => text.en).join(', ')}`).toBeLessThanOrEqual(
        Math.ceil(texts.length * 0.15),
      );
    }
  });

  it('b2c: emotion points in every stage, a rated pain point linked to a rated opportunity, touchpoints on several channels', () => {
    const { doc, map } = seeded('b2c', 'id');
    const lanes = lanesOf(map);
    expect(new Set(emotionCurve(doc).map((point) => point.stageId)).size).toBe(6);
    const linked = map.cards.find((card) => card.links.length > 0 && card.severity !== null);
    expect(linked).toBeDefined();
    const opportunity = map.cards.find((card) => card.id === linked!.links[0]);
    expect(opportunity).toMatchObject({ impact: expect.any(Number), feasibility: expect.any(Number) });
    const channels = new Set(map.cards.filter((card) => lanes.get(card.laneId) === 'touchpoints').map((card) => card.channel));
    expect(channels).toEqual(new Set(['social_media', 'search', 'website', 'marketplace', 'mobile_app', 'email', 'whatsapp', 'chat']));
  });

  it('b2b: adds backstage and metrics lanes with cards, and event and referral touchpoints', () => {
    const { map } = seeded('b2b', 'en');
    const lanes = lanesOf(map);
    const kinds = map.cards.map((card) => lanes.get(card.laneId));
    expect(kinds).toContain('backstage');
    expect(kinds).toContain('metrics');
    expect(map.cards.map((card) => card.channel)).toEqual(expect.arrayContaining(['event', 'referral']));
  });

  it('omnichannel: touchpoints across TV ads, website, store, WhatsApp, email and phone', () => {
    const { map } = seeded('omnichannel', 'id');
    expect(new Set(map.cards.map((card) => card.channel))).toEqual(
      new Set([null, 'ads', 'website', 'store', 'whatsapp', 'email', 'phone', 'mobile_app']),
    );
  });

  it('blank: three stages, one actions lane, no cards', () => {
    const { map } = seeded('blank', 'id');
    expect(map.stages).toHaveLength(3);
    expect(map.lanes.map((lane) => [lane.kind, lane.name])).toEqual([['actions', 'Aksi pelanggan']]);
    expect(map.cards).toEqual([]);
  });
});

describe('seedFromTemplate input', () => {
  it('rejects an unknown template, locale, bad title or author without writing', () => {
    const doc = new Y.Doc();
    expectMapError(() => seedFromTemplate(doc, 'journey' as TemplateId, 'id', OPTIONS), 'map.template.unknown');
    expectMapError(() => seedFromTemplate(doc, 'b2c', 'fr' as MapLocale, OPTIONS), 'map.template.invalidLocale');
    expectMapError(() => seedFromTemplate(doc, 'b2c', 'id', { ...OPTIONS, title: ' ' }), 'map.meta.invalidTitle');
    expectMapError(() => seedFromTemplate(doc, 'b2c', 'id', { ...OPTIONS, createdBy: '' }), 'map.card.invalidCreatedBy');
    expect(readMap(doc).meta.seeded).toBe(false);
    expect(doc.getMap('stages').size).toBe(0);
  });

  it('refuses up front, writing nothing, when existing content plus the template would pass a limit', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_STAGES - 2; i++) addStage(doc, { name: `S${i}` });
    const before = readMap(doc);
    expectMapError(() => seedFromTemplate(doc, '5a', 'id', OPTIONS), 'map.stage.tooMany');
    expect(readMap(doc)).toEqual(before);
  });

  it('keeps personas chosen before seeding', () => {
    const doc = new Y.Doc();
    setMeta(doc, { personaIds: ['persona-1'] });
    seedFromTemplate(doc, '5a', 'en', OPTIONS);
    expect(readMap(doc).meta.personaIds).toEqual(['persona-1']);
  });
});
