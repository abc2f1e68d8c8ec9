'use client';
// The text of a card the board does not render (it is far from the visible area), kept findable:
// `hidden="until-found"` hides it from sight and from the accessibility tree, but the browser's
// find in page searches it, and on a match reveals it and scrolls to it (the board then renders
// the real card there). It follows the card's shared text, so a colleague's words are found too.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { getCardText } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import styles from './map-editor.module.css';

export const FindableText = memo(function FindableText({
  cardId,
  top,
  onFound,
}: {
  cardId: string;
  top: number;
  onFound: (cardId: string) => void;
}) {
  const session = useSession();
  const text = useMemo(() => {
    try {
      return getCardText(session.doc, cardId);
    } catch {
      return null; // deleted meanwhile: the cell re-renders without it
    }
  }, [session, cardId]);
  const subscribe = useCallback(
    (notify: () => void) => {
      text?.observe(notify);
      return () => text?.unobserve(notify);
    },
    [text],
  );
  const read = useCallback(() => text?.toString() ?? '', [text]);
  const value = useSyncExternalStore(subscribe, read, read);
  const ref = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // React knows `hidden` only as a boolean: set the until-found state on the element itself.
    element.setAttribute('hidden', 'until-found');
    const found = () => onFound(cardId);
    element.addEventListener('beforematch', found);
    return () => element.removeEventListener('beforematch', found);
  }, [cardId, onFound]);
  return (
    <p ref={ref} className={styles.findableText} style={{ top }}>
      {value}
    </p>
  );
});
