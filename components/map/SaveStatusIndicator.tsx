'use client';
// "Saving… / Saved / Offline — changes kept on this device", from the server's acknowledgements.
import { useTranslations } from 'use-intl';
import { useSaveStatus, useSession, useStore } from '@/lib/map-client/use-map-session';
import styles from './map-editor.module.css';

export function SaveStatusIndicator({ readOnly }: { readOnly: boolean }) {
  const status = useSaveStatus();
  const ready = useStore(useSession().ready);
  const t = useTranslations('editor.save');
  // A reader has nothing to save: say whether the map is live instead. Neither has an editor whose
  // map is not open yet (offline, with no copy on this device).
  const key = status === 'disconnected' ? status : readOnly || (!ready && status === 'offline')
    ? status === 'offline'
      ? 'offlineReadOnly'
      : status === 'connecting'
        ? 'connecting'
        : status === 'notSaved' || status === 'saving'
          ? 'notSaved'
          : 'live'
    : status;
  return (
    <span role="status" aria-label={t('label')} className={styles.saveStatus} data-status={key}>
      <span className={styles.saveDot} aria-hidden="true" />
      <span>{t(key)}</span>
    </span>
  );
}
