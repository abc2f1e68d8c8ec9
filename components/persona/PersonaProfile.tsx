'use client';
// A persona's profile: who they are, what they want, what drives and frustrates them, in their words.
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import type { Persona } from './persona';
import { PersonaAvatar } from './PersonaAvatar';
import styles from './persona.module.css';

export function PersonaProfile({ persona, actions, compact = false }: { persona: Persona; actions?: ReactNode; compact?: boolean }) {
  const t = useTranslations('personas');
  const sections = (['demographics', 'goals', 'motivations', 'frustrations'] as const).filter((key) => persona[key].trim());
  return (
    <article className={compact ? `${styles.profile} ${styles.profileCompact}` : styles.profile} aria-label={persona.name}>
      <header className={styles.profileHead}>
        <PersonaAvatar name={persona.name} photoUrl={persona.photoUrl} size={compact ? 'md' : 'lg'} />
        <div className={styles.profileTitle}>
          <h3>{persona.name}</h3>
          <span className={`badge ${persona.segment === 'b2b' ? styles.segmentB2b : styles.segmentB2c}`}>
            {t(`segment.${persona.segment}`)}
          </span>
        </div>
        {actions ? <div className={styles.profileActions}>{actions}</div> : null}
      </header>
      {persona.quote.trim() ? <blockquote className={styles.quote}>“{persona.quote.trim()}”</blockquote> : null}
      {sections.length ? (
        <dl className={styles.facts}>
          {sections.map((key) => (
            <div key={key}>
              <dt>{t(`fields.${key}`)}</dt>
              <dd>{persona[key]}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('noDetails')}</p>
      )}
    </article>
  );
}
