// [CP1] The fold applies every part in one Yjs transaction: the same document as applying the
// parts one by one (as the room did), for any interleaving of edits, deletions and missing rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replayUpdates, retryPending } from './replay.mjs';

type Op = { editor: number; kind: 'type' | 'erase' | 'set' | 'unset'; at: number; key: number; sync: boolean };

/** Parts as a map's log holds them: a snapshot, then one row per edit, from three editors. */
function logOf(ops: Op[]): Uint8Array[] {
  const editors = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const seed = new Y.Doc();
  seed.getMap('cards').set('c0', new Y.Text('Courier does not call ahead'));
  const parts = [Y.encodeStateAsUpdate(seed)];
  for (const e of editors) Y.applyUpdate(e, parts[0]);
  for (const op of ops) {
    const editor = editors[op.editor];
    const before = Y.encodeStateVector(editor);
    const cards = editor.getMap<Y.Text>('cards');
    const text = cards.get('c0')!;
    if (op.kind === 'type') text.insert(op.at % (text.length + 1), 'ab');
    else if (op.kind === 'erase' && text.length > 0) text.delete(op.at % text.length, 1 + (op.at % 3));
    else if (op.kind === 'set') editor.getMap('meta').set(`k${op.key}`, op.at);
    else editor.getMap('meta').delete(`k${op.key}`);
    const row = Y.encodeStateAsUpdate(editor, before);
    parts.push(row);
    // Editors only sometimes see each other's rows before editing: concurrent edits.
    if (op.sync) for (const other of editors) if (other !== editor) Y.applyUpdate(other, row);
  }
  return parts;
}

/** The room's way: one transaction per part, pending structs retried after each. */
function oneByOne(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const part of parts) {
    Y.applyUpdate(doc, part);
    retryPending(doc, null);
  }
  return doc;
}

function folded(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, replayUpdates(parts));
  return doc;
}

const same = (a: Y.Doc, b: Y.Doc) => {
  expect(a.getMap('cards').toJSON()).toEqual(b.getMap('cards').toJSON());
  expect(a.getMap('meta').toJSON()).toEqual(b.getMap('meta').toJSON());
  expect(Y.decodeStateVector(Y.encodeStateVector(a))).toEqual(Y.decodeStateVector(Y.encodeStateVector(b)));
  expect(a.store.pendingStructs === null).toBe(b.store.pendingStructs === null);
};

const op = fc.record<Op>({
  editor: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom('type', 'type', 'erase', 'set', 'unset'),
  at: fc.nat(200),
  key: fc.integer({ min: 0, max: 4 }),
  sync: fc.boolean(),
});

describe('replayUpdates', () => {
  it('folds to the document that applying the parts one by one gives', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const parts = logOf(ops);
        same(folded(parts), oneByOne(parts));
      }),
      { numRuns: 150 },
    );
  });

  it('with rows missing or out of order, keeps the same pending edits as one by one', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 4, maxLength: 40 }), fc.nat(), fc.nat(), (ops, a, b) => {
        const parts = logOf(ops);
        const rows = parts.slice(1);
        const i = a % rows.length;
        const j = b % rows.length;
        [rows[i], rows[j]] = [rows[j], rows[i]]; // out of commit order
        const withGap = [parts[0], ...rows.filter((_, k) => k !== (i + 1) % rows.length)]; // one row lost
        same(folded(withGap), oneByOne(withGap));
      }),
      { numRuns: 150 },
    );
  });

  it('garbage-collects deleted content in the fold', () => {
    const doc = new Y.Doc();
    const text = doc.getMap('cards').set('c0', new Y.Text('x'.repeat(10_000)));
    const parts = [Y.encodeStateAsUpdate(doc)];
    doc.on('update', (u: Uint8Array) => parts.push(u));
    text.delete(0, 9_990);
    const fold = replayUpdates(parts);
    expect(parts[0].byteLength).toBeGreaterThan(10_000);
    expect(fold.byteLength).toBeLessThan(200); // 10 characters and a record of the deletion
    const back = new Y.Doc();
    Y.applyUpdate(back, fold);
    expect(String(back.getMap('cards').get('c0'))).toBe('x'.repeat(10));
  });
});
