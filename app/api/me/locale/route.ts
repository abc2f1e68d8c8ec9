import { handler, parseBody } from '@/lib/http';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { saveLocale } from '@/lib/services/users';
import { localeInput } from '@/lib/validation/auth';

/** Sets the UI language: remembered on the user (when signed in) and in a cookie. */
export const PUT = handler(async ({ req, db, actor }) => {
  const { locale } = await parseBody(req, localeInput);
  await saveLocale(db, actor, locale);
  const res = Response.json({ locale });
  res.headers.append('Set-Cookie', `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`);
  return res;
});
