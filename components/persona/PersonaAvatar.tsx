'use client';
// A persona's photo, or their initials when there is no photo or it does not load.
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import styles from './persona.module.css';

export function PersonaAvatar({ name, photoUrl, size = 'md' }: { name: string; photoUrl: string | null; size?: 'md' | 'lg' }) {
  const t = useTranslations('personas');
  const [failed, setFailed] = useState(false);
  const initials =
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join('') || '?';
  const className = size === 'lg' ? `${styles.avatar} ${styles.avatarLg}` : styles.avatar;
  if (photoUrl && !failed) {
    // A plain <img>: persona photos are arbitrary https URLs the image optimiser would have to allow-list.
    return (
      <img
        className={className}
        src={photoUrl}
        alt={t('photoAlt', { name })}
        onError={() => setFailed(true)}
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span className={`${className} ${styles.avatarInitials}`} aria-hidden="true">
      {initials}
    </span>
  );
}
