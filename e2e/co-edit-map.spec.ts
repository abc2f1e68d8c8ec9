// Co-editing one journey map: two editors in two browsers see each other's cards, moves and
// presence live; a viewer follows every change but has no way to make one — neither in the UI nor
// by writing to the sync socket directly.
import { expect, test } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { addToWorkspace, cellTexts, makeMap, makePerson, makeWorkspace, openMap, twoEditorsOnAMap, type Person } from './map-fixtures';

test.use({ locale: 'en-US' });


/** An update frame (y-websocket `[sync, update, bytes]`) that would add a stage named `name`. */
function addStageFrame(name: string): number[] {
  const doc = new Y.Doc();
  const stage = new Y.Map<unknown>();
  doc.getMap('stages').set(`forced-${Date.now()}`, stage);
  stage.set('id', 'forced');
  stage.set('name', name);
  stage.set('description', '');
  stage.set('color', '#000000');
  stage.set('order', 1000);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return [...encoding.toUint8Array(encoder)];
}

/**
 * Writes `frame` to /sync/<mapId> from the person's page (their own session cookie), like a
 * tampered client would, and reports the message types and error codes the server answered.
 */
async function sendRawFrame(person: Person, mapId: string, frame: number[]) {
  return person.page.evaluate(
    async ({ mapId, frame }) => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync/${mapId}`;
      const socket = new WebSocket(url);
      socket.binaryType = 'arraybuffer';
      const types: number[] = [];
      const errors: string[] = [];
      socket.onmessage = (event) => {
        const bytes = new Uint8Array(event.data as ArrayBuffer);
        types.push(bytes[0]);
        if (bytes[0] === 101) {
          // [101, varString code, …]: codes are short ASCII, so one length byte.
          errors.push(new TextDecoder().decode(bytes.slice(2, 2 + bytes[1])));
        }
      };
      await new Promise<void>((resolve, reject) => {
        socket.onopen = () => resolve();
        socket.onerror = () => reject(new Error('socket failed'));
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the room load and greet us
      socket.send(new Uint8Array(frame));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      socket.close();
      return { types, errors };
    },
    { mapId, frame },
  );
}

test('two editors co-edit a map live, and a viewer follows without being able to change it', async ({ browser }) => {
  const dewi = await makePerson(browser, 'Dewi Lestari');
  const slug = await makeWorkspace(dewi, 'Toko Nusantara');
  const mapId = await makeMap(dewi, slug, 'First purchase on the app', 'b2c');
  const agus = await makePerson(browser, 'Agus Santoso');
  await addToWorkspace(dewi, slug, agus, 'editor');
  const rina = await makePerson(browser, 'Rina Wijaya');
  await addToWorkspace(dewi, slug, rina, 'viewer');

  await openMap(dewi, slug, mapId);
  await openMap(agus, slug, mapId);
  await openMap(rina, slug, mapId);

  // Everyone sees everyone's avatar.
  for (const person of [dewi, agus, rina]) {
    const presence = person.page.getByRole('list', {
      name: /people on this map/,
    });
    await expect(presence.getByRole('listitem')).toHaveCount(3);
    for (const name of ['Dewi Lestari', 'Agus Santoso', 'Rina Wijaya']) await expect(presence.getByText(name)).toHaveCount(1);
  }

  // Dewi adds a pain point at Decision and types it; Agus and Rina see it within 2 s.
  const text = 'Payment page times out on a slow connection';
  await dewi.page.getByRole('button', { name: 'Add card to Pain points in Decision' }).click();
  await expect(
    dewi.page.getByRole('group', { name: 'Pain points · Decision' }).getByRole('textbox', { name: 'Card text' }).last(),
  ).toBeFocused();
  await dewi.page.keyboard.type(text);
  // While she types, her text sits in a layout fence (components/map/layout-fence.ts): a box with
  // `contain: strict` whose height follows the textarea, so new lines grow the card, deleted ones
  // shrink it, and nothing of the text is ever clipped.
  // Measured once the frame after the keystrokes has been rendered (its resize observers, which
  // size the fence, run after layout and before paint): a task queued from that frame's rAF.
  const fence = () =>
    dewi.page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const area = document.activeElement as HTMLTextAreaElement;
      const box = area.parentElement!;
      return { contain: getComputedStyle(box).contain, box: box.getBoundingClientRect().height, area: area.getBoundingClientRect().height };
    });
  const typed = await fence();
  expect(typed.contain).toBe('strict');
  expect(typed.box).toBeCloseTo(typed.area, 1);
  for (let i = 0; i < 3; i++) await dewi.page.keyboard.press('Shift+Enter');
  const grown = await fence();
  expect(grown.area).toBeGreaterThan(typed.area + 40);
  expect(grown.box).toBeCloseTo(grown.area, 1);
  for (let i = 0; i < 3; i++) await dewi.page.keyboard.press('Backspace');
  const shrunk = await fence();
  expect(shrunk.area).toBeCloseTo(typed.area, 1);
  expect(shrunk.box).toBeCloseTo(shrunk.area, 1);
  await expect(dewi.page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
  // Card texts come from the shared document: the browser keeps no form history of them (saving it
  // serialised every control of the map once a second while typing) and restores none on Back.
  await expect(dewi.page.locator('form[data-card-id]:not([autocomplete="off"])')).toHaveCount(0);
  await expect(dewi.page.locator('form[data-card-id]')).not.toHaveCount(0);
  await expect
    .poll(() => cellTexts(agus.page, 'Pain points', 'Decision'), {
      timeout: 2000,
    })
    .toContain(text);
  await expect
    .poll(() => cellTexts(rina.page, 'Pain points', 'Decision'), {
      timeout: 2000,
    })
    .toContain(text);

  // While Dewi's caret is in the card, Agus sees it outlined with her name.
  await expect(agus.page.getByText('Dewi Lestari is editing')).toBeVisible();
  // While her keystrokes arrive, the card's text is fenced in Agus's and Rina's pages too, so each
  // lays out that card and not their board; a second after she stops, the fence is gone.
  const fenceOf = (page: typeof dewi.page) =>
    page
      .getByRole('group', { name: 'Pain points · Decision' })
      .getByRole('textbox', { name: 'Card text' })
      .last()
      .evaluate((node) => {
        const box = node.parentElement!;
        return {
          contain: getComputedStyle(box).contain,
          heightHeld: box.style.height !== '' && Math.abs(box.getBoundingClientRect().height - node.getBoundingClientRect().height) < 0.5,
        };
      });
  await dewi.page.keyboard.type('!!!');
  for (const watcher of [agus.page, rina.page]) await expect.poll(() => fenceOf(watcher)).toEqual({ contain: 'strict', heightHeld: true });
  for (let i = 0; i < 3; i++) await dewi.page.keyboard.press('Backspace');
  for (const watcher of [agus.page, rina.page]) await expect.poll(() => fenceOf(watcher), { timeout: 4000 }).toEqual({ contain: 'none', heightHeld: false });
  // Once she leaves the card, its text box is an ordinary block again.
  const dewiText = dewi.page.getByRole('group', { name: 'Pain points · Decision' }).getByRole('textbox', { name: 'Card text' }).last();
  await dewiText.blur();
  expect(
    await dewiText.evaluate((area) => ({
      contain: getComputedStyle(area.parentElement!).contain,
      height: area.parentElement!.style.height,
    })),
  ).toEqual({ contain: 'none', height: '' });
  await expect(agus.page.getByText('Dewi Lestari is editing')).toHaveCount(0);

  // Agus moves the card to the next stage with the keyboard; Dewi sees it move.
  const agusCard = agus.page.getByRole('group', { name: 'Pain points · Decision' }).getByRole('textbox', { name: 'Card text' }).last();
  await expect(agusCard).toHaveValue(text);
  await agusCard.focus();
  await agus.page.keyboard.press('Alt+ArrowRight');
  await expect
    .poll(() => cellTexts(agus.page, 'Pain points', 'Purchase'), {
      timeout: 2000,
    })
    .toContain(text);
  await expect
    .poll(() => cellTexts(dewi.page, 'Pain points', 'Purchase'), {
      timeout: 2000,
    })
    .toContain(text);
  expect(await cellTexts(dewi.page, 'Pain points', 'Decision')).not.toContain(text);

  // Dewi drags it back to Decision by its handle; Agus and Rina see it there.
  const dewiCard = dewi.page
    .getByRole('group', { name: 'Pain points · Purchase' })
    .getByRole('group')
    .filter({ has: dewi.page.locator('textarea') })
    .last();
  const handle = dewiCard.getByRole('button', { name: 'Drag card' });
  const target = dewi.page.getByRole('group', {
    name: 'Pain points · Decision',
  });
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await dewi.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await dewi.page.mouse.down();
  await dewi.page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
  await dewi.page.mouse.move(to.x + to.width / 2, to.y + to.height - 12, {
    steps: 12,
  });
  await dewi.page.mouse.up();
  await expect
    .poll(() => cellTexts(agus.page, 'Pain points', 'Decision'), {
      timeout: 2000,
    })
    .toContain(text);
  await expect
    .poll(() => cellTexts(rina.page, 'Pain points', 'Decision'), {
      timeout: 2000,
    })
    .toContain(text);

  // The viewer: read-only, no editing affordances anywhere.
  const viewer = rina.page;
  await expect(viewer.getByText('Read-only', { exact: true })).toBeVisible();
  await expect(viewer.getByRole('button', { name: /^Add card/ })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Add stage' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Add lane' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Drag card' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Card actions' })).toHaveCount(0);
  await expect(viewer.locator('textarea')).toHaveCount(0);
  await expect(viewer.getByRole('textbox', { name: 'Card text' }).first()).not.toBeEditable();
  const board = viewer.getByRole('region', { name: 'Journey map' });
  await expect(board.getByRole('combobox')).toHaveCount(0); // department, channel, severity… selects
  await expect(board.getByRole('slider')).toHaveCount(0); // emotion curve points
  await expect(viewer.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await viewer.keyboard.press('Control+z'); // nothing of the viewer's to undo, nothing happens
  await expect(viewer.getByRole('status', { name: 'Save status' })).toHaveText('Live');

  // A forced write from the viewer's own session is refused and reaches nobody.
  const refused = await sendRawFrame(rina, mapId, addStageFrame('Forced by a viewer'));
  expect(refused.errors).toContain('read-only');
  expect(refused.types).not.toContain(100); // never acknowledged
  await dewi.page.waitForTimeout(1000);
  await expect(dewi.page.getByText('Forced by a viewer')).toHaveCount(0);
  await expect(viewer.getByText('Forced by a viewer')).toHaveCount(0);

  // The same frame from an editor's session does change the map: the refusal above is the
  // server's doing, not a malformed frame.
  const accepted = await sendRawFrame(agus, mapId, addStageFrame('Added through the socket'));
  expect(accepted.errors).toEqual([]);
  expect(accepted.types).toContain(100);
  await expect(
    dewi.page.getByRole('group', {
      name: /Stage \d+: Added through the socket/,
    }),
  ).toBeVisible({ timeout: 2000 });
  await expect(viewer.getByRole('group', { name: /Stage \d+: Added through the socket/ })).toBeVisible({ timeout: 2000 });

  for (const person of [dewi, agus, rina]) await person.context.close();
});

test('undo takes back only one’s own edits, never a colleague’s', async ({ browser }) => {
  const { dewi, agus } = await twoEditorsOnAMap(browser, 'Undo check', 'blank');

  await dewi.page.getByRole('button', { name: /^Add card to .* in Stage 1$/ }).click();
  await dewi.page.keyboard.type('Dewi’s card');
  await agus.page.getByRole('button', { name: /^Add card to .* in Stage 2$/ }).click();
  await agus.page.keyboard.type('Agus’s card');
  const lane = (await dewi.page.getByRole('group', { name: /· Stage 1$/ }).getAttribute('aria-label'))!.split(' · ')[0];
  await expect.poll(() => cellTexts(dewi.page, lane, 'Stage 2')).toEqual(['Agus’s card']);
  await expect.poll(() => cellTexts(agus.page, lane, 'Stage 1')).toEqual(['Dewi’s card']);

  // Agus undoes twice (his text, then his card): Dewi's card stays, everywhere.
  await agus.page.keyboard.press('Control+z');
  await agus.page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => cellTexts(dewi.page, lane, 'Stage 2'), { timeout: 2000 }).toEqual([]);
  await expect.poll(() => cellTexts(agus.page, lane, 'Stage 1')).toEqual(['Dewi’s card']);
  await expect(agus.page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Redo brings his card back.
  await agus.page.keyboard.press('Control+Shift+z');
  await agus.page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => cellTexts(dewi.page, lane, 'Stage 2'), { timeout: 2000 }).toEqual(['Agus’s card']);

  for (const person of [dewi, agus]) await person.context.close();
});
