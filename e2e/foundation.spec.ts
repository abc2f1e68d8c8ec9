// The foundation's user journeys, as people meet them in the browser: sign up, make a workspace,
// invite a colleague by link, create a map together; a viewer who may only look; the language
// switch; and a sign-in that does not tell which of email or password was wrong.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makePerson, makeWorkspace } from './map-fixtures';

test.use({ locale: 'en-US' });

const PASSWORD = 'correct horse battery';
let seq = 0;

function makeUser(name: string) {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  return { name, email: `${slug}-${Date.now()}-${++seq}@example.com`, password: PASSWORD };
}
type User = ReturnType<typeof makeUser>;

async function fillSignUp(page: Page, user: User) {
  await page.getByLabel('Full name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function signUp(page: Page, user: User) {
  await page.goto('/signup');
  await fillSignUp(page, user);
  await expect(page).toHaveURL(/\/workspaces$/);
}

/** Creates a workspace from the workspaces page and returns its slug. */
async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.getByLabel('Workspace name').fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split('/')[2];
}

/** As an owner on the members page: makes an invitation link for `role` and returns it. */
async function createInviteLink(page: Page, slug: string, role: 'editor' | 'commenter' | 'viewer'): Promise<string> {
  await page.goto(`/w/${slug}/members`);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link =
    (await page
      .getByRole('group', { name: 'Invitation link' })
      .getByText(/\/invite\//)
      .textContent()) ?? '';
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[\w-]+$/);
  return link;
}

