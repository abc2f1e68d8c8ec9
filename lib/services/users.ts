import 'server-only';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { createUser, setUserLocale, userByEmail } from '@/db/queries/users';
import type { Actor } from '@/lib/auth/policy';
import { hashPassword } from '@/lib/auth/passwords';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import type { SignUpInput } from '@/lib/validation/auth';

export async function signUp(db: Db, input: SignUpInput, locale: Locale) {
  if (await userByEmail(db, input.email)) throw AppError.conflict('error.emailTaken');
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await createUser(db, { name: input.name, email: input.email, passwordHash, locale: input.locale ?? locale });
    return { id: user.id, name: user.name, email: user.email };
  } catch (err) {
    if (isUniqueViolation(err)) throw AppError.conflict('error.emailTaken'); // another sign-up won the race
    throw err;
  }
}

export async function saveLocale(db: Db, actor: Actor | null, locale: Locale) {
  if (actor) await setUserLocale(db, actor.id, locale);
}
