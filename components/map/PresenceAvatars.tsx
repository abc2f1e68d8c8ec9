'use client';
// Everyone on the map now: initials in their presence colour, a ring in their department's colour,
// their name on hover and for screen readers.
import { useTranslations } from 'use-intl';
import { usePeople } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import styles from './map-editor.module.css';

const MAX_SHOWN = 5;

export function initialsOf(name: string): string {
  return (
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

export function PresenceAvatars({ departmentOfUser }: { departmentOfUser: Readonly<Record<string, string | null>> }) {
  const people = usePeople();
  const { departmentById } = useEditor();
  const t = useTranslations('presence');
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.slice(MAX_SHOWN);
  return (
    <ul className={styles.presence} aria-label={t('label', { count: people.length })}>
      {shown.map((person) => {
        const departmentId = person.userId ? departmentOfUser[person.userId] : null;
        const department = departmentId ? departmentById.get(departmentId) : undefined;
        const name = person.self ? t('you', { name: person.name }) : person.name;
        const title = department ? t('withDepartment', { name, department: department.name }) : name;
        return (
          <li key={person.clientId} className={styles.presenceItem} title={title}>
            <span
              className={styles.presenceAvatar}
              style={{
                background: person.color,
                boxShadow: department ? `0 0 0 2px var(--surface), 0 0 0 4px ${department.color}` : undefined,
              }}
              aria-hidden="true"
            >
              {initialsOf(person.name)}
            </span>
            <span className="visually-hidden">{title}</span>
          </li>
        );
      })}
      {hidden.length ? (
        <li className={styles.presenceItem} title={hidden.map((p) => p.name).join(', ')}>
          <span className={`${styles.presenceAvatar} ${styles.presenceMore}`} aria-hidden="true">
            +{hidden.length}
          </span>
          <span className="visually-hidden">{hidden.map((p) => p.name).join(', ')}</span>
        </li>
      ) : null}
    </ul>
  );
}
