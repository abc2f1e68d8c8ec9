// Omnichannel: three phases, with touchpoints spread over the channels customers switch between.

import { STAGE_COLORS, type TemplateDefinition } from './definition';

export const omnichannelTemplate: TemplateDefinition = {
  id: 'omnichannel',
  name: { id: 'Perjalanan omnichannel', en: 'Omnichannel journey' },
  description: {
    id: 'Tiga fase lintas kanal (iklan TV, website, toko fisik, WhatsApp, email) untuk melihat di mana pelanggan berpindah kanal.',
    en: 'Three phases across channels (TV ads, website, store, WhatsApp, email) to see where customers switch channels.',
  },
  stages: [
    {
      key: 'acquisition',
      name: { id: 'Kesadaran & akuisisi', en: 'Awareness & acquisition' },
      description: {
        id: 'Pelanggan menemukan bisnis Anda di salah satu kanal, lalu berkomitmen untuk membeli.',
        en: 'Customers discover you on any channel, then commit to a first purchase.',
      },
      color: STAGE_COLORS[0],
    },
    {
      key: 'engagement',
      name: { id: 'Orientasi & keterlibatan', en: 'Onboarding & engagement' },
      description: {
        id: 'Memandu pelanggan baru memakai produk secara maksimal, lalu menjaga keterlibatan mereka.',
        en: 'Guiding new customers to get the most from the product, then keeping them engaged.',
      },
      color: STAGE_COLORS[2],
    },
    {
      key: 'support',
      name: { id: 'Dukungan pasca-pembelian', en: 'Post-purchase support' },
      description: {
        id: 'Bantuan setelah pembelian lewat telepon, pusat bantuan, email, media sosial, atau WhatsApp.',
        en: 'Help after the purchase by phone, help centre, email, social media or WhatsApp.',
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
    { kind: 'owners' },
  ],
  cards: [
    // Kesadaran & akuisisi / Awareness & acquisition
    {
      stage: 'acquisition',
      lane: 'actions',
      text: {
        id: 'Melihat iklan di TV, membuka website untuk mencari tahu, lalu membeli di toko',
        en: 'Sees a TV ad, visits the website to learn more, then buys in the store',
      },
    },
    { stage: 'acquisition', lane: 'touchpoints', channel: 'ads', text: { id: 'Iklan TV', en: 'TV ad' } },
    { stage: 'acquisition', lane: 'touchpoints', channel: 'website', text: { id: 'Website', en: 'Website' } },
    { stage: 'acquisition', lane: 'touchpoints', channel: 'store', text: { id: 'Toko fisik', en: 'Physical store' } },
    {
      stage: 'acquisition',
      lane: 'touchpoints',
      channel: 'phone',
      text: { id: 'Contact center', en: 'Contact centre' },
    },
    { stage: 'acquisition', lane: 'emotions', emotion: 1, text: { id: 'Tertarik', en: 'Interested' } },
    {
      stage: 'acquisition',
      lane: 'painpoints',
      severity: 2,
      links: ['same-promo'],
      text: {
        id: 'Promo yang ada di iklan TV tidak berlaku di website',
        en: 'The promotion from the TV ad is not valid on the website',
      },
    },
    {
      key: 'same-promo',
      stage: 'acquisition',
      lane: 'opportunities',
      impact: 4,
      feasibility: 3,
      text: { id: 'Samakan promo di semua kanal', en: 'The same promotions on every channel' },
    },
    { stage: 'acquisition', lane: 'owners', text: { id: 'Pemasaran', en: 'Marketing' } },

    // Orientasi & keterlibatan / Onboarding & engagement
    {
      stage: 'engagement',
      lane: 'actions',
      text: {
        id: 'Mendaftar akun di aplikasi setelah membeli di toko',
        en: 'Signs up in the app after buying in the store',
      },
    },
    {
      stage: 'engagement',
      lane: 'touchpoints',
      channel: 'mobile_app',
      text: { id: 'Aplikasi seluler', en: 'Mobile app' },
    },
    {
      stage: 'engagement',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Email selamat datang', en: 'Welcome email' },
    },
    {
      stage: 'engagement',
      lane: 'touchpoints',
      channel: 'whatsapp',
      text: { id: 'Tips pemakaian lewat WhatsApp', en: 'Usage tips on WhatsApp' },
    },
    {
      stage: 'engagement',
      lane: 'emotions',
      emotion: -1,
      text: { id: 'Bingung karena harus mengisi data lagi', en: 'Confused at having to fill in details again' },
    },
    {
      stage: 'engagement',
      lane: 'painpoints',
      severity: 3,
      links: ['single-profile'],
      text: {
        id: 'Riwayat pembelian di toko tidak tercatat di akun online',
        en: 'In-store purchases do not show up in the online account',
      },
    },
    {
      key: 'single-profile',
      stage: 'engagement',
      lane: 'opportunities',
      impact: 5,
      feasibility: 2,
      text: {
        id: 'Pusatkan data pelanggan dari semua kanal dalam satu profil',
        en: 'Centralise customer data from every channel in one profile',
      },
    },
    {
      stage: 'engagement',
      lane: 'owners',
      text: { id: 'Produk digital, Operasional toko', en: 'Digital product, Store operations' },
    },

    // Dukungan pasca-pembelian / Post-purchase support
    {
      stage: 'support',
      lane: 'actions',
      text: {
        id: 'Menghubungi dukungan pelanggan lewat WhatsApp, lalu email, lalu telepon',
        en: 'Contacts support on WhatsApp, then by email, then by phone',
      },
    },
    { stage: 'support', lane: 'touchpoints', channel: 'whatsapp', text: { id: 'WhatsApp', en: 'WhatsApp' } },
    { stage: 'support', lane: 'touchpoints', channel: 'email', text: { id: 'Email dukungan', en: 'Support email' } },
    {
      stage: 'support',
      lane: 'touchpoints',
      channel: 'website',
      text: { id: 'Pusat bantuan dan basis pengetahuan', en: 'Help centre and knowledge base' },
    },
    {
      stage: 'support',
      lane: 'touchpoints',
      channel: 'phone',
      text: { id: 'Telepon contact center', en: 'Contact centre phone line' },
    },
    {
      stage: 'support',
      lane: 'emotions',
      emotion: -2,
      text: {
        id: 'Kesal harus menjelaskan ulang masalah di setiap kanal',
        en: 'Annoyed at explaining the problem again on every channel',
      },
    },
    {
      stage: 'support',
      lane: 'painpoints',
      severity: 3,
      links: ['unified-inbox'],
      text: {
        id: 'Riwayat percakapan tidak terbawa saat pelanggan pindah kanal',
        en: 'The conversation history is lost when the customer switches channels',
      },
    },
    {
      key: 'unified-inbox',
      stage: 'support',
      lane: 'opportunities',
      impact: 5,
      feasibility: 3,
      text: {
        id: 'Gunakan satu kotak masuk terpadu untuk semua kanal layanan',
        en: 'One unified inbox for every service channel',
      },
    },
    { stage: 'support', lane: 'owners', text: { id: 'Layanan pelanggan', en: 'Customer service' } },
  ],
};
