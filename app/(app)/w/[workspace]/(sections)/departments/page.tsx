import type { Metadata } from 'next';
import { DepartmentList } from '@/components/departments/DepartmentList';
import { Forbidden } from '@/components/ui/Forbidden';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listDepartments } from '@/lib/services/departments';
import { getWorkspace } from '@/lib/services/workspaces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('departments.title') };
}

export default async function DepartmentsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const r = await guard(`/w/${slug}/departments`, async ({ actor, db }) => {
    const [ws, departments] = await Promise.all([getWorkspace(db, actor, slug), listDepartments(db, actor, slug)]);
    return { ws, departments };
  });
  if (!r.ok) return <Forbidden />;
  return <DepartmentList slug={slug} departments={r.data.departments} canManage={r.data.ws.abilities['departments:manage']} />;
}
