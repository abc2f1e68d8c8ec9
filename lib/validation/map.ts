import { z } from 'zod';
import { MAP_STATUSES } from '@/lib/domain';
import { TEMPLATE_IDS, type TemplateId } from '@/lib/map/types';

export const mapTitle = z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong');
export const createMapInput = z.object({
  title: mapTitle,
  personaLabel: z.string().trim().max(120, 'validation.tooLong').default(''),
  template: z.enum(TEMPLATE_IDS as [TemplateId, ...TemplateId[]]).default('blank'),
});
export const updateMapInput = z
  .object({ title: mapTitle.optional(), archived: z.boolean().optional(), status: z.enum(MAP_STATUSES).optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'validation.nothingToChange' });
export const mapListQuery = z.object({
  archived: z.enum(['0', '1']).default('0'),
  sort: z.enum(['updated', 'title', 'created']).default('updated'),
});
