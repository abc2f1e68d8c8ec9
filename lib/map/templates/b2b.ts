// B2B: several decision makers over months; meetings, demos, approvals, contracts, renewals.

import type { TemplateDefinition } from './definition';
import { sixStages } from './six-stages';

export const b2bTemplate: TemplateDefinition = {
  id: 'b2b',
  name: { id: 'Perjalanan pelanggan B2B', en: 'B2B customer journey' },
  description: {
    id: 'Enam tahap untuk pembelian bisnis yang melibatkan banyak pengambil keputusan: event, demo, negosiasi, persetujuan internal, onboarding, dan perpanjangan kontrak.',
    en: 'Six stages for business purchases with many decision makers: events, demos, negotiation, internal approvals, onboarding and renewal.',
  },
  stages: sixStages({
    awareness: {
      id: 'Calon klien mengenal Anda lewat event, rekomendasi, atau pemasaran digital.',
      en: 'Prospects find you through events, referrals or digital marketing.',
    },
    consideration: {
      id: 'Kontak awal, meeting, demo, dan studi kasus untuk mengevaluasi solusi Anda.',
      en: 'First contact, meetings, demos and case studies to evaluate your solution.',
    },
    decision: {
      id: 'Negosiasi harga dan kontrak, lalu persetujuan dari tim pengadaan, IT, dan keuangan.',
      en: 'Price and contract negotiation, then approval from procurement, IT and finance.',
    },
    purchase: {
      id: 'Penandatanganan kontrak dan rencana implementasi.',
      en: 'Contract signing and the implementation plan.',
    },
    postPurchase: {
      id: 'Onboarding, pelatihan karyawan klien, dan dukungan berkelanjutan.',
      en: "Onboarding, training the client's staff and ongoing support.",
    },
    loyalty: {
      id: 'Perpanjangan kontrak, penawaran produk tambahan, dan umpan balik klien.',
      en: 'Contract renewal, upsell and client feedback.',
    },
  }),
  lanes: [
    { kind: 'actions', name: { id: 'Aksi klien', en: 'Client actions' } },
    { kind: 'touchpoints' },
    { kind: 'thoughts' },
    { kind: 'emotions' },
    { kind: 'painpoints' },
    { kind: 'opportunities' },
    { kind: 'backstage' },
    { kind: 'metrics' },
    { kind: 'owners' },
  ],
  cards: [
    // Kesadaran / Awareness
    {
      stage: 'awareness',
      lane: 'actions',
      text: {
        id: 'Mengunjungi booth di pameran industri dan mendengar rekomendasi dari rekan bisnis',
        en: 'Visits a booth at an industry fair and hears a recommendation from a business peer',
      },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'event',
      text: { id: 'Booth di pameran industri', en: 'Booth at an industry fair' },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'referral',
      text: { id: 'Rekomendasi dari klien lain', en: 'Referral from another client' },
    },
    {
      stage: 'awareness',
      lane: 'touchpoints',
      channel: 'social_media',
      text: { id: 'Artikel dan iklan di LinkedIn', en: 'LinkedIn articles and ads' },
    },
    {
      stage: 'awareness',
      lane: 'thoughts',
      text: {
        id: 'Apakah solusi ini cocok untuk skala perusahaan kami?',
        en: 'Does this solution fit a company of our size?',
      },
    },
    { stage: 'awareness', lane: 'emotions', emotion: 1, text: { id: 'Tertarik', en: 'Interested' } },
    {
      stage: 'awareness',
      lane: 'backstage',
      text: { id: 'Tim sales mencatat leads dari pameran ke CRM', en: 'Sales logs the fair leads in the CRM' },
    },
    {
      stage: 'awareness',
      lane: 'metrics',
      text: { id: 'Jumlah leads baru per event', en: 'New leads per event' },
    },
    { stage: 'awareness', lane: 'owners', text: { id: 'Pemasaran', en: 'Marketing' } },

    // Pertimbangan / Consideration
    {
      stage: 'consideration',
      lane: 'actions',
      text: {
        id: 'Menjadwalkan meeting dan demo, lalu meminta studi kasus',
        en: 'Books a meeting and a demo, then asks for case studies',
      },
    },
    {
      stage: 'consideration',
      lane: 'touchpoints',
      channel: 'chat',
      text: { id: 'Chatbot di website untuk menjadwalkan demo', en: 'Website chatbot to book a demo' },
    },
    {
      stage: 'consideration',
      lane: 'touchpoints',
      channel: 'other',
      text: { id: 'Demo produk bersama tim sales dan tim teknis', en: 'Product demo with the sales and technical teams' },
    },
    {
      stage: 'consideration',
      lane: 'touchpoints',
      channel: 'website',
      text: { id: 'Studi kasus dan testimoni klien', en: 'Case studies and client testimonials' },
    },
    {
      stage: 'consideration',
      lane: 'thoughts',
      text: {
        id: 'Ada studi kasus dari perusahaan sejenis di industri kami?',
        en: 'Is there a case study from a company like ours?',
      },
    },
    {
      stage: 'consideration',
      lane: 'emotions',
      emotion: 0,
      text: { id: 'Optimis, tapi masih butuh bukti', en: 'Optimistic, but still needs proof' },
    },
    {
      stage: 'consideration',
      lane: 'painpoints',
      severity: 2,
      links: ['self-serve-demo'],
      text: { id: 'Jadwal demo baru tersedia lebih dari seminggu kemudian', en: 'The first demo slot is over a week away' },
    },
    {
      key: 'self-serve-demo',
      stage: 'consideration',
      lane: 'opportunities',
      impact: 4,
      feasibility: 3,
      text: { id: 'Sediakan demo mandiri di website', en: 'Offer a self-serve demo on the website' },
    },
    {
      stage: 'consideration',
      lane: 'backstage',
      text: {
        id: 'Tim teknis menyiapkan demo sesuai kebutuhan calon klien',
        en: "The technical team tailors the demo to the prospect's needs",
      },
    },
    { stage: 'consideration', lane: 'metrics', text: { id: 'Rasio leads ke demo', en: 'Lead-to-demo rate' } },
    { stage: 'consideration', lane: 'owners', text: { id: 'Sales, Presales', en: 'Sales, Presales' } },

    // Keputusan / Decision
    {
      stage: 'decision',
      lane: 'actions',
      text: {
        id: 'Membandingkan penawaran dengan kompetitor dan menegosiasikan harga serta ketentuan kontrak',
        en: 'Compares the offer with competitors and negotiates price and contract terms',
      },
    },
    {
      stage: 'decision',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Proposal dan penawaran harga lewat email', en: 'Proposal and quote by email' },
    },
    {
      stage: 'decision',
      lane: 'touchpoints',
      channel: 'other',
      text: { id: 'Meeting negosiasi', en: 'Negotiation meeting' },
    },
    {
      stage: 'decision',
      lane: 'thoughts',
      text: {
        id: 'Apakah tim pengadaan, IT, dan keuangan akan menyetujuinya?',
        en: 'Will procurement, IT and finance approve it?',
      },
    },
    {
      stage: 'decision',
      lane: 'emotions',
      emotion: -1,
      text: { id: 'Cemas menunggu persetujuan internal', en: 'Anxious while waiting for internal approval' },
    },
    {
      stage: 'decision',
      lane: 'painpoints',
      severity: 3,
      links: ['approval-pack'],
      text: {
        id: 'Persetujuan pengadaan, IT, dan keuangan memakan waktu berminggu-minggu',
        en: 'Procurement, IT and finance approval takes weeks',
      },
    },
    {
      key: 'approval-pack',
      stage: 'decision',
      lane: 'opportunities',
      impact: 5,
      feasibility: 4,
      text: {
        id: 'Siapkan paket dokumen keamanan dan legal yang siap dipakai tim IT dan pengadaan',
        en: 'Prepare a ready-made security and legal pack for IT and procurement',
      },
    },
    {
      stage: 'decision',
      lane: 'backstage',
      text: { id: 'Tim legal meninjau draf kontrak', en: 'Legal reviews the draft contract' },
    },
    {
      stage: 'decision',
      lane: 'metrics',
      text: { id: 'Lama siklus penjualan (hari)', en: 'Sales cycle length (days)' },
    },
    { stage: 'decision', lane: 'owners', text: { id: 'Sales, Legal', en: 'Sales, Legal' } },

    // Pembelian / Purchase
    {
      stage: 'purchase',
      lane: 'actions',
      text: {
        id: 'Menandatangani kontrak dan menyepakati rencana implementasi',
        en: 'Signs the contract and agrees on the implementation plan',
      },
    },
    {
      stage: 'purchase',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Tanda tangan kontrak elektronik', en: 'Electronic contract signature' },
    },
    {
      stage: 'purchase',
      lane: 'thoughts',
      text: { id: 'Kapan tim kami bisa mulai memakai produknya?', en: 'When can our team start using it?' },
    },
    {
      stage: 'purchase',
      lane: 'emotions',
      emotion: 1,
      text: { id: 'Yakin dengan keputusan', en: 'Confident in the decision' },
    },
    {
      stage: 'purchase',
      lane: 'backstage',
      text: { id: 'Tim implementasi menyusun jadwal onboarding', en: 'The implementation team plans the onboarding' },
    },
    { stage: 'purchase', lane: 'metrics', text: { id: 'Nilai kontrak', en: 'Contract value' } },
    { stage: 'purchase', lane: 'owners', text: { id: 'Sales, Keuangan', en: 'Sales, Finance' } },

    // Pasca-pembelian / Post-purchase
    {
      stage: 'postPurchase',
      lane: 'actions',
      text: {
        id: 'Mengikuti onboarding dan pelatihan untuk karyawan',
        en: 'Goes through onboarding and staff training',
      },
    },
    {
      stage: 'postPurchase',
      lane: 'touchpoints',
      channel: 'event',
      text: { id: 'Sesi pelatihan onboarding', en: 'Onboarding training sessions' },
    },
    {
      stage: 'postPurchase',
      lane: 'touchpoints',
      channel: 'website',
      text: { id: 'Portal dukungan dan tiket bantuan', en: 'Support portal and help tickets' },
    },
    {
      stage: 'postPurchase',
      lane: 'thoughts',
      text: {
        id: 'Bagaimana kalau karyawan kami masih kesulitan setelah pelatihan?',
        en: 'What if our staff still struggle after the training?',
      },
    },
    {
      stage: 'postPurchase',
      lane: 'emotions',
      emotion: -1,
      text: { id: 'Kewalahan dengan banyaknya materi', en: 'Overwhelmed by the amount of material' },
    },
    {
      stage: 'postPurchase',
      lane: 'painpoints',
      severity: 2,
      links: ['training-tracks'],
      text: {
        id: 'Materi pelatihan terlalu teknis untuk pengguna bisnis',
        en: 'The training material is too technical for business users',
      },
    },
    {
      key: 'training-tracks',
      stage: 'postPurchase',
      lane: 'opportunities',
      impact: 3,
      feasibility: 4,
      text: {
        id: 'Buat jalur pelatihan terpisah untuk admin dan pengguna',
        en: 'Separate training tracks for admins and users',
      },
    },
    {
      stage: 'postPurchase',
      lane: 'backstage',
      text: { id: 'Tim support memantau tiket dan SLA', en: 'Support monitors tickets and SLAs' },
    },
    {
      stage: 'postPurchase',
      lane: 'metrics',
      text: { id: 'Waktu hingga klien aktif memakai produk', en: 'Time to first value' },
    },
    {
      stage: 'postPurchase',
      lane: 'owners',
      text: { id: 'Customer success, Support', en: 'Customer success, Support' },
    },

    // Loyalitas / Loyalty
    {
      stage: 'loyalty',
      lane: 'actions',
      text: {
        id: 'Memperbarui kontrak dan mempertimbangkan produk lain',
        en: 'Renews the contract and considers other products',
      },
    },
    {
      stage: 'loyalty',
      lane: 'touchpoints',
      channel: 'phone',
      text: { id: 'Review bisnis kuartalan', en: 'Quarterly business review' },
    },
    {
      stage: 'loyalty',
      lane: 'touchpoints',
      channel: 'email',
      text: { id: 'Survei kepuasan klien', en: 'Client satisfaction survey' },
    },
    {
      stage: 'loyalty',
      lane: 'thoughts',
      text: {
        id: 'Apakah manfaat yang kami dapat sepadan dengan biayanya?',
        en: 'Is the value we get worth the cost?',
      },
    },
    {
      stage: 'loyalty',
      lane: 'emotions',
      emotion: 2,
      text: { id: 'Percaya pada kemitraan ini', en: 'Trusts the partnership' },
    },
    {
      stage: 'loyalty',
      lane: 'opportunities',
      impact: 4,
      feasibility: 3,
      text: {
        id: 'Tawarkan upsell berdasarkan data pemakaian klien',
        en: "Offer upsells based on the client's usage data",
      },
    },
    {
      stage: 'loyalty',
      lane: 'metrics',
      text: { id: 'Tingkat perpanjangan kontrak', en: 'Renewal rate' },
    },
    { stage: 'loyalty', lane: 'owners', text: { id: 'Customer success, Sales', en: 'Customer success, Sales' } },
  ],
};
