'use client';
// Banners for what the user must know: a read-only role, an archived map, a refused change, a
// connection that cannot recover by itself.
import { useTranslations } from 'use-intl';
import { useSession, useStore, useStoreSelect } from '@/lib/map-client/use-map-session';
import styles from './map-editor.module.css';

export function EditorNotices({ canEdit, archived }: { canEdit: boolean; archived: boolean }) {
  const session = useSession();
  const t = useTranslations('editor.notices');
  // Only the refusal: the rest of the save state changes at every keystroke.
  const refusal = useStoreSelect(session.saveState, (state) => state.refusal);
  const notice = useStore(session.notice);

  const reloadFresh = async () => {
    await session.discardOfflineCopy();
    window.location.reload();
  };

  return (
    <>
      {!canEdit && !archived ? <p className={styles.noticeInfo}>{t('readOnlyRole')}</p> : null}
      {archived ? <p className={styles.noticeInfo}>{t('archived')}</p> : null}
      {refusal ? (
        <div className={styles.noticeError} role="alert">
          <span>{refusal === 'read-only' ? t(canEdit ? 'nowReadOnly' : 'refusedReadOnly') : t('docTooLarge')}</span>
          {canEdit ? (
            <button type="button" className="btn btn-sm" onClick={reloadFresh}>
              {t('discardAndReload')}
            </button>
          ) : null}
        </div>
      ) : null}
      {notice === 'rate-limited' ? (
        <p className={styles.noticeWarn} role="alert">
          {t('rateLimited')}
        </p>
      ) : null}
      {notice === 'load-failed' ? (
        <p className={styles.noticeWarn} role="alert">
          {t('loadFailed')}
        </p>
      ) : null}
      {notice === 'closed' || notice === 'access-changed' ? (
        <div className={styles.noticeError} role="alert">
          <span>{t(notice === 'closed' ? 'closed' : 'accessChanged')}</span>
          <button type="button" className="btn btn-sm" onClick={() => window.location.reload()}>
            {t('reload')}
          </button>
        </div>
      ) : null}
    </>
  );
}
