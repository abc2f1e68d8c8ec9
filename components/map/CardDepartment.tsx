'use client';
// The department that owns a card: a compact select for editors, a chip for readers. The card's
// stripe takes the department's colour.
import { useTranslations } from 'use-intl';
import { updateCard } from '@/lib/map';
import { useSession } from '@/lib/map-client/use-map-session';
import { useEditor } from './editor-context';
import styles from './map-editor.module.css';

export function CardDepartment({ cardId, department }: { cardId: string; department: string | null }) {
  const session = useSession();
  const { readOnly, departments, departmentById, run } = useEditor();
  const t = useTranslations('editor.card');
  const current = department ? departmentById.get(department) : undefined;

  if (readOnly || departments.length === 0) {
    return (
      <span className={styles.cardTopSpacer}>
        {current ? (
          <span className={styles.chip}>
            <span className="dot" style={{ background: current.color }} aria-hidden="true" />
            {current.name}
          </span>
        ) : null}
      </span>
    );
  }

  return (
    <span className={styles.cardTopSpacer}>
      <span className={styles.selectWrap}>
        {current ? <span className="dot" style={{ background: current.color }} aria-hidden="true" /> : null}
        <select
          className={current ? styles.miniSelect : `${styles.miniSelect} ${styles.miniSelectEmpty}`}
          aria-label={t('department')}
          value={department ?? ''}
          onChange={(event) => {
            const value = event.target.value || null;
            run(() => updateCard(session.doc, cardId, { department: value }, session.origin));
          }}
        >
          <option value="">{t('noDepartment')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          {department && !current ? <option value={department}>{t('unknownDepartment')}</option> : null}
        </select>
      </span>
    </span>
  );
}
