// Members of a workspace; owners also invite people and see the pending invitations.
import type { Metadata } from 'next';
import { InvitationList } from '@/components/members/InvitationList';
import { InviteForm } from '@/components/members/InviteForm';
import { MemberList } from '@/components/members/MemberList';
import { Forbidden } from '@/components/ui/Forbidden';
import { getT } from '@/lib/i18n/server';
import { guard } from '@/lib/page-guard';
import { listDepartments } from '@/lib/services/departments';
import { listInvitations } from '@/lib/services/invitations';
import { listMembers } from '@/lib/services/members';
import { getWorkspace } from '@/lib/services/workspaces';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT();
  return { title: t('members.title') };
}

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const r = await guard(`/w/${slug}/members`, async ({ actor, db }) => {
    const [ws, members, departments] = await Promise.all([
      getWorkspace(db, actor, slug),
      listMembers(db, actor, slug),
      listDepartments(db, actor, slug),
    ]);
    const invitations = ws.abilities['members:manage'] ? await listInvitations(db, actor, slug) : [];
    return { ws, members, departments, invitations };
  });
  if (!r.ok) return <Forbidden />;
  const { ws, members, departments, invitations } = r.data;
  const canManage = ws.abilities['members:manage'];
  const t = await getT();
  return (
    <div className="stack-lg">
      <MemberList
        slug={slug}
        workspaceName={ws.workspace.name}
        members={members}
        departments={departments}
        canManage={canManage}
        selfId={r.actor.id}
      />
      {canManage ? (
        <section className="card" aria-labelledby="invite-title">
          <h2 id="invite-title">{t('members.invite.title')}</h2>
          <p className="muted">{t('members.invite.body')}</p>
          <InviteForm slug={slug} />
          <hr className="sep" />
          <InvitationList slug={slug} invitations={invitations} now={Date.now()} />
        </section>
      ) : null}
    </div>
  );
}
