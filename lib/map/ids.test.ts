import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('makes 14-character url-safe ids that do not repeat', () => {
    const ids = Array.from({ length: 10_000 }, newId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[A-Za-z0-9_-]{14}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
