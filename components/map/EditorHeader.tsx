'use client';
// The editor's header: back to the maps, the title, read-only badges, who is here, save status,
// undo/redo and the personas panel toggle.
import { Eye, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'use-intl';
import { useSession, useStore } from '@/lib/map-client/use-map-session';
import { PresenceAvatars } from './PresenceAvatars';
import { SaveStatusIndicator } from './SaveStatusIndicator';
import styles from './map-editor.module.css';

export function EditorHeader({
  slug,
  title,
  readOnly,
  archived,
  departmentOfUser,
  personasOpen,
  personaCount,
  personaPanelId,
  personasToggleRef,
  onTogglePersonas,
}: {
  slug: string;
  title: string;
  readOnly: boolean;
  archived: boolean;
  departmentOfUser: Readonly<Record<string, string | null>>;
  personasOpen: boolean;
  personaCount: number;
  personaPanelId: string;
  /** The personas toggle, which takes the focus back when the panel closes. */
  personasToggleRef?: React.Ref<HTMLButtonElement>;
  onTogglePersonas: () => void;
}) {
  const session = useSession();
  const t = useTranslations('editor');
  const { canUndo, canRedo } = useStore(session.undoState);
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';
  return (
    <header className={styles.header}>
      <div className={styles.titleBlock}>
        <Link href={`/w/${slug}`} className={styles.back} aria-label={t('backToMaps')} title={t('backToMaps')}>
          <span aria-hidden="true">←</span>
          <span className="hide-sm">{t('maps')}</span>
        </Link>
        <h1 className={styles.title} title={title}>
          {title}
        </h1>
        {archived ? <span className="badge">{t('archived')}</span> : null}
        {readOnly ? (
          <span className={`badge ${styles.readOnlyBadge}`} title={archived ? t('archivedHint') : t('readOnlyHint')}>
            <Eye size={14} aria-hidden="true" />
            <span>{t('readOnly')}</span>
          </span>
        ) : null}
      </div>
      <div className={styles.headerTools}>
        <PresenceAvatars departmentOfUser={departmentOfUser} />
        <SaveStatusIndicator readOnly={readOnly} />
        {readOnly ? null : (
          <div className={styles.undoGroup} role="group" aria-label={t('history')}>
            <button
              type="button"
              className={styles.iconButton}
              onClick={() => session.undo()}
              disabled={!canUndo}
              aria-label={t('undo')}
              title={`${t('undo')} (${mod}Z)`}
              aria-keyshortcuts={mac ? 'Meta+Z' : 'Control+Z'}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M9 14 4 9l5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
            <button
              type="button"
              className={styles.iconButton}
              onClick={() => session.redo()}
              disabled={!canRedo}
              aria-label={t('redo')}
              title={`${t('redo')} (${mod}${mac ? '⇧Z' : 'Shift+Z'})`}
              aria-keyshortcuts={mac ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y'}
            >
              <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
                <path d="m15 14 5-5-5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          </div>
        )}
        <button
          ref={personasToggleRef}
          type="button"
          className={personasOpen ? `btn btn-sm ${styles.toggleOn}` : 'btn btn-sm'}
          aria-expanded={personasOpen}
          aria-controls={personasOpen ? personaPanelId : undefined}
          aria-label={t('personas', { count: personaCount })}
          onClick={onTogglePersonas}
        >
          <UserRound size={16} aria-hidden="true" />
          <span className={styles.personasLabel} aria-hidden="true">
            {t('personas', { count: personaCount })}
          </span>
          <span className={styles.personasCount} aria-hidden="true">
            {personaCount}
          </span>
        </button>
      </div>
    </header>
  );
}
