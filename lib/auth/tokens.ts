// Opaque tokens (invitations, share links): shown once, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
