// Yjs updates that carry named keys, for store tests: what was stored is read back as key names.
import * as Y from 'yjs';

/** An update that sets `key` in the root map 'k', from its own client. */
export function keyUpdate(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('k').set(key, true);
  return Y.encodeStateAsUpdate(doc);
}

/** The keys of the root map 'k' in `update` (none for null), sorted. */
export function keysOf(update: Uint8Array | null): string[] {
  const doc = new Y.Doc();
  if (update) Y.applyUpdate(doc, update);
  return [...doc.getMap('k').keys()].sort();
}
