'use client';
import { useTranslations } from 'use-intl';
import type { DepartmentOption, MemberView } from './member-types';
import { MemberRow } from './MemberRow';

export function MemberList({
  slug,
  workspaceName,
  members,
  departments,
  canManage,
  selfId,
}: {
  slug: string;
  workspaceName: string;
  members: MemberView[];
  departments: DepartmentOption[];
  canManage: boolean;
  selfId: string;
}) {
  const t = useTranslations('members');
  // The server refuses to leave a workspace without an owner (error.lastOwner): say so up front.
  const owners = members.filter((m) => m.role === 'owner').length;
  return (
    <section className="card" aria-labelledby="members-title">
      <div className="section-head">
        <div>
          <h2 id="members-title">{t('title')}</h2>
          <p className="muted">{t('subtitle')}</p>
        </div>
        <span className="badge">{t('count', { count: members.length })}</span>
      </div>
      <ul className="list member-list">
        {members.map((m) => (
          <MemberRow
            key={m.userId}
            slug={slug}
            workspaceName={workspaceName}
            member={m}
            departments={departments}
            canManage={canManage}
            isSelf={m.userId === selfId}
            soleOwner={m.role === 'owner' && owners === 1}
          />
        ))}
      </ul>
    </section>
  );
}
