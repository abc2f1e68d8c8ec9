'use client';
// "Are you sure?" for destructive actions: the confirm button runs `onConfirm`; errors stay in the dialog.
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { Dialog } from './Dialog';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: ReactNode;
  body: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations('common');
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('cancel')}
        </button>
        <button type="button" className="btn btn-danger-solid" onClick={onConfirm} disabled={pending} aria-busy={pending || undefined}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
