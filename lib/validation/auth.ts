import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/config';

export const email = z.string().trim().toLowerCase().max(254, 'validation.emailTooLong').pipe(z.email('validation.email'));
// 8–128 characters, counted as the user typed them (argon2 takes the whole password: no truncation).
export const password = z.string().min(8, 'validation.passwordTooShort').max(128, 'validation.passwordTooLong');
export const personName = z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong');
export const locale = z.enum(LOCALES);

export const signUpInput = z.object({ name: personName, email, password, locale: locale.optional() });
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({ email, password: z.string().min(1, 'validation.required').max(128, 'validation.passwordTooLong') });

export const localeInput = z.object({ locale });
