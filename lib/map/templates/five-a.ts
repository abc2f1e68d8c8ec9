// 5A: a short, lean journey for teams starting out (as taught in Indonesian marketing articles).

import { STAGE_COLORS, type TemplateDefinition } from './definition';

export const fiveATemplate: TemplateDefinition = {
  id: '5a',
  name: { id: 'Model 5A', en: '5A model' },
  description: {
    id: 'Lima tahap ringkas: kesadaran, ketertarikan, keputusan, retensi, dan advokasi.',
    en: 'Five compact stages: awareness, interest, decision, retention and advocacy.',
  },
  stages: [
    {
      key: 'awareness',
      name: { id: 'Kesadaran', en: 'Awareness' },
      description: {
        id: 'Pelanggan mendengar tentang merek dari teman, iklan, atau internet.',
        en: 'The customer hears about the brand from friends, ads or online.',
      },
      color: STAGE_COLORS[0],
    },
    {
      key: 'interest',
      name: { id: 'Ketertarikan', en: 'Interest' },
      description: {
        id: 'Pelanggan mulai tertarik dan mencari tahu lebih lanjut.',
        en: 'The customer gets interested and looks for more.',
      },
      color: STAGE_COLORS[1],
    },
    {
      key: 'decision',
      name: { id: 'Keputusan', en: 'Decision' },
      description: { id: 'Pelanggan memutuskan untuk membeli.', en: 'The customer decides to buy.' },
      color: STAGE_COLORS[2],
    },
    {
      key: 'retention',
      name: { id: 'Retensi', en: 'Retention' },
      description: {
        id: 'Pelanggan puas dengan pembelian dan kembali lagi.',
        en: 'The customer is happy with the purchase and comes back.',
      },
      color: STAGE_COLORS[3],
    },
    {
      key: 'advocacy',
      name: { id: 'Advokasi', en: 'Advocacy' },
      description: {
        id: 'Pelanggan merekomendasikan merek kepada orang lain.',
        en: 'The customer recommends the brand to others.',
      },
      color: STAGE_COLORS[4],
    },
  ],
  lanes: [
    { kind: 'actions' },
    { kind: 'touchpoints' },
    { kind: 'emotions' },
    { kind: 'painpoints' },
    { kind: 'opportunities' },
  ],
  cards: [
    {
      stage: 'awareness',
      lane: 'actions',
      text: { id: 'Melihat iklan smartphone terbaru di Instagram', en: 'Sees an ad for a new smartphone on Instagram' },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'social_media',
      text: { id: 'Iklan Instagram', en: 'Instagram ad' },
    },
    { stage: 'awareness', lane: 'emotions', emotion: 1, text: { id: 'Penasaran', en: 'Curious' } },
    {
      stage: 'interest',
      lane: 'actions',
      text: {
        id: 'Mencari review dan membandingkan fitur di forum online',
        en: 'Looks for reviews and compares features on online forums',
      },
    },
    {
      stage: 'interest',
      lane: 'touchpoints',
      channel: 'search',
      text: { id: 'Pencarian Google dan forum ulasan', en: 'Google search and review forums' },
    },
    { stage: 'interest', lane: 'emotions', emotion: 1, text: { id: 'Antusias', en: 'Enthusiastic' } },
    {
      stage: 'interest',
      lane: 'painpoints',
      severity: 1,
      text: { id: 'Ulasan yang saling bertentangan membuat bingung', en: 'Conflicting reviews are confusing' },
    },
    {
      stage: 'decision',
      lane: 'actions',
      text: { id: 'Membeli di toko online favorit', en: 'Buys from a favourite online store' },
    },
    {
      stage: 'decision',
      lane: 'touchpoints',
      channel: 'marketplace',
      text: { id: 'Toko resmi di marketplace', en: 'Official marketplace store' },
    },
    { stage: 'decision', lane: 'emotions', emotion: 2, text: { id: 'Senang', en: 'Happy' } },
    {
      stage: 'retention',
      lane: 'actions',
      text: { id: 'Menghubungi layanan pelanggan untuk meminta bantuan', en: 'Contacts customer service for help' },
    },
    {
      stage: 'retention',
      lane: 'touchpoints',
      channel: 'whatsapp',
      text: { id: 'Layanan pelanggan via WhatsApp', en: 'Customer service on WhatsApp' },
    },
    {
      stage: 'retention',
      lane: 'emotions',
      emotion: -1,
      text: { id: 'Frustrasi karena balasan lambat', en: 'Frustrated by slow replies' },
    },
    {
      stage: 'retention',
      lane: 'painpoints',
      severity: 3,
      links: ['whatsapp-replies'],
      text: {
        id: 'Layanan pelanggan baru membalas setelah lebih dari 24 jam',
        en: 'Customer service takes more than 24 hours to reply',
      },
    },
    {
      key: 'whatsapp-replies',
      stage: 'retention',
      lane: 'opportunities',
      impact: 4,
      feasibility: 5,
      text: {
        id: 'Balasan otomatis dan jam layanan yang jelas di WhatsApp',
        en: 'Automatic replies and clear service hours on WhatsApp',
      },
    },
    {
      stage: 'advocacy',
      lane: 'actions',
      text: { id: 'Merekomendasikan produk ke teman-teman', en: 'Recommends the product to friends' },
    },
    {
      stage: 'advocacy',
      lane: 'touchpoints',
      channel: 'referral',
      text: { id: 'Program referral', en: 'Referral programme' },
    },
    { stage: 'advocacy', lane: 'emotions', emotion: 2, text: { id: 'Bangga dan puas', en: 'Proud and satisfied' } },
    {
      stage: 'advocacy',
      lane: 'opportunities',
      impact: 3,
      feasibility: 4,
      text: { id: 'Beri hadiah untuk setiap referral yang berhasil', en: 'Reward every successful referral' },
    },
  ],
};