/** A new person opens the link in their own browser, creates an account there and accepts. */
async function joinBySignUp(browser: Browser, link: string, user: User, workspaceName: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Join ${workspaceName}` })).toBeVisible();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByText(`You have been invited to join ${workspaceName}`)).toBeVisible();
  await fillSignUp(page, user);
  await expect(page).toHaveURL(/\/invite\//); // back on the invitation, to accept it knowingly
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  return page;
}

test('an owner invites an editor by link, creates a map, and both see it in the list', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, makeUser('Dewi Lestari'));
  await expect(owner.getByText('No workspace yet')).toBeVisible();
  const slug = await createWorkspace(owner, 'Toko Nusantara');
  await expect(owner.getByText('Your role: Owner')).toBeVisible();

  const link = await createInviteLink(owner, slug, 'editor');
  // The only owner can neither leave nor give up the owner role (the server would refuse), and the
  // members page says so before they try.
  await expect(owner.getByRole('button', { name: 'Leave workspace' })).toBeDisabled();
  await expect(owner.getByRole('combobox', { name: 'Role of Dewi Lestari' })).toBeDisabled();
  await expect(owner.getByRole('button', { name: 'Leave workspace' })).toHaveAccessibleDescription(/You are the only owner/);
  const editor = await joinBySignUp(browser, link, makeUser('Agus Santoso'), 'Toko Nusantara');
  await expect(editor.getByText('Your role: Editor')).toBeVisible();
  await expect(editor.getByText('No maps yet')).toBeVisible();

  // The link was single use: opened again, it says so.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(link);
  await expect(stranger.getByRole('heading', { name: 'Invitation already used' })).toBeVisible();

  await owner.getByRole('link', { name: 'Maps', exact: true }).click();
  await owner.getByRole('button', { name: 'New map' }).first().click();
  const dialog = owner.getByRole('dialog', { name: 'New journey map' });
  await dialog.getByLabel('Title').fill('First purchase on the app');
  await dialog.getByLabel('Persona').fill('Rina, first-time online shopper');
  await dialog.getByLabel(/B2C journey/).check();
  await dialog.getByRole('button', { name: 'Create map' }).click();
  await expect(dialog).toBeHidden();

  const title = { name: 'First purchase on the app' };
  await expect(owner.getByRole('heading', title)).toBeVisible();
  await expect(owner.getByText('Persona: Rina, first-time online shopper')).toBeVisible();
  await editor.reload();
  await expect(editor.getByRole('heading', title)).toBeVisible();
  // An editor may create and change maps, but only owners delete them.
  const actions = editor.getByRole('group', { name: 'Actions for First purchase on the app' });
  await expect(actions.getByRole('button', { name: 'Rename' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Delete' })).toHaveCount(0);

  // The map opens in the editor.
  await editor.getByRole('link', { name: 'First purchase on the app' }).click();
  await expect(editor.getByRole('heading', { level: 1, ...title })).toBeVisible();
});

test('a viewer sees the maps but gets no "New map" button, and the API refuses with 403', async ({ browser, request }) => {
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, makeUser('Sari Owner'));
  const slug = await createWorkspace(owner, 'Kopi Senja');
  const created = await owner.evaluate(
    async (slug) =>
      (
        await fetch(`/api/workspaces/${slug}/maps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Loyalty programme', personaLabel: '', template: '5a' }),
        })
      ).status,
    slug,
  );
  expect(created).toBe(201);
  const link = await createInviteLink(owner, slug, 'viewer');

  // The viewer already has an account: "Sign in to accept" signs in and comes back to the link.
  const viewerUser = makeUser('Budi Viewer');
  expect((await request.post('/api/auth/signup', { data: { ...viewerUser, locale: 'en' } })).status()).toBe(201);
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(link);
  await viewer.getByRole('link', { name: 'Sign in to accept' }).click();
  await viewer.getByLabel('Email').fill(viewerUser.email);
  await viewer.getByLabel('Password').fill(viewerUser.password);
  await viewer.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewer).toHaveURL(/\/invite\//);
  await viewer.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(viewer).toHaveURL(new RegExp(`/w/${slug}$`));

  await expect(viewer.getByText('Your role: Viewer')).toBeVisible();
  await expect(viewer.getByRole('heading', { name: 'Loyalty programme' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'New map' })).toHaveCount(0);
  const actions = viewer.getByRole('group', { name: 'Actions for Loyalty programme' });
  await expect(actions.getByRole('link', { name: 'Open' })).toBeVisible();
  await expect(actions.getByRole('button')).toHaveCount(0);

  const refused = await viewer.evaluate(async (slug) => {
    const res = await fetch(`/api/workspaces/${slug}/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Not allowed', personaLabel: '', template: 'blank' }),
    });
    return { status: res.status, body: await res.json() };
  }, slug);
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe('error.forbidden');

  // Members page: no role controls for a viewer, but they may leave.
  await viewer.getByRole('link', { name: 'Members', exact: true }).click();
  await expect(viewer.getByRole('main').getByRole('combobox')).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Leave workspace' })).toBeVisible();

  // Once the owner makes Budi an owner too, the owner may leave (the guard counts owners).
  await owner.goto(`/w/${slug}/members`);
  await expect(owner.getByRole('button', { name: 'Leave workspace' })).toBeDisabled();
  await owner.getByRole('combobox', { name: 'Role of Budi Viewer' }).selectOption('owner');
  await expect(owner.getByRole('button', { name: 'Leave workspace' })).toBeEnabled();
  await expect(owner.getByRole('combobox', { name: 'Role of Sari Owner' })).toBeEnabled();
  await expect(owner.getByText(/You are the only owner/)).toHaveCount(0);
});

test('the UI switches to Indonesian and back, and the choice survives a reload', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Lintas' })).toBeVisible();
  await page.getByLabel('Language').selectOption('id');
  await expect(page.getByRole('heading', { name: 'Masuk ke Lintas' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Masuk ke Lintas' })).toBeVisible();

  // Signed up in Indonesian, the account keeps Indonesian; form errors speak it too.
  await page.getByRole('link', { name: 'Buat akun' }).click();
  await page.getByRole('button', { name: 'Daftar' }).click();
  await expect(page.getByText('Isian ini wajib diisi.')).toBeVisible();
  await expect(page.getByText('Masukkan alamat email yang valid.')).toBeVisible();
  const user = makeUser('Rina Wijaya');
  await page.getByLabel('Nama lengkap').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Kata sandi').fill(user.password);
  await page.getByRole('button', { name: 'Daftar' }).click();
  await expect(page.getByRole('heading', { name: 'Workspace Anda' })).toBeVisible();
  await expect(page.getByText('Belum ada workspace')).toBeVisible();

  await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your workspaces' })).toBeVisible();

  await page.getByLabel('Language').selectOption('id');
  await expect(page.getByRole('heading', { name: 'Workspace Anda' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workspace Anda' })).toBeVisible();
});

test('a wrong password gets the same message as an unknown email', async ({ page, request }) => {
  const user = makeUser('Known User');
  expect((await request.post('/api/auth/signup', { data: { ...user, locale: 'en' } })).status()).toBe(201);
  const formAlert = page.locator('form').getByRole('alert');

  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(formAlert).toHaveText('Email or password is incorrect.');
  const wrongPassword = await formAlert.textContent();

  await page.getByLabel('Email').fill(`nobody-${Date.now()}@example.com`);
  const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answered;
  await expect(formAlert).toHaveText(wrongPassword!);
  await expect(page).toHaveURL(/\/login$/);

  // And the right password still works (a couple of failures do not lock the account).
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
});

test('on a 360 px phone the workspace tabs fit, in Indonesian and in English', async ({ browser }) => {
  for (const [locale, label] of [
    ['id', 'Departemen'],
    ['en', 'Departments'],
  ] as const) {
    const owner = await makePerson(browser, 'Dewi Lestari', { locale, viewport: { width: 360, height: 740 } });
    const slug = await makeWorkspace(owner, 'Toko Nusantara');
    await owner.page.goto(`/w/${slug}/departments`);
    const tabs = owner.page.getByRole('navigation').filter({ has: owner.page.getByRole('link', { name: label }) });
    await expect(tabs.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    // Nothing scrolled out of sight: the last tab ends inside the page.
    expect(await tabs.evaluate((nav) => nav.scrollWidth - nav.clientWidth)).toBeLessThanOrEqual(0);
    const last = (await tabs.getByRole('link', { name: label }).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(360);
    await owner.context.close();
  }
});
