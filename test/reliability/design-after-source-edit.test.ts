/**
 * Defect 4 of issue 21, in Chromium: the XML made malformed in Source view
 * while the Design view was not shown, then Design opened. The canvas must
 * draw the last good version its banner speaks of; a document that was never
 * well-formed gets a banner that says so, over an empty canvas.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, type StudioSession } from '../e2e/studio-session.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const BROKEN = 'src/main/wso2mi/artifacts/sequences/NeverWellFormed.xml';

describeInChromium('Design view after a malformed edit made in Source view', () => {
  let session: StudioSession;
  let page: Page;
  const nodes = () => page.locator('[data-testid=flow-node]');
  const banner = () => page.getByTestId('banner-invalid');

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-last-good-',
      prepare: (project) => writeFileSync(path.join(project, BROKEN), '<sequence xmlns="http://ws.apache.org/ns/synapse" name="NeverWellFormed">\n  <log>\n</sequence>\n'),
    });
    ({ page } = session);
  }, 240_000);
  afterAll(() => session?.close());

  it('shows the last good flow under the banner, though Design was not open while the XML was good', async () => {
    await session.item(API).click();
    await session.tab(API).waitFor();
    await page.getByTestId('view-source').click();
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('<broken');
    // The language service has answered for the malformed text: its squiggle is drawn.
    await page.locator('[data-testid=source-editor] .squiggly-error').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('view-design').click();
    await banner().waitFor({ timeout: 15_000 });
    expect(await banner().innerText()).toContain('The canvas shows the last good version');
    await expect.poll(() => nodes().count(), { timeout: 15_000 }).toBe(12);
    expect(await page.getByTestId('design-canvas').getAttribute('class')).toContain('stale');
    // Fixed in the source, the canvas is live again.
    await page.getByTestId('view-source').click();
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+Z');
    await page.getByTestId('view-design').click();
    await expect.poll(() => banner().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => nodes().count()).toBe(12);
  });

  it('says there is nothing to show for a document that was never well-formed, and draws nothing', async () => {
    await session.item(BROKEN).click();
    await session.tab(BROKEN).waitFor();
    await page.getByTestId('view-design').click();
    await banner().waitFor({ timeout: 15_000 });
    const text = await banner().innerText();
    expect(text).toContain('There is no well-formed version of this document to show yet');
    expect(text).not.toContain('last good version');
    expect(await nodes().count()).toBe(0);
  });
});
