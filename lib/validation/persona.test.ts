import { describe, expect, it } from 'vitest';
import { personaInput } from './persona';

describe('persona input', () => {
  it('accepts a full persona and defaults the optional fields', () => {
    const p = personaInput.parse({ name: '  Rina  ', segment: 'b2c', goals: 'Belanja cepat' });
    expect(p).toMatchObject({ name: 'Rina', segment: 'b2c', goals: 'Belanja cepat', quote: '', photoUrl: '' });
  });
  it('refuses photo URLs that are not https (javascript:, data:, http:)', () => {
    for (const photoUrl of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'http://example.com/a.png']) {
      const r = personaInput.safeParse({ name: 'R', photoUrl });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe('validation.photoUrl');
    }
    expect(personaInput.safeParse({ name: 'R', photoUrl: 'https://example.com/a.png' }).success).toBe(true);
  });
  it('requires a name and limits lengths', () => {
    expect(personaInput.safeParse({ name: '' }).success).toBe(false);
    expect(personaInput.safeParse({ name: 'x', quote: 'q'.repeat(501) }).success).toBe(false);
    expect(personaInput.safeParse({ name: 'x', segment: 'b2g' }).success).toBe(false);
  });
});
