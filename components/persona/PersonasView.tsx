'use client';
// The workspace's personas: research-based profiles of typical customers, which maps are made for.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { api, ApiError } from '@/lib/api-client';
import type { Persona } from './persona';
import { PersonaDialog } from './PersonaDialog';
import { PersonaProfile } from './PersonaProfile';
import styles from './persona.module.css';

type Open = { kind: 'new' } | { kind: 'edit'; persona: Persona } | { kind: 'delete'; persona: Persona } | null;

export function PersonasView({ slug, personas: initial, canManage }: { slug: string; personas: Persona[]; canManage: boolean }) {
  const t = useTranslations('personas');
  const tc = useTranslations('common');
  const router = useRouter();
  const [personas, setPersonas] = useState(initial);
  const [open, setOpen] = useState<Open>(null);
  const remove = useMutation({
    mutationFn: (persona: Persona) => api('DELETE', `/api/workspaces/${slug}/personas/${persona.id}`),
    onSuccess: (_data, persona) => {
      setPersonas((list) => list.filter((p) => p.id !== persona.id));
      setOpen(null);
      router.refresh();
    },
  });
  const sorted = [...personas].sort((a, b) => a.name.localeCompare(b.name));
  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'new' })}>
      <span aria-hidden="true">+</span> {t('new')}
    </button>
  );

  return (
    <section aria-labelledby="personas-title">
      <div className={styles.sectionHead}>
        <div>
          <h2 id="personas-title">{t('title')}</h2>
          <p className="muted">{t('subtitle')}</p>
        </div>
        {canManage && personas.length ? newButton : null}
      </div>
      {sorted.length === 0 ? (
        <div className="empty">
          <h3>{t('empty.title')}</h3>
          <p>{canManage ? t('empty.body') : t('empty.readOnly')}</p>
          {canManage ? newButton : null}
        </div>
      ) : (
        <ul className={styles.grid}>
          {sorted.map((persona) => (
            <li key={persona.id}>
              <PersonaProfile
                persona={persona}
                actions={
                  canManage ? (
                    <>
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost"
                        onClick={() => setOpen({ kind: 'edit', persona })}
                        aria-label={t('editNamed', { name: persona.name })}
                      >
                        {t('edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-sm btn-ghost btn-danger"
                        onClick={() => setOpen({ kind: 'delete', persona })}
                        aria-label={t('deleteNamed', { name: persona.name })}
                      >
                        {tc('delete')}
                      </button>
                    </>
                  ) : null
                }
              />
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'new' || open?.kind === 'edit' ? (
        <PersonaDialog
          slug={slug}
          persona={open.kind === 'edit' ? open.persona : undefined}
          onClose={() => setOpen(null)}
          onSaved={(saved) => {
            setPersonas((list) =>
              list.some((p) => p.id === saved.id) ? list.map((p) => (p.id === saved.id ? saved : p)) : [...list, saved],
            );
            setOpen(null);
            router.refresh();
          }}
        />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('deleteDialog.title')}
          body={t('deleteDialog.body', { name: open.persona.name })}
          confirmLabel={t('deleteDialog.confirm')}
          pending={remove.isPending}
          error={remove.error ? (remove.error instanceof ApiError ? remove.error.message : tc('unexpectedError')) : null}
          onConfirm={() => remove.mutate(open.persona)}
          onClose={() => {
            remove.reset();
            setOpen(null);
          }}
        />
      ) : null}
    </section>
  );
}
