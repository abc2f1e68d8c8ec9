import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './config';

describe('locale resolution', () => {
  it('reads Accept-Language by weight and maps regional and legacy tags', () => {
    expect(localeFromAcceptLanguage('id-ID,id;q=0.9,en-US;q=0.8')).toBe('id');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=0.9, en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, id;q=0.8')).toBe('id');
    expect(localeFromAcceptLanguage('in')).toBe('id');
    expect(localeFromAcceptLanguage('fr, de')).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
  });
  it('prefers the user’s saved choice, then the cookie, then the browser, then Indonesian', () => {
    expect(resolveLocale({ userLocale: 'en', cookie: 'id', acceptLanguage: 'id' })).toBe('en');
    expect(resolveLocale({ userLocale: null, cookie: 'en', acceptLanguage: 'id' })).toBe('en');
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'en-US' })).toBe('en');
    expect(resolveLocale({})).toBe('id');
  });
});
