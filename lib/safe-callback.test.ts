import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './safe-callback';

describe('safeCallbackUrl', () => {
  it('keeps relative paths with their query', () => {
    expect(safeCallbackUrl('/invite/abc')).toBe('/invite/abc');
    expect(safeCallbackUrl('/w/acme?sort=title')).toBe('/w/acme?sort=title');
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'w/acme', '', '/\tx', undefined, 42])(
    'refuses %s',
    (value) => {
      expect(safeCallbackUrl(value)).toBe('/workspaces');
    },
  );
});
