/**
 * The message-store browser and processor state in the studio, in browser
 * mode in Debian's Chromium: run the project, store two messages through a
 * proxy, see them in the store's browser, open one (payload, headers),
 * delete one, resend the other, move one to a second store, and switch the processor on and off. Skips
 * (saying why) where Chromium is absent.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, type StudioSession } from './studio-session.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';
const A = 'src/main/wso2mi/artifacts';
const FILES: Record<string, string> = {
  [`${A}/message-stores/Orders.xml`]: `<messageStore ${SYN} name="Orders" class="org.apache.synapse.message.store.impl.memory.InMemoryStore"/>`,
  [`${A}/message-stores/Parked.xml`]: `<messageStore ${SYN} name="Parked" class="org.apache.synapse.message.store.impl.memory.InMemoryStore"/>`,
  [`${A}/endpoints/Nowhere.xml`]: `<endpoint ${SYN} name="Nowhere"><address uri="http://127.0.0.1:1/orders"/></endpoint>`,
  [`${A}/message-processors/OrderForwarder.xml`]: `<messageProcessor ${SYN} name="OrderForwarder" class="org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor" messageStore="Orders" targetEndpoint="Nowhere"><parameter name="is.active">false</parameter><parameter name="interval">60000</parameter><parameter name="max.delivery.attempts">-1</parameter></messageProcessor>`,
  [`${A}/proxy-services/OrderIntake.xml`]: `<proxy ${SYN} name="OrderIntake" transports="http"><target><inSequence><property name="FORCE_SC_ACCEPTED" scope="axis2" value="true"/><store messageStore="Orders"/></inSequence></target></proxy>`,
};

describeInChromium('message-store browser and processor state', () => {
  let session: StudioSession;
  let page: Page;

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-e2e-messaging-',
      needsRuntime: true,
      files: FILES,
    });
    ({ page } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('lists stored messages, opens, deletes and resends them, and toggles the processor', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running on port \d+/);
    const port = Number(/port (\d+)/.exec(await page.getByTestId('runtime-status').innerText())![1]);
    for (const n of [1, 2, 3]) {
      const r = await fetch(`http://127.0.0.1:${port}/services/OrderIntake`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Order': String(n) }, body: `{"order":${n}}` });
      expect(r.status).toBe(202);
    }
    await page.getByTestId('runtime-tab').click();
    const browser = page.locator('[data-testid=store-browser][data-store=Orders]');
    const rows = browser.getByTestId('store-message');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    const state = page.locator('[data-testid=processor-state][data-processor=OrderForwarder]');
    await expect.poll(() => state.innerText()).toBe('inactive');

    await rows.first().click();
    const detail = browser.getByTestId('store-message-detail');
    await expect.poll(() => detail.innerText()).toContain('{"order":1}');
    expect(await detail.innerText()).toContain('X-Order: 1');
    await browser.getByTestId('store-message-delete').click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().innerText()).toContain('{"order":2}');

    // Move the last one to the Parked store: it leaves Orders and is listed there, payload intact.
    await rows.nth(1).click();
    expect(await browser.getByTestId('store-message-move-target').inputValue()).toBe('Parked');
    await browser.getByTestId('store-message-move').click();
    await expect.poll(() => rows.count()).toBe(1);
    const parked = page.locator('[data-testid=store-browser][data-store=Parked]').getByTestId('store-message');
    await expect.poll(() => parked.count()).toBe(1);
    expect(await parked.first().innerText()).toContain('{"order":3}');

    await rows.first().click();
    const secondId = await rows.first().getAttribute('data-message-id');
    await browser.getByTestId('store-message-resend').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-message-id')).toBe(secondId);

    // Resend reactivated the processor; the toggle switches it off and on.
    await expect.poll(() => state.innerText()).toBe('active');
    await page.locator('[data-testid=processor-toggle][data-processor=OrderForwarder]').click();
    await expect.poll(() => state.innerText()).toBe('inactive');
    await page.locator('[data-testid=processor-toggle][data-processor=OrderForwarder]').click();
    await expect.poll(() => state.innerText()).toBe('active');

    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 15_000 }).toContain('stopped');
  }, 90_000);
});
