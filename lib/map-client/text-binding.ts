// Binding a plain <textarea> to a card's Y.Text: local input becomes the smallest Y.Text change
// (so a colleague typing elsewhere in the same card keeps their text), and remote changes move
// the caret the way the text around it moved.
import type * as Y from 'yjs';

export interface TextChange {
  /** UTF-16 index where the change starts. */
  index: number;
  /** How many UTF-16 units of the old text are removed there. */
  remove: number;
  /** What is inserted there. */
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single contiguous change that turns `prev` into `next`. `caret` (the selection end in
 * `next` after the input) resolves ambiguity: typing "a" into "aa" after the first "a" inserts at
 * 1, not at the end. Never splits a surrogate pair (Yjs would turn half an emoji into U+FFFD).
 */
export function diffText(prev: string, next: string, caret?: number): TextChange {
  if (prev === next) return { index: 0, remove: 0, insert: '' };
  const minLength = Math.min(prev.length, next.length);
  let start = 0;
  while (start < minLength && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (caret !== undefined && caret >= 0 && caret <= next.length) {
    // The edited region ends at the caret; an insertion of k units began at caret - k at the latest.
    const grown = Math.max(0, next.length - prev.length);
    start = Math.min(start, Math.max(0, caret - grown));
  }
  if (start > 0 && isHighSurrogate(next.charCodeAt(start - 1))) start--;
  let end = 0;
  const maxEnd = minLength - start;
  while (end < maxEnd && prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(next.charCodeAt(next.length - end))) end--;
  return {
    index: start,
    remove: prev.length - start - end,
    insert: next.slice(start, next.length - end),
  };
}

/** Applies `change` to `text` in one transaction with `origin` (tracked by the editor's undo manager). */
export function applyTextChange(text: Y.Text, change: TextChange, origin: unknown): void {
  if (change.remove === 0 && change.insert === '') return;
  const doc = text.doc;
  const run = () => {
    if (change.remove > 0) text.delete(change.index, change.remove);
    if (change.insert) text.insert(change.index, change.insert);
  };
  if (doc) doc.transact(run, origin);
  else run();
}

/** One op of a Y.Text delta (Y.YTextEvent#delta). */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Where a caret at `position` of the old text ends up after `delta`. For text inserted exactly at
 * the caret, `assoc` says which side the caret keeps to: 'after' moves it past the new text,
 * 'before' leaves it in front.
 */
export function transformPosition(position: number, delta: readonly DeltaOp[], assoc: 'before' | 'after' = 'after'): number {
  let oldIndex = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (oldIndex > position) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldIndex < position || (oldIndex === position && assoc === 'after')) shift += length;
    } else if (op.delete !== undefined) {
      const removedBeforeCaret = Math.max(0, Math.min(op.delete, position - oldIndex));
      shift -= removedBeforeCaret;
      oldIndex += op.delete;
    }
  }
  return Math.max(0, position + shift);
}

/**
 * A selection moved through a remote change. A caret keeps in front of text a colleague types at
 * the same spot (their words appear to its right); a range grows to take in text typed inside it.
 */
export function transformSelection(selection: { start: number; end: number }, delta: readonly DeltaOp[]): { start: number; end: number } {
  const collapsed = selection.start === selection.end;
  const start = transformPosition(selection.start, delta, collapsed ? 'before' : 'after');
  const end = collapsed ? start : transformPosition(selection.end, delta, 'before');
  return { start, end: Math.max(start, end) };
}
