'use client';
// A card's text bound to its Y.Text. Editable: an uncontrolled <textarea> — each input becomes the
// minimal Y.Text change with the editor's origin (undoable), and remote changes rewrite the value
// with the caret moved through the change, so typing never re-renders React. Read-only: live text.
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type * as Y from 'yjs';
import { MAX_CARD_TEXT } from '@/lib/map';
import { applyTextChange, diffText, transformSelection, type DeltaOp } from '@/lib/map-client/text-binding';
import { useSession } from '@/lib/map-client/use-map-session';
import styles from './map-editor.module.css';
import { fenceLayout } from './layout-fence';

export interface CardTextHandle {
  focus: () => void;
}

/**
 * How long a card whose text a colleague is changing stays fenced after their last change: the
 * fence then covers a whole typing burst, and costs nothing once they stop.
 */
const REMOTE_FENCE_MS = 1_000;

const supportsFieldSizing = () => typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

function autosize(el: HTMLTextAreaElement) {
  if (supportsFieldSizing()) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight}px`;
}

export const CardText = forwardRef<CardTextHandle, { cardId: string; text: Y.Text; readOnly: boolean; label: string }>(function CardText(
  { cardId, text, readOnly, label },
  ref,
) {
  const session = useSession();
  const t = useTranslations('editor.card');
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const unfence = useRef<(() => void) | null>(null);
  const composing = useRef(false);
  const [readOnlyValue, setReadOnlyValue] = useState(() => text.toString());
  const readOnlyRef = useRef<HTMLParagraphElement>(null);
  const remoteTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useImperativeHandle(ref, () => ({ focus: () => areaRef.current?.focus() }), []);

  // The fence goes with the text element: on unmount, and when the card turns read-only under the
  // caret (the textarea is removed without a blur event).
  const dropFence = () => {
    if (remoteTimer.current) clearTimeout(remoteTimer.current);
    remoteTimer.current = null;
    unfence.current?.();
    unfence.current = null;
  };
  useEffect(() => dropFence, [readOnly]);

  /**
   * A colleague is changing this card's text: fence it (layout-fence.ts) until they have been quiet
   * for REMOTE_FENCE_MS, so each of their keystrokes lays out this card, not the board (on a
   * 1,000-card map, the watcher's layout per remote keystroke was 2.3 ms; the typist's, fenced,
   * 0.4). Called before the text changes, so setting the fence's height reads a clean layout.
   * A card with focus keeps the fence it has.
   */
  const fenceRemoteChange = (content: HTMLElement | null) => {
    const box = boxRef.current;
    if (!box || !content || document.activeElement === content) return;
    if (!unfence.current) unfence.current = fenceLayout(box, content, styles.cardTextFenced);
    if (remoteTimer.current) clearTimeout(remoteTimer.current);
    remoteTimer.current = setTimeout(() => {
      remoteTimer.current = null;
      if (document.activeElement === content) return; // focused meanwhile: the focus fence now
      unfence.current?.();
      unfence.current = null;
    }, REMOTE_FENCE_MS);
  };

  useLayoutEffect(() => {
    if (readOnly) {
      setReadOnlyValue(text.toString());
      const sync = () => {
        fenceRemoteChange(readOnlyRef.current);
        setReadOnlyValue(text.toString());
      };
      text.observe(sync);
      return () => text.unobserve(sync);
    }
    const el = areaRef.current;
    if (!el) return;
    el.value = text.toString();
    autosize(el);
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next || composing.current) return; // our own input, or wait for the IME
      const focused = document.activeElement === el;
      const selection = { start: el.selectionStart, end: el.selectionEnd };
      if (!focused) fenceRemoteChange(el);
      el.value = next;
      if (focused) {
        const moved = transformSelection(selection, event.delta as DeltaOp[]);
        el.setSelectionRange(Math.min(moved.start, next.length), Math.min(moved.end, next.length));
      }
      autosize(el);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text, readOnly]);

  const commitInput = (el: HTMLTextAreaElement) => {
    let value = el.value;
    if (value.length > MAX_CARD_TEXT) {
      value = value.slice(0, MAX_CARD_TEXT);
      el.value = value;
    }
    const previous = text.toString();
    if (value === previous) return;
    applyTextChange(text, diffText(previous, value, el.selectionEnd), session.origin);
    autosize(el);
  };

  if (readOnly) {
    // The same textbox as for editors, read-only: one structure for every reader of the map.
    return (
      <div className={styles.cardTextSlot}>
        <div ref={boxRef}>
          <p ref={readOnlyRef} className={styles.cardTextReadOnly} role="textbox" aria-readonly="true" aria-multiline="true" aria-label={label}>
            {readOnlyValue || <span className={styles.placeholder}>{t('emptyText')}</span>}
          </p>
        </div>
      </div>
    );
  }

  // The box is the card's flex item's only child: see layout-fence.ts for why it must be nested.
  return (
    <div className={styles.cardTextSlot}>
      <div ref={boxRef}>
        <textarea
          ref={areaRef}
          className={styles.cardText}
          aria-label={label}
          placeholder={t('placeholder')}
          maxLength={MAX_CARD_TEXT}
          rows={2}
          data-ytext=""
          onInput={(event) => {
            if (!composing.current) commitInput(event.currentTarget);
          }}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(event) => {
            composing.current = false;
            commitInput(event.currentTarget);
          }}
          onFocus={(event) => {
            session.setEditing(cardId);
            dropFence();
            unfence.current = boxRef.current ? fenceLayout(boxRef.current, event.currentTarget, styles.cardTextFenced) : null;
          }}
          onBlur={() => {
            session.setEditing(null);
            dropFence();
          }}
        />
      </div>
    </div>
  );
});
