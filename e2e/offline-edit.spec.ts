// Editing without a connection: the header says the changes are kept on this device, leaving the
// page asks first, the changes survive a reload (y-indexeddb, written in batches by
// lib/map-client/offline-writes.ts), and they reach colleagues once the connection is back. A map
// not yet on this device says it opens once the connection is back.
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addToWorkspace, cellTexts, makeMap, makePerson, makeWorkspace, openMap, twoEditorsOnAMap } from './map-fixtures';

test.use({ locale: 'en-US' });

test('an editor keeps editing offline: the changes stay on the device through a reload and sync on reconnect', async ({ browser }) => {
  const dewi = await makePerson(browser, 'Dewi Lestari');
  const slug = await makeWorkspace(dewi, 'Toko Nusantara');
  const mapId = await makeMap(dewi, slug, 'Checkout journey', 'b2c');
  const agus = await makePerson(browser, 'Agus Santoso');
  await addToWorkspace(dewi, slug, agus, 'editor');

  // Dewi's sync socket goes through a switch: passed to the server while she is online; while she
  // is offline, the open socket is dropped and every new attempt is closed at once.
  let online = true;
  const sockets = new Set<WebSocketRoute>();
  await dewi.page.routeWebSocket(/\/sync\//, (socket) => {
    if (!online) {
      void socket.close({ code: 1001, reason: 'offline' });
      return;
    }
    socket.connectToServer();
    sockets.add(socket);
  });
  const goOffline = async () => {
    online = false;
    for (const socket of sockets) await socket.close({ code: 1001, reason: 'offline' });
    sockets.clear();
  };

  await openMap(dewi, slug, mapId);
  await openMap(agus, slug, mapId);
  const status = dewi.page.getByRole('status', { name: 'Save status' });

  // Online: a new pain point, saved.
  await dewi.page.getByRole('button', { name: 'Add card to Pain points in Decision' }).click();
  const card = dewi.page.getByRole('group', { name: 'Pain points · Decision' }).getByRole('textbox', { name: 'Card text' }).last();
  await expect(card).toBeFocused();
  await dewi.page.keyboard.type('Courier fee shown late.');
  await expect(status).toHaveText('Saved');
  await expect.poll(() => cellTexts(agus.page, 'Pain points', 'Decision')).toContain('Courier fee shown late.');

  // The connection drops; she goes on typing.
  await goOffline();
  await expect(status).toHaveText('Offline — changes kept on this device');
  const offlineWords = ' Buyers leave at the last step.';
  await card.focus();
  await dewi.page.keyboard.press('End');
  await dewi.page.keyboard.type(offlineWords.slice(0, -1));
  await expect(card).toHaveValue(`Courier fee shown late.${offlineWords.slice(0, -1)}`);
  await expect(status).toHaveText('Offline — changes kept on this device');

  // The last keystroke, then a reload at once (well within the batched write's delay): the page
  // asks first, as edits are unsaved, and the offline copy is written as the page goes.
  const asked: string[] = [];
  dewi.page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await dewi.page.keyboard.press(offlineWords.at(-1)!);
  await dewi.page.reload();
  expect(asked).toEqual(['beforeunload']);
  await expect(status).toHaveText('Offline — changes kept on this device', { timeout: 15_000 });
  await expect.poll(() => cellTexts(dewi.page, 'Pain points', 'Decision')).toContain(`Courier fee shown late.${offlineWords}`);
  // Nothing of it reached the server yet.
  expect(await cellTexts(agus.page, 'Pain points', 'Decision')).toContain('Courier fee shown late.');

  // Back online: the provider reconnects by itself, and the offline words reach Agus.
  online = true;
  await expect(status).toHaveText('Saved', { timeout: 15_000 });
  await expect
    .poll(() => cellTexts(agus.page, 'Pain points', 'Decision'), { timeout: 5_000 })
    .toContain(`Courier fee shown late.${offlineWords}`);

  // A map never opened on this device, while offline: nothing to show yet, and the page says why
  // (not "Connecting…", and no "changes kept on this device": there are none).
  const otherMap = await makeMap(dewi, slug, 'Onboarding journey', 'b2c');
  await goOffline();
  await dewi.page.goto(`/w/${slug}/maps/${otherMap}`);
  await expect(status).toHaveText('Offline — reconnecting…', { timeout: 15_000 });
  await expect(dewi.page.getByText('You are offline. The map opens here as soon as the connection is back.')).toBeVisible();
  online = true;
  await expect(status).toHaveText('Saved', { timeout: 15_000 });
  await expect(dewi.page.getByRole('button', { name: 'Add stage' })).toBeVisible();
});

test('when the browser goes offline the header says so at once, and what is typed meanwhile reaches a colleague once it is back', async ({
  browser,
}) => {
  const { dewi, agus } = await twoEditorsOnAMap(browser, 'Checkout journey', 'b2c');
  const status = dewi.page.getByRole('status', { name: 'Save status' });
  await expect(status).toHaveText('Saved');

  // The socket itself would go quiet, not closed: the provider's own check notices after 30 s of
  // silence. The browser's offline event is what tells the page.
  await dewi.context.setOffline(true);
  await expect(status).toHaveText('Offline — changes kept on this device', { timeout: 5_000 });
  await dewi.page.getByRole('button', { name: 'Add card to Pain points in Decision' }).click();
  await dewi.page.keyboard.type('Typed on the train.');
  await expect(status).toHaveText('Offline — changes kept on this device');

  await dewi.context.setOffline(false);
  await expect(status).toHaveText('Saved', { timeout: 10_000 });
  await expect.poll(() => cellTexts(agus.page, 'Pain points', 'Decision')).toContain('Typed on the train.');
});
