'use client';
// One member: who, their role and department (editable by owners), and remove / leave.
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useTranslations } from 'use-intl';
import { Avatar } from '@/components/ui/Avatar';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { api, ApiError } from '@/lib/api-client';
import type { Role } from '@/lib/auth/policy';
import { role as roleSchema } from '@/lib/validation/workspace';
import type { DepartmentOption, MemberView } from './member-types';

export function MemberRow({
  slug,
  workspaceName,
  member,
  departments,
  canManage,
  isSelf,
  soleOwner = false,
}: {
  slug: string;
  workspaceName: string;
  member: MemberView;
  departments: DepartmentOption[];
  canManage: boolean;
  isSelf: boolean;
  /** The workspace's only owner: their role cannot change and they cannot leave (or be removed). */
  soleOwner?: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const hintId = useId();
  const url = `/api/workspaces/${slug}/members/${member.userId}`;
  const update = useMutation({
    mutationFn: (input: { role?: Role; departmentId?: string | null }) => api('PATCH', url, input),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({
    mutationFn: () => api('DELETE', url),
    onSuccess: () => {
      if (isSelf) window.location.assign('/workspaces');
      else {
        setConfirm(false);
        router.refresh();
      }
    },
  });
  const message = (err: unknown) => (err instanceof ApiError ? err.message : t('common.networkError'));
  // While a change is saving (or after it failed) show what the server holds, not the attempt.
  const role = update.isPending && update.variables.role ? update.variables.role : member.role;
  const departmentId =
    update.isPending && update.variables.departmentId !== undefined ? update.variables.departmentId : member.departmentId;
  const department = departments.find((d) => d.id === member.departmentId);

  return (
    <li className="member-row">
      <Avatar id={member.userId} name={member.name} />
      <div className="member-who grow">
        <span className="member-name">
          {member.name}
          {isSelf ? <span className="muted"> ({t('common.you')})</span> : null}
        </span>
        <span className="muted small truncate">{member.email}</span>
      </div>
      <div className="member-controls">
        {canManage ? (
          <>
            <select
              className="select select-compact"
              aria-label={t('members.role', { name: member.name })}
              aria-describedby={soleOwner ? hintId : undefined}
              value={role}
              disabled={update.isPending || soleOwner}
              onChange={(e) => update.mutate({ role: e.target.value as Role })}
            >
              {roleSchema.options.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <select
              className="select select-compact"
              aria-label={t('members.department', { name: member.name })}
              value={departmentId ?? ''}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ departmentId: e.target.value || null })}
            >
              <option value="">{t('members.noDepartment')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </>
        ) : (
          <>
            <span className="badge">{t(`roles.${member.role}`)}</span>
            {department ? (
              <span className="badge">
                <span className="dot" style={{ background: department.color }} aria-hidden="true" /> {department.name}
              </span>
            ) : null}
          </>
        )}
        {isSelf ? (
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={soleOwner}
            aria-describedby={soleOwner ? hintId : undefined}
            onClick={() => setConfirm(true)}
          >
            {t('members.leave')}
          </button>
        ) : canManage ? (
          <button
            type="button"
            className="btn btn-sm btn-danger"
            onClick={() => setConfirm(true)}
            aria-label={t('members.removeNamed', { name: member.name })}
          >
            {t('members.remove')}
          </button>
        ) : null}
      </div>
      {soleOwner && isSelf ? (
        <p id={hintId} className="hint member-error">
          {t('members.soleOwner')}
        </p>
      ) : null}
      {update.error ? (
        <p className="field-error member-error" role="alert">
          {message(update.error)}
        </p>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={isSelf ? t('members.leaveDialog.title') : t('members.removeDialog.title')}
          body={
            isSelf ? t('members.leaveDialog.body', { workspace: workspaceName }) : t('members.removeDialog.body', { name: member.name })
          }
          confirmLabel={isSelf ? t('members.leaveDialog.confirm') : t('members.removeDialog.confirm')}
          pending={remove.isPending}
          error={remove.error ? message(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            setConfirm(false);
            remove.reset();
          }}
        />
      ) : null}
    </li>
  );
}
