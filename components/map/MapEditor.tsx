'use client';
// The journey map editor: opens the map's live session and lays out header, notices, board and
// the personas panel. Everything is live for everyone; editing affordances only where the policy
// (and the server) allow them.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import type { Persona } from '@/components/persona/persona';
import { isMapOperationError, type MapErrorCode } from '@/lib/map';
import { createStore } from '@/lib/map-client/store';
import { MapSessionContext, useMapSession, useMeta, useSession, useStore, useStoreSelect } from '@/lib/map-client/use-map-session';
import { Board } from './Board';
import { EditorContext, type Department, type EditorContextValue, type Toast } from './editor-context';
import { EditorHeader } from './EditorHeader';
import { EditorNotices } from './EditorNotices';
import styles from './map-editor.module.css';
import { PersonaPanel } from './PersonaPanel';
import { UndoToast } from './UndoToast';

export interface MapEditorProps {
  mapId: string;
  slug: string;
  title: string;
  archived: boolean;
  /** abilities['map:edit'] from the policy. */
  canEdit: boolean;
  user: { id: string; name: string };
  departments: Department[];
  /** userId → departmentId, for the presence avatars' department ring. */
  departmentOfUser: Record<string, string | null>;
  personas: Persona[];
}

export function MapEditor(props: MapEditorProps) {
  const t = useTranslations('editor');
  const canEdit = props.canEdit && !props.archived;
  const session = useMapSession({
    mapId: props.mapId,
    user: props.user,
    canEdit,
  });
  if (!session) {
    return (
      <div className={styles.editor} aria-busy="true">
        <p className={styles.loading}>{t('loading')}</p>
      </div>
    );
  }
  return (
    <MapSessionContext.Provider value={session}>
      <EditorShell {...props} canEdit={canEdit} />
    </MapSessionContext.Provider>
  );
}

const ERROR_KEYS: Partial<
  Record<MapErrorCode, 'tooManyStages' | 'tooManyLanes' | 'tooManyCards' | 'tooManyLinks' | 'gone' | 'textTooLong' | 'tooManyPersonas'>
> = {
  'map.stage.tooMany': 'tooManyStages',
  'map.lane.tooMany': 'tooManyLanes',
  'map.card.tooMany': 'tooManyCards',
  'map.link.tooMany': 'tooManyLinks',
  'map.card.textTooLong': 'textTooLong',
  'map.meta.tooManyPersonas': 'tooManyPersonas',
  'map.stage.notFound': 'gone',
  'map.lane.notFound': 'gone',
  'map.card.notFound': 'gone',
};

function EditorShell({ slug, title, archived, canEdit, user, departments, departmentOfUser, personas }: MapEditorProps) {
  const session = useSession();
  const t = useTranslations('editor');
  const ready = useStore(session.ready);
  // Not open yet and the server cannot be reached: say so, instead of "still connecting".
  const offline = useStoreSelect(session.saveState, (state) => state.unreachable);
  const editable = useStore(session.editable);
  const readOnly = !editable;
  const meta = useMeta();
  const panelId = useId();
  const [personasOpen, setPersonasOpen] = useState(false);
  const personasToggle = useRef<HTMLButtonElement>(null);
  // Closed from inside (✕ or Escape): the focus goes back to the toggle, not to the page's start.
  const closePersonas = useCallback(() => {
    setPersonasOpen(false);
    personasToggle.current?.focus();
  }, []);
  const [toast, setToast] = useState<Toast | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [slow, setSlow] = useState(false);
  const [dropTarget] = useState(() => createStore<string | null>(null));

  useEffect(() => {
    if (ready) return;
    const timer = setTimeout(() => setSlow(true), 6000);
    return () => clearTimeout(timer);
  }, [ready]);

  const announce = useCallback((message: string) => {
    // A repeated message must still be read: alternate an invisible suffix.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  const showError = useCallback(
    (error: unknown) => {
      if (!isMapOperationError(error)) throw error;
      const key = ERROR_KEYS[error.code] ?? 'generic';
      setToast({ message: t(`errors.${key}`) });
    },
    [t],
  );

  const context = useMemo<EditorContextValue>(() => {
    const departmentById = new Map(departments.map((d) => [d.id, d]));
    const run = <T,>(operation: () => T): T | undefined => {
      if (!session.editable.get()) return undefined;
      // Its own undo step: not merged with typing just before, nor with typing right after.
      session.newUndoStep();
      try {
        return operation();
      } catch (error) {
        showError(error);
        return undefined;
      } finally {
        session.newUndoStep();
      }
    };
    return {
      readOnly,
      departments,
      departmentById,
      announce,
      showToast: setToast,
      dropTarget,
      run,
      runWithUndo: (message, operation) => {
        const before = session.undoManager.undoStack.length;
        run(operation);
        const stack = session.undoManager.undoStack;
        if (stack.length > before) {
          setToast({ message, undoItem: stack[stack.length - 1] });
          announce(message);
        }
      },
    };
  }, [readOnly, departments, announce, session, showError, dropTarget]);

  // Undo/redo shortcuts. Plain inputs (names being typed) keep the browser's own undo; card texts
  // are shared, so their undo is the map's.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'SELECT' || (target.tagName === 'TEXTAREA' && !target.hasAttribute('data-ytext')))
      )
        return;
      if (target?.closest('dialog')) return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) session.redo();
      else session.undo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);

  const clearToast = useCallback(() => setToast(null), []);

  return (
    <EditorContext.Provider value={context}>
      <div className={styles.editor}>
        <EditorHeader
          slug={slug}
          title={title}
          readOnly={readOnly}
          archived={archived}
          departmentOfUser={departmentOfUser}
          personasOpen={personasOpen}
          personaCount={meta.personaIds.length}
          personaPanelId={panelId}
          personasToggleRef={personasToggle}
          onTogglePersonas={() => setPersonasOpen((open) => !open)}
        />
        <EditorNotices canEdit={canEdit} archived={archived} />
        <div className={styles.body}>
          <div className={styles.board} aria-label={t('board.label')} role="region" tabIndex={-1}>
            {ready ? (
              <Board userId={user.id} />
            ) : (
              <p className={styles.loading} aria-live="polite">
                {offline ? t('offlineNotOpened') : slow ? t('stillConnecting') : t('loading')}
              </p>
            )}
          </div>
          {personasOpen ? <PersonaPanel id={panelId} slug={slug} personas={personas} onClose={closePersonas} /> : null}
        </div>
        <UndoToast toast={toast} onDone={clearToast} />
        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
      </div>
    </EditorContext.Provider>
  );
}
