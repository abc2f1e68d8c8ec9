import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');

export const personaInput = z.object({
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  segment: z.enum(['b2b', 'b2c']).default('b2c'),
  // A photo is a same-origin path or an https URL; anything else (javascript:, data:) is refused.
  photoUrl: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .refine((v) => v === '' || /^https:\/\/[^\s]+$/i.test(v), 'validation.photoUrl')
    .default(''),
  demographics: text(1000),
  goals: text(2000),
  motivations: text(2000),
  frustrations: text(2000),
  quote: text(500),
});
export type PersonaInput = z.infer<typeof personaInput>;
export const updatePersonaInput = personaInput.partial();
