// Blank: three numbered stages and one actions lane, no cards: the smallest grid that still shows
// how a map works, for teams that bring their own structure.

import { STAGE_COLORS, type TemplateDefinition } from './definition';

export const blankTemplate: TemplateDefinition = {
  id: 'blank',
  name: { id: 'Kosong', en: 'Blank' },
  description: {
    id: 'Mulai dari tiga tahap dan satu baris aksi pelanggan, lalu susun sendiri.',
    en: 'Start from three stages and a customer actions lane, and build your own.',
  },
  stages: [1, 2, 3].map((number, index) => ({
    key: `stage${number}`,
    name: { id: `Tahap ${number}`, en: `Stage ${number}` },
    description: { id: '', en: '' },
    color: STAGE_COLORS[index],
  })),
  lanes: [{ kind: 'actions' }],
  cards: [],
};
