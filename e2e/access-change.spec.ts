// Rights that change while a map is open ([AC6]): the owner demotes an editor who has the map
// open; the editor's page stops offering edits at once and, after a reload, opens read-only. Then
// the owner deletes the map, and the viewer who still had it open is told so too.
import { expect, test } from '@playwright/test';
import { cellTexts, twoEditorsOnAMap } from './map-fixtures';

test.use({ locale: 'en-US' });

test('a demoted editor stops editing at once, and a deleted map tells the ones who had it open', async ({ browser }) => {
  const { dewi, agus, slug, mapId } = await twoEditorsOnAMap(browser, 'Renewal journey', 'b2c');
  const addCard = (page: typeof agus.page) => page.getByRole('button', { name: 'Add card to Pain points in Decision' });
  await expect(addCard(agus.page)).toBeVisible();

  const members = await (await dewi.context.request.get(`/api/workspaces/${slug}/members`)).json();
  const agusId = members.members.find((m: { email: string }) => m.email === agus.email).userId as string;
  const demote = await dewi.context.request.patch(`/api/workspaces/${slug}/members/${agusId}`, { data: { role: 'viewer' } });
  expect(demote.status(), await demote.text()).toBe(200);

  // Within 2 s: the banner, and no editing affordance left.
  const banner = agus.page.getByRole('alert').filter({ hasText: 'Your access to this map has changed' });
  await expect(banner).toBeVisible({ timeout: 2000 });
  // Not "reconnecting": nothing reconnects until the reload.
  await expect(agus.page.getByRole('status', { name: 'Save status' })).toHaveText('Disconnected');
  await expect(addCard(agus.page)).toHaveCount(0);
  // Card texts turn into read-only text (the same textbox role, aria-readonly): nothing to type in.
  await expect(agus.page.locator('textarea')).toHaveCount(0);
  await expect(agus.page.getByRole('textbox', { name: 'Card text' }).first()).toHaveAttribute('aria-readonly', 'true');
  // Dewi was not touched: she still edits, live.
  await addCard(dewi.page).click();
  await dewi.page.keyboard.type('Renewal quote arrives after the contract ends');
  await expect(dewi.page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');

  // The reload asks the server again: Agus now reads the map as a viewer, and sees Dewi's card.
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(agus.page.getByText('Your role in this workspace does not allow editing.')).toBeVisible();
  await expect.poll(() => cellTexts(agus.page, 'Pain points', 'Decision')).toContain('Renewal quote arrives after the contract ends');
  await expect(banner).toHaveCount(0);

  // The map is deleted while Agus still has it open.
  const removed = await dewi.context.request.delete(`/api/workspaces/${slug}/maps/${mapId}`);
  expect(removed.status(), await removed.text()).toBe(200);
  await expect(banner).toBeVisible({ timeout: 2000 });
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(agus.page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  await dewi.context.close();
  await agus.context.close();
});
