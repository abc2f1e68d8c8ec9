import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { createFormatter, createTranslator } from 'use-intl/core';
import { actorFromCookieHeader } from '@/lib/auth/session';
import { LOCALE_COOKIE, resolveLocale, TIME_ZONE, type Locale } from './config';
import { MESSAGES } from './translate';

/**
 * The request's locale: the signed-in user's choice, the cookie, then Accept-Language. Cached per
 * request: the layout, the page and every getT() ask, one session lookup answers.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const h = await headers();
  const c = await cookies();
  const actor = await actorFromCookieHeader(h.get('cookie')).catch(() => null);
  return resolveLocale({ userLocale: actor?.locale, cookie: c.get(LOCALE_COOKIE)?.value, acceptLanguage: h.get('accept-language') });
});

export function getMessages(locale: Locale) {
  return MESSAGES[locale];
}

/** A translator for server components: `const t = await getT(); t('maps.title')`. */
export async function getT(locale?: Locale) {
  const l = locale ?? (await getLocale());
  return createTranslator({ locale: l, messages: MESSAGES[l] });
}

/** Dates and relative times for server components, in the request's locale. */
export async function getFormatter(locale?: Locale) {
  return createFormatter({ locale: locale ?? (await getLocale()), timeZone: TIME_ZONE });
}
