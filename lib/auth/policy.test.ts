import { describe, expect, it } from 'vitest';
import { ACTIONS, ALLOWED, authorize, can, type Action, type Actor, type Role } from './policy';
import { AppError } from '@/lib/errors';

const actor: Actor = { id: 'u1', name: 'Ana', email: 'ana@example.com', locale: null };

// The intended matrix, written out by hand: a change to the policy must change this table too.
const EXPECTED: Record<Action, Role[]> = {
  'workspace:read': ['owner', 'editor', 'commenter', 'viewer'],
  'workspace:update': ['owner'],
  'workspace:delete': ['owner'],
  'members:read': ['owner', 'editor', 'commenter', 'viewer'],
  'members:manage': ['owner'],
  'departments:manage': ['owner'],
  'map:read': ['owner', 'editor', 'commenter', 'viewer'],
  'map:create': ['owner', 'editor'],
  'map:edit': ['owner', 'editor'],
  'map:archive': ['owner', 'editor'],
  'map:delete': ['owner'],
  'map:comment': ['owner', 'editor', 'commenter'],
  'map:share': ['owner', 'editor'],
  'persona:read': ['owner', 'editor', 'commenter', 'viewer'],
  'persona:manage': ['owner', 'editor'],
};

describe('policy: every action × role', () => {
  for (const action of ACTIONS) {
    for (const role of ['owner', 'editor', 'commenter', 'viewer'] as Role[]) {
      const allowed = EXPECTED[action].includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor, action, { workspaceId: 'w', role })).toBe(allowed);
        if (allowed) expect(() => authorize(actor, action, { workspaceId: 'w', role })).not.toThrow();
        else expect(() => authorize(actor, action, { workspaceId: 'w', role })).toThrow(expect.objectContaining({ status: 403 }));
      });
    }
    it(`a non-member gets 404 and an anonymous caller 401 for ${action}`, () => {
      expect(can(actor, action, { workspaceId: 'w', role: null })).toBe(false);
      expect(can(null, action, { workspaceId: 'w', role: 'owner' })).toBe(false);
      expect(() => authorize(actor, action, { workspaceId: 'w', role: null })).toThrow(expect.objectContaining({ status: 404 }));
      expect(() => authorize(null, action, { workspaceId: 'w', role: 'owner' })).toThrow(AppError);
    });
  }
  it('covers every action in the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(ALLOWED).sort()).toEqual(['commenter', 'editor', 'owner', 'viewer']);
  });
});
