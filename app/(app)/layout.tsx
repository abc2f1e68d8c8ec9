// The signed-in shell. Each page asks the guard itself (it knows its own path to come back to), so
// a signed-out visitor gets no header here and the page sends them to sign in.
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/AppHeader';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/page-guard';
import { listMyWorkspaces } from '@/lib/services/workspaces';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const workspaces = actor ? await listMyWorkspaces(await getDb(), actor) : [];
  return (
    <>
      {actor ? <AppHeader user={actor} workspaces={workspaces} /> : null}
      <main id="main">{children}</main>
    </>
  );
}
