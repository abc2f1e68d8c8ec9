'use client';
import { useTranslations } from 'use-intl';
import { AddDepartmentForm } from './AddDepartmentForm';
import { DepartmentRow } from './DepartmentRow';

export function DepartmentList({
  slug,
  departments,
  canManage,
}: {
  slug: string;
  departments: { id: string; name: string; color: string }[];
  canManage: boolean;
}) {
  const t = useTranslations('departments');
  return (
    <section className="card department-card" aria-labelledby="departments-title">
      <h2 id="departments-title">{t('title')}</h2>
      <p className="muted">{t('subtitle')}</p>
      {departments.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ul className="list department-list">
          {departments.map((d) => (
            // Keyed by content too, so a saved change (or another owner's) resets the row's fields.
            <DepartmentRow key={`${d.id}:${d.name}:${d.color}`} slug={slug} department={d} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage ? (
        <>
          <hr className="sep" />
          <AddDepartmentForm slug={slug} count={departments.length} />
        </>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
    </section>
  );
}
