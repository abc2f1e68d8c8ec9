import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextChange, diffText, transformPosition, transformSelection, type DeltaOp } from './text-binding';

const apply = (prev: string, change: { index: number; remove: number; insert: string }) =>
  prev.slice(0, change.index) + change.insert + prev.slice(change.index + change.remove);

describe('diffText (textarea edit → Y.Text ops)', () => {
  it('finds an insertion, a deletion and a replacement', () => {
    expect(diffText('hello', 'hello world')).toEqual({
      index: 5,
      remove: 0,
      insert: ' world',
    });
    expect(diffText('hello world', 'hello')).toEqual({
      index: 5,
      remove: 6,
      insert: '',
    });
    expect(diffText('the cat sat', 'the dog sat')).toEqual({
      index: 4,
      remove: 3,
      insert: 'dog',
    });
    expect(diffText('same', 'same')).toEqual({
      index: 0,
      remove: 0,
      insert: '',
    });
  });

  it('uses the caret to place an ambiguous insertion', () => {
    // Typing "a" after the first "a" of "aa": the caret (2) says the new "a" is at 1.
    expect(diffText('aa', 'aaa', 2)).toEqual({
      index: 1,
      remove: 0,
      insert: 'a',
    });
    expect(diffText('aa', 'aaa', 1)).toEqual({
      index: 0,
      remove: 0,
      insert: 'a',
    });
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    // Backspace inside a run of equal letters: the caret is where the deletion happened.
    expect(diffText('aaa', 'aa', 1)).toEqual({
      index: 1,
      remove: 1,
      insert: '',
    });
  });

  it('never splits a surrogate pair', () => {
    // 😀 (d83d de00) → 😃 (d83d de03): the whole pair is replaced.
    const change = diffText('a😀b', 'a😃b');
    expect(change).toEqual({ index: 1, remove: 2, insert: '😃' });
    const tail = diffText('x😀', 'x😀😀');
    expect(apply('x😀', tail)).toBe('x😀😀');
    expect(tail.insert).toBe('😀');
  });

  it('turns any edit into the target text (property over random strings)', () => {
    const alphabet = ['a', 'b', ' ', '😀', 'é', '\n'];
    const rand = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const prev = rand(Math.floor(Math.random() * 8));
      const next = rand(Math.floor(Math.random() * 8));
      const caret = Math.floor(Math.random() * (next.length + 1));
      const change = diffText(prev, next, caret);
      expect(apply(prev, change)).toBe(next);
      expect(change.insert.length - change.remove).toBe(next.length - prev.length);
    }
  });

  it('applyTextChange edits the Y.Text in one transaction with the given origin', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = { local: true };
    applyTextChange(text, diffText('hello world', 'hello brave world', 10), origin);
    expect(text.toString()).toBe('hello brave world');
    expect(origins).toEqual([origin]);
  });

  it('keeps a concurrent edit elsewhere in the same text', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Pay by card');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextChange(a.getText('t'), diffText('Pay by card', 'Pay by card or QRIS'), 'a');
    applyTextChange(b.getText('t'), diffText('Pay by card', 'Easy: Pay by card', 6), 'b');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Easy: Pay by card or QRIS');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});

describe('transformSelection (remote change → caret)', () => {
  const delta = (ops: DeltaOp[]) => ops;

  it('moves the caret right for text inserted before it, not after it', () => {
    expect(transformPosition(5, delta([{ insert: 'abc' }]))).toBe(8);
    expect(transformPosition(5, delta([{ retain: 6 }, { insert: 'abc' }]))).toBe(5);
    expect(transformPosition(5, delta([{ retain: 2 }, { insert: 'xy' }]))).toBe(7);
  });

  it('moves the caret left for text deleted before it, to the deletion for text deleted around it', () => {
    expect(transformPosition(5, delta([{ delete: 2 }]))).toBe(3);
    expect(transformPosition(5, delta([{ retain: 3 }, { delete: 4 }]))).toBe(3);
    expect(transformPosition(5, delta([{ retain: 5 }, { delete: 4 }]))).toBe(5);
  });

  it('keeps a collapsed caret in front of text typed at the same spot', () => {
    expect(transformSelection({ start: 4, end: 4 }, delta([{ retain: 4 }, { insert: 'zz' }]))).toEqual({ start: 4, end: 4 });
  });

  it('keeps a selection around the same words', () => {
    // "hello world", "world" selected (6..11); someone types "big " at 6 and deletes "hello " (0..6).
    const sel = transformSelection({ start: 6, end: 11 }, delta([{ delete: 6 }, { insert: 'big ' }]));
    expect(sel).toEqual({ start: 4, end: 9 });
    expect(transformSelection({ start: 2, end: 8 }, delta([{ retain: 4 }, { insert: 'ab' }]))).toEqual({ start: 2, end: 10 });
  });

  it('matches what Y.Text reports for a real remote edit', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Checkout is slow');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    let seen: DeltaOp[] = [];
    b.getText('t').observe((event) => (seen = event.delta as DeltaOp[]));
    a.getText('t').insert(0, 'Mobile ');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // Our caret was after "slow" (16); it stays after "slow" (23).
    expect(transformSelection({ start: 16, end: 16 }, seen)).toEqual({
      start: 23,
      end: 23,
    });
    expect(b.getText('t').toString().slice(0, 23)).toBe('Mobile Checkout is slow');
  });
});
