// Test data for map journeys, made through the API (fast) in each person's own browser context:
// accounts, a workspace, invitations by role, a map from a template.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

const PASSWORD = 'correct horse battery';
let seq = 0;

export interface Person {
  name: string;
  email: string;
  context: BrowserContext;
  page: Page;
}

/** A new account in its own browser context, signed in (session cookie in the context). */
export async function makePerson(
  browser: Browser,
  name: string,
  options: {
    locale?: 'en' | 'id';
    viewport?: { width: number; height: number };
  } = {},
): Promise<Person> {
  const locale = options.locale ?? 'en';
  const context = await browser.newContext({
    locale: locale === 'id' ? 'id-ID' : 'en-US',
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}-${++seq}@example.com`;
  const signUp = await context.request.post('/api/auth/signup', {
    data: { name, email, password: PASSWORD, locale },
  });
  expect(signUp.status(), await signUp.text()).toBe(201);
  const { csrfToken } = await (await context.request.get('/api/auth/csrf')).json();
  const signIn = await context.request.post('/api/auth/callback/credentials', {
    form: {
      email,
      password: PASSWORD,
      csrfToken,
      json: 'true',
      callbackUrl: '/',
    },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBeLessThan(400);
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes('session-token'))).toBe(true);
  return { name, email, context, page: await context.newPage() };
}

export async function makeWorkspace(owner: Person, name: string): Promise<string> {
  const res = await owner.context.request.post('/api/workspaces', {
    data: { name },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).workspace.slug as string;
}

/** The owner invites `person` with `role`; the person accepts in their own context. */
export async function addToWorkspace(owner: Person, slug: string, person: Person, role: 'editor' | 'commenter' | 'viewer') {
  const invite = await owner.context.request.post(`/api/workspaces/${slug}/invitations`, { data: { role, expiresInDays: 7 } });
  expect(invite.status(), await invite.text()).toBe(201);
  const { token } = await invite.json();
  const accept = await person.context.request.post(`/api/invitations/${token}/accept`);
  expect(accept.status(), await accept.text()).toBe(200);
}

export async function makeMap(
  owner: Person,
  slug: string,
  title: string,
  template: 'b2c' | 'b2b' | '5a' | 'omnichannel' | 'blank' = 'b2c',
): Promise<string> {
  const res = await owner.context.request.post(`/api/workspaces/${slug}/maps`, {
    data: { title, template },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).map.id as string;
}

export async function addDepartment(owner: Person, slug: string, name: string, color: string): Promise<string> {
  const res = await owner.context.request.post(`/api/workspaces/${slug}/departments`, { data: { name, color } });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  return (body.department ?? body).id as string;
}

/** Opens the map editor and waits until the map is live. */
export async function openMap(person: Person, slug: string, mapId: string) {
  await person.page.goto(`/w/${slug}/maps/${mapId}`);
  await expect(person.page.getByRole('region', { name: /journey map|peta perjalanan/i })).toBeVisible();
  await expect(person.page.getByRole('status', { name: /Save status|Status penyimpanan/ })).toHaveText(/Saved|Live|Tersimpan|Tersambung/, {
    timeout: 15_000,
  });
}

/** Dewi (owner of "Toko Nusantara") and Agus (editor) with a new map open, each in their own browser. */
export async function twoEditorsOnAMap(
  browser: Browser,
  title: string,
  template: Parameters<typeof makeMap>[3],
): Promise<{ dewi: Person; agus: Person; slug: string; mapId: string }> {
  const dewi = await makePerson(browser, 'Dewi Lestari');
  const slug = await makeWorkspace(dewi, 'Toko Nusantara');
  const mapId = await makeMap(dewi, slug, title, template);
  const agus = await makePerson(browser, 'Agus Santoso');
  await addToWorkspace(dewi, slug, agus, 'editor');
  await openMap(dewi, slug, mapId);
  await openMap(agus, slug, mapId);
  return { dewi, agus, slug, mapId };
}

/** The texts of a cell's cards: textarea values for editors, paragraphs for readers. */
export function cellTexts(page: Page, lane: string, stage: string) {
  return page
    .getByRole('group', { name: `${lane} · ${stage}` })
    .getByLabel('Card text')
    .evaluateAll((nodes) => nodes.map((node) => (node instanceof HTMLTextAreaElement ? node.value : (node.textContent ?? ''))));
}
