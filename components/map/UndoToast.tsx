'use client';
// A short message after a deletion, with "Undo" while that deletion is still the user's latest
// change (an older step would undo something else).
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useSession } from '@/lib/map-client/use-map-session';
import type { Toast } from './editor-context';
import styles from './map-editor.module.css';

const TOAST_MS = 8000;

export function UndoToast({ toast, onDone }: { toast: Toast | null; onDone: () => void }) {
  const session = useSession();
  const t = useTranslations('editor');
  const [undoable, setUndoable] = useState(false);

  useEffect(() => {
    if (!toast) return;
    const manager = session.undoManager;
    const check = () => setUndoable(!!toast.undoItem && manager.undoStack[manager.undoStack.length - 1] === toast.undoItem);
    check();
    manager.on('stack-item-added', check);
    manager.on('stack-item-popped', check);
    const timer = setTimeout(onDone, TOAST_MS);
    return () => {
      manager.off('stack-item-added', check);
      manager.off('stack-item-popped', check);
      clearTimeout(timer);
    };
  }, [toast, session, onDone]);

  return (
    <div className={styles.toastRegion} aria-live="polite">
      {toast ? (
        <div className={styles.toast}>
          <span>{toast.message}</span>
          {undoable ? (
            <button
              type="button"
              className={styles.toastAction}
              onClick={() => {
                session.undo();
                onDone();
              }}
            >
              {t('undo')}
            </button>
          ) : null}
          <button type="button" className={styles.toastClose} onClick={onDone} aria-label={t('dismiss')}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
