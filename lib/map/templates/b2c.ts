// B2C: an individual buyer over days or weeks, emotional, mostly online.

import type { TemplateDefinition } from './definition';
import { sixStages } from './six-stages';

export const b2cTemplate: TemplateDefinition = {
  id: 'b2c',
  name: { id: 'Perjalanan pelanggan B2C', en: 'B2C customer journey' },
  description: {
    id: 'Enam tahap dari kesadaran hingga loyalitas untuk pembeli perorangan: iklan media sosial, marketplace, checkout, pengiriman, dan poin loyalitas.',
    en: 'Six stages from awareness to loyalty for individual buyers: social media ads, marketplaces, checkout, delivery and loyalty points.',
  },
  stages: sixStages({
    awareness: {
      id: 'Pelanggan pertama kali mengenal merek atau produk Anda.',
      en: 'The customer first comes across your brand or product.',
    },
    consideration: {
      id: 'Pelanggan membandingkan penawaran Anda dengan pesaing: fitur, harga, dan ulasan.',
      en: 'The customer weighs your offer against competitors: features, price and reviews.',
    },
    decision: {
      id: 'Pelanggan memasukkan produk ke keranjang dan memutuskan untuk membeli.',
      en: 'The customer adds the product to the cart and decides to buy.',
    },
    purchase: {
      id: 'Pelanggan membayar dan menerima konfirmasi pembelian.',
      en: 'The customer pays and receives the purchase confirmation.',
    },
    postPurchase: {
      id: 'Pengiriman, pelacakan paket, dan dukungan pelanggan setelah transaksi.',
      en: 'Delivery, parcel tracking and customer support after the transaction.',
    },
    loyalty: {
      id: 'Pelanggan memberi ulasan, membeli lagi, dan merekomendasikan Anda.',
      en: 'The customer leaves a review, buys again and recommends you.',
    },
  }),
  lanes: [
    { kind: 'actions' },
    { kind: 'touchpoints' },
    { kind: 'thoughts' },
    { kind: 'emotions' },
    { kind: 'painpoints' },
    { kind: 'opportunities' },
    { kind: 'owners' },
  ],
  cards: [
    // Kesadaran / Awareness
    {
      stage: 'awareness',
      lane: 'actions',
      text: {
        id: 'Melihat iklan produk di Instagram dan TikTok, lalu mencarinya di Google',
        en: 'Sees a product ad on Instagram and TikTok, then searches for it on Google',
      },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'social_media',
      text: { id: 'Iklan di media sosial', en: 'Social media ads' },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'search',
      text: { id: 'Hasil pencarian Google', en: 'Google search results' },
    },
    {
      stage: 'awareness',
      lane: 'thoughts',
      text: {
        id: 'Produknya menarik, tapi apa bedanya dengan merek lain?',
        en: 'Looks interesting, but how is it different from other brands?',
      },
    },
    { stage: 'awareness', lane: 'emotions', emotion: 1, text: { id: 'Penasaran', en: 'Curious' } },
    { stage: 'awareness', lane: 'owners', text: { id: 'Pemasaran', en: 'Marketing' } },

    // Pertimbangan / Consideration
    {
      stage: 'consideration',
      lane: 'actions',
      text: {
        id: 'Membaca ulasan dan membandingkan harga di website dan marketplace',
        en: 'Reads reviews and compares prices on the website and marketplaces',
      },
    },
    {
      stage: 'consideration',
      lane: 'touchpoints',
      channel: 'website',
      text: { id: 'Halaman produk di website', en: 'Product page on the website' },
    },
    {
      stage: 'consideration',
      lane: 'touchpoints',
      channel: 'marketplace',
      text: { id: 'Toko resmi di marketplace', en: 'Official store on a marketplace' },
    },
    {
      stage: 'consideration',
      lane: 'thoughts',
      text: {
        id: 'Ulasannya asli atau tidak? Mana yang paling sesuai dengan kebutuhan saya?',
        en: 'Are these reviews genuine? Which one fits my needs best?',
      },
    },
    {
      stage: 'consideration',
      lane: 'emotions',
      emotion: 0,
      text: { id: 'Ragu karena terlalu banyak pilihan', en: 'Unsure: too many options' },
    },
    {
      stage: 'consideration',
      lane: 'painpoints',
      severity: 2,
      links: ['unified-catalogue'],
      text: {
        id: 'Informasi dan harga produk di website berbeda dengan di marketplace',
        en: 'Product details and prices differ between the website and the marketplace',
      },
    },
    {
      key: 'unified-catalogue',
      stage: 'consideration',
      lane: 'opportunities',
      impact: 4,
      feasibility: 3,
      text: {
        id: 'Satukan katalog produk untuk semua kanal penjualan',
        en: 'One product catalogue for every sales channel',
      },
    },
    { stage: 'consideration', lane: 'owners', text: { id: 'Pemasaran, E-commerce', en: 'Marketing, E-commerce' } },

    // Keputusan / Decision
    {
      stage: 'decision',
      lane: 'actions',
      text: {
        id: 'Memasukkan produk ke keranjang dan memilih metode pembayaran',
        en: 'Adds the product to the cart and chooses a payment method',
      },
    },
    {
      stage: 'decision',
      lane: 'touchpoints',
      channel: 'mobile_app',
      text: { id: 'Keranjang dan checkout di aplikasi', en: 'Cart and checkout in the app' },
    },
    {
      stage: 'decision',
      lane: 'thoughts',
      text: {
        id: 'Ada gratis ongkir? Bisa bayar pakai e-wallet atau paylater?',
        en: 'Is shipping free? Can I pay with an e-wallet or pay later?',
      },
    },
    {
      stage: 'decision',
      lane: 'emotions',
      emotion: 1,
      text: { id: 'Bersemangat, tapi waspada dengan biaya tambahan', en: 'Excited, but wary of extra costs' },
    },
    {
      stage: 'decision',
      lane: 'painpoints',
      severity: 3,
      links: ['shipping-estimate'],
      text: {
        id: 'Ongkos kirim baru terlihat di langkah terakhir checkout',
        en: 'The shipping cost only shows at the last checkout step',
      },
    },
    {
      key: 'shipping-estimate',
      stage: 'decision',
      lane: 'opportunities',
      impact: 5,
      feasibility: 4,
      text: {
        id: 'Tampilkan perkiraan ongkos kirim di halaman produk',
        en: 'Show the estimated shipping cost on the product page',
      },
    },
    { stage: 'decision', lane: 'owners', text: { id: 'Tim produk digital', en: 'Digital product team' } },

    // Pembelian / Purchase
    {
      stage: 'purchase',
      lane: 'actions',
      text: { id: 'Membayar dan menerima invoice', en: 'Pays and receives the invoice' },
    },
    {
      stage: 'purchase',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Email konfirmasi dan invoice', en: 'Confirmation email and invoice' },
    },
    {
      stage: 'purchase',
      lane: 'touchpoints',
      channel: 'whatsapp',
      text: { id: 'Notifikasi pesanan lewat WhatsApp', en: 'Order notification on WhatsApp' },
    },
    {
      stage: 'purchase',
      lane: 'thoughts',
      text: { id: 'Pembayaran saya sudah masuk belum?', en: 'Did my payment go through?' },
    },
    {
      stage: 'purchase',
      lane: 'emotions',
      emotion: 1,
      text: { id: 'Lega setelah pembayaran berhasil', en: 'Relieved once the payment succeeds' },
    },
    {
      stage: 'purchase',
      lane: 'painpoints',
      severity: 2,
      text: {
        id: 'Konfirmasi pembayaran transfer bank bisa terlambat hingga satu jam',
        en: 'Bank transfer confirmation can take up to an hour',
      },
    },
    { stage: 'purchase', lane: 'owners', text: { id: 'Keuangan', en: 'Finance' } },

    // Pasca-pembelian / Post-purchase
    {
      stage: 'postPurchase',
      lane: 'actions',
      text: {
        id: 'Melacak pengiriman dan menghubungi layanan pelanggan saat paket terlambat',
        en: 'Tracks the delivery and contacts customer service when the parcel is late',
      },
    },
    {
      stage: 'postPurchase',
      lane: 'touchpoints',
      channel: 'website',
      text: { id: 'Halaman pelacakan pengiriman', en: 'Delivery tracking page' },
    },
    {
      stage: 'postPurchase',
      lane: 'touchpoints',
      channel: 'chat',
      text: { id: 'Live chat layanan pelanggan', en: 'Customer service live chat' },
    },
    {
      stage: 'postPurchase',
      lane: 'thoughts',
      text: { id: 'Paket saya sampai kapan?', en: 'When will my parcel arrive?' },
    },
    {
      stage: 'postPurchase',
      lane: 'emotions',
      emotion: -2,
      text: { id: 'Kesal karena paket terlambat', en: 'Annoyed that the parcel is late' },
    },
    {
      stage: 'postPurchase',
      lane: 'painpoints',
      severity: 3,
      links: ['delay-notice'],
      text: {
        id: 'Status pengiriman tidak diperbarui selama dua hari',
        en: 'The tracking status is not updated for two days',
      },
    },
    {
      key: 'delay-notice',
      stage: 'postPurchase',
      lane: 'opportunities',
      impact: 4,
      feasibility: 4,
      text: {
        id: 'Kirim notifikasi proaktif saat pengiriman terlambat',
        en: 'Send a proactive notice when a delivery runs late',
      },
    },
    {
      stage: 'postPurchase',
      lane: 'owners',
      text: { id: 'Layanan pelanggan, Logistik', en: 'Customer service, Logistics' },
    },

    // Loyalitas / Loyalty
    {
      stage: 'loyalty',
      lane: 'actions',
      text: {
        id: 'Menulis ulasan dan menukarkan poin loyalitas',
        en: 'Writes a review and redeems loyalty points',
      },
    },
    {
      stage: 'loyalty',
      lane: 'touchpoints',
      channel: 'mobile_app',
      text: { id: 'Program poin loyalitas di aplikasi', en: 'Loyalty points programme in the app' },
    },
    {
      stage: 'loyalty',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Email permintaan ulasan', en: 'Review request email' },
    },
    {
      stage: 'loyalty',
      lane: 'thoughts',
      text: {
        id: 'Kalau poinnya bisa ditukar diskon, saya belanja di sini lagi.',
        en: 'If the points buy a discount, I will shop here again.',
      },
    },
    {
      stage: 'loyalty',
      lane: 'emotions',
      emotion: 2,
      text: { id: 'Puas dan ingin merekomendasikan ke teman', en: 'Satisfied and keen to recommend it to friends' },
    },
    {
      stage: 'loyalty',
      lane: 'opportunities',
      impact: 3,
      feasibility: 5,
      text: { id: 'Beri poin tambahan untuk ulasan dengan foto', en: 'Give bonus points for reviews with photos' },
    },
    { stage: 'loyalty', lane: 'owners', text: { id: 'CRM', en: 'CRM' } },
  ],
};
