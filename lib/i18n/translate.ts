// Server-side lookup of a message key, for errors translated at the edge (API responses).
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import type { Locale } from './config';

export const MESSAGES = { en, id } as const;
export type Messages = typeof en;

export function lookup(locale: Locale, key: string): string {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return key;
  }
  return typeof node === 'string' ? node : key;
}
