import { redirect } from 'next/navigation';
import { actorFromCookieHeader } from '@/lib/auth/session';
import { headers } from 'next/headers';

export default async function Home() {
  const actor = await actorFromCookieHeader((await headers()).get('cookie'));
  redirect(actor ? '/workspaces' : '/login');
}
