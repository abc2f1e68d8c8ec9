// Page loaders ask the same policy as the API: every workspace page × {anonymous, outsider,
// viewer, commenter, editor, owner}, on the real server. Anonymous → sign-in with a way back;
// a member of another workspace → the not-found page (nothing about the workspace leaks).
import { expect, test, type Browser } from '@playwright/test';
import { addToWorkspace, makeMap, makePerson, makeWorkspace, type Person } from './map-fixtures';

test('every workspace page answers each kind of visitor as the policy says', async ({ browser }) => {
  // Six people and ~40 navigations: ~35 s on an idle 2-core machine, so the default 60 s left too
  // little room on a busy one.
  test.setTimeout(120_000);
  const owner = await makePerson(browser, 'Owner Page');
  const slug = await makeWorkspace(owner, 'Rahasia Dagang');
  const mapId = await makeMap(owner, slug, 'Peta rahasia', 'blank');
  const people: Record<string, Person> = { owner };
  for (const role of ['editor', 'commenter', 'viewer'] as const) {
    people[role] = await makePerson(browser, `${role} Page`);
    await addToWorkspace(owner, slug, people[role], role);
  }
  people.outsider = await makePerson(browser, 'Outsider Page');
  await makeWorkspace(people.outsider, 'Elsewhere');

  const pages = [`/w/${slug}`, `/w/${slug}/members`, `/w/${slug}/departments`, `/w/${slug}/personas`, `/w/${slug}/maps/${mapId}`];

  const anonymous = await (browser as Browser).newContext();
  for (const path of pages) {
    const page = await anonymous.newPage();
    await page.goto(path, { waitUntil: 'commit' }); // the redirect is the server's (307)
    await expect(page, path).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page.close();
  }
  await anonymous.close();

  for (const path of pages) {
    const res = await people.outsider.page.goto(path, { waitUntil: 'domcontentloaded' }); // server-rendered
    expect(res?.status(), `outsider ${path}`).toBe(404);
    await expect(people.outsider.page.getByText('Rahasia Dagang')).toHaveCount(0);
    await expect(people.outsider.page.getByText('Peta rahasia')).toHaveCount(0);
  }

  for (const role of ['owner', 'editor', 'commenter', 'viewer']) {
    for (const path of pages) {
      // The status is all this loop checks: it is known once the navigation commits, so do not
      // wait for each page (the map editor opens its socket) to finish loading.
      const res = await people[role].page.goto(path, { waitUntil: 'commit' });
      expect(res?.status(), `${role} ${path}`).toBe(200);
    }
    // Only an owner sees the invite form; others see the members list without it.
    await people[role].page.goto(`/w/${slug}/members`);
    await expect(people[role].page.getByRole('button', { name: /create invite link/i })).toHaveCount(role === 'owner' ? 1 : 0);
  }
  for (const p of Object.values(people)) await p.context.close();
});
