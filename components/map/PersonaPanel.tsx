'use client';
// The one or two personas this map is made for (meta.personaIds), beside the board. Editors pick
// them from the workspace's personas; the list is refreshed when the panel opens. Opening it moves
// the focus to its title (on a phone it covers the board, and it comes after the board in the
// page); Escape inside it closes it, as ✕ does.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { PersonaProfile } from '@/components/persona/PersonaProfile';
import { toPersona, type Persona } from '@/components/persona/persona';
import { api } from '@/lib/api-client';
import { MAX_PERSONAS, setMeta } from '@/lib/map';
import { useMeta, useSession } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import styles from './map-editor.module.css';

export function PersonaPanel({
  id,
  slug,
  personas: initial,
  onClose,
}: {
  id: string;
  slug: string;
  personas: Persona[];
  onClose: () => void;
}) {
  const session = useSession();
  const { readOnly, run } = useEditor();
  const t = useTranslations('personas.panel');
  const meta = useMeta();
  const [choice, setChoice] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const { data: personas = initial } = useQuery({
    queryKey: ['personas', slug],
    queryFn: async () =>
      (await api<{ personas: (Persona & Record<string, unknown>)[] }>('GET', `/api/workspaces/${slug}/personas`)).personas.map(toPersona),
    initialData: initial,
    staleTime: 0,
  });
  const byId = new Map(personas.map((p) => [p.id, p]));
  const chosen = meta.personaIds;
  const available = personas.filter((p) => !chosen.includes(p.id));
  const save = (personaIds: string[]) => run(() => setMeta(session.doc, { personaIds }, session.origin));

  return (
    <aside
      id={id}
      className={styles.personaPanel}
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className={styles.panelHead}>
        <h2 id={`${id}-title`} ref={title} tabIndex={-1}>
          {t('title')}
        </h2>
        <button type="button" className={styles.iconButton} onClick={onClose} aria-label={t('close')} title={t('close')}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {chosen.length === 0 ? <p className="muted">{readOnly ? t('emptyReadOnly') : t('empty')}</p> : null}
      <div className={styles.panelList}>
        {chosen.map((personaId) => {
          const persona = byId.get(personaId);
          const remove = readOnly ? null : (
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => save(chosen.filter((p) => p !== personaId))}
              aria-label={t('remove', { name: persona?.name ?? '' })}
            >
              {t('removeShort')}
            </button>
          );
          return persona ? (
            <PersonaProfile key={personaId} persona={persona} compact actions={remove} />
          ) : (
            <div key={personaId} className={styles.missingPersona}>
              <span>{t('missing')}</span>
              {remove}
            </div>
          );
        })}
      </div>
      {readOnly ? null : chosen.length < MAX_PERSONAS ? (
        personas.length === 0 ? (
          <p className="muted">{t('noneInWorkspace')}</p>
        ) : available.length ? (
          <form
            className={styles.panelAdd}
            onSubmit={(event) => {
              event.preventDefault();
              if (!choice) return;
              save([...chosen, choice]);
              setChoice('');
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-choice`}>
              {t('choose')}
            </label>
            <select id={`${id}-choice`} className="select" value={choice} onChange={(event) => setChoice(event.target.value)}>
              <option value="">{t('choose')}</option>
              {available.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.segment.toUpperCase()}
                </option>
              ))}
            </select>
            <button type="submit" className="btn btn-primary" disabled={!choice}>
              {t('add')}
            </button>
          </form>
        ) : null
      ) : (
        <p className="hint">{t('max')}</p>
      )}
      <p className={styles.panelFoot}>
        <Link href={`/w/${slug}/personas`}>{t('manage')}</Link>
      </p>
    </aside>
  );
}
