'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { api, ApiError } from '@/lib/api-client';
import type { MapSummary } from './map-summary';

export function DeleteMapDialog({ slug, map, onClose }: { slug: string; map: MapSummary; onClose: () => void }) {
  const t = useTranslations();
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/workspaces/${slug}/maps/${map.id}`),
    onSuccess: () => {
      router.refresh();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={t('maps.deleteDialog.title')}
      body={t('maps.deleteDialog.body', { title: map.title })}
      confirmLabel={remove.isPending ? t('common.deleting') : t('maps.deleteDialog.confirm')}
      pending={remove.isPending}
      error={remove.error ? (remove.error instanceof ApiError ? remove.error.message : t('common.networkError')) : null}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    />
  );
}
