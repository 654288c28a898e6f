/**
 * The debugger in the studio, end to end in browser mode, driven in Debian's
 * Chromium as a user would (issue 8): a breakpoint on a source line of
 * HealthcareAPI, Debug, a Try-it request that pauses, the payload changed in
 * the Debug panel, step over, continue, the changed response in Try-it; a
 * breakpoint on a canvas node at a call mediator, stepped over after the
 * hospital backend answered; the trace of the finished message; breakpoints
 * still there after a reload. Same setup as studio.test.ts; skips (saying
 * why) where Chromium is absent, except with CI=true.
 */
import { it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../backends/hospital.mjs';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ENDPOINTS = 'src/main/wso2mi/artifacts/endpoints';
const HEALTH_FACTORY = 'api:HealthcareAPI/resource[2]/in/0';
const DOCTORS_CALL = 'api:HealthcareAPI/resource[0]/in/1';

/** 1-based line of the first line containing `text` at or after the line containing `after`. */
function lineOf(file: string, text: string, after: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  return lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;
}

describeInChromium('debugger end to end', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;
  let backend: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    backend = await hospital.start({ port: 0 });
    session = await openStudio({
      name: 'mediate-e2e-debug-',
      needsRuntime: true,
      prepare: (dir) => {
        for (const f of readdirSync(path.join(dir, ENDPOINTS))) {
          const file = path.join(dir, ENDPOINTS, f);
          writeFileSync(file, readFileSync(file, 'utf8').replaceAll('http://localhost:9090', backend.url));
        }
      },
    });
    ({ page, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await backend?.close();
  });

  // A failed step leaves a picture of the page behind.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page?.screenshot({ path: path.join(os.tmpdir(), `mediate-debugger-failed-${context.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  });

  const item = (p: string) => session.item(p);
  const tab = (p: string) => session.tab(p);
  const editor = () => page.locator('[data-testid=source-editor]');
  const storedBreakpoints = () => {
    try {
      return (JSON.parse(readFileSync(path.join(project, '.mediate/breakpoints.json'), 'utf8')) as { breakpoints: { stepPath: string }[] }).breakpoints.map((b) => b.stepPath);
    } catch {
      return [];
    }
  };
  const pausedAt = (stepPath: string) => page.locator(`[data-testid=paused-message][data-step-path="${stepPath}"]`);
  const payloadText = () => page.getByTestId('debug-payload').inputValue();

  /** Clicks the glyph margin (left of the line numbers) of a line of the open editor. */
  async function clickGlyph(line: number) {
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    const number = editor().locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) });
    // Monaco may still be laying out or scrolling the line into view: wait until it has a box.
    let box: { x: number; y: number; width: number; height: number } | null = null;
    let margin: { x: number; y: number; width: number; height: number } | null = null;
    await expect
      .poll(async () => {
        box = await number.boundingBox().catch(() => null);
        margin = await editor().locator('.margin').boundingBox().catch(() => null);
        return box !== null && margin !== null;
      }, { timeout: 15_000 })
      .toBe(true);
    await page.mouse.click(margin!.x + 8, box!.y + box!.height / 2);
  }

  it('sets a breakpoint on a source line from the editor glyph margin, kept in .mediate/breakpoints.json', async () => {
    await item(API).click();
    await tab(API).waitFor();
    await clickGlyph(lineOf(path.join(project, API), '<payloadFactory', 'uri-template="/health"'));
    await expect.poll(storedBreakpoints).toEqual([HEALTH_FACTORY]);
    await expect.poll(() => editor().locator('.debug-glyph-breakpoint').count()).toBe(1);
  });

  it('starts the runtime in debug mode with the Debug button', async () => {
    await page.getByTestId('debug-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/debugging on port \d+/);
    await expect.poll(() => page.getByTestId('debug-status').getAttribute('data-active')).toBe('true');
    await expect(page.getByTestId('continue-button').isDisabled()).resolves.toBe(true);
  });

  it('pauses a Try-it request at the breakpoint, shows and changes the payload, and continues to the changed response', async () => {
    await page.getByTestId('tryit-open').click();
    await page.getByTestId('tryit-method').selectOption('GET');
    await page.getByTestId('tryit-url').fill('/healthcare/health');
    await page.getByTestId('tryit-send').click();
    await page.getByTestId('paused-indicator').waitFor({ timeout: 15_000 });
    await pausedAt(HEALTH_FACTORY).waitFor();
    await expect(pausedAt(HEALTH_FACTORY).innerText()).resolves.toContain('api:HealthcareAPI');
    await expect.poll(() => editor().locator('.debug-paused-line').count()).toBe(1);

    // Step over the payloadFactory: the panel shows its payload.
    await page.getByTestId('step-over-button').click();
    await pausedAt('api:HealthcareAPI/resource[2]/in/1').waitFor({ timeout: 10_000 });
    await expect.poll(payloadText).toContain('"status": "UP"');

    await page.getByTestId('debug-payload').fill('{"status": "DEBUGGED", "by": "studio"}');
    await page.getByTestId('debug-payload-apply').click();
    await expect.poll(payloadText).toContain('"DEBUGGED"');
    await page.getByTestId('debug-properties-new-name').fill('seenBy');
    await page.getByTestId('debug-properties-new-value').fill('debugger');
    await page.getByTestId('debug-properties-add').click();
    await page.getByTestId('debug-properties').locator('[data-name=seenBy]').waitFor();

    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-debugger-paused.png') });

    await page.getByTestId('continue-button').click();
    await expect.poll(() => page.getByTestId('tryit-response-status').innerText(), { timeout: 15_000 }).toMatch(/^200/);
    expect(JSON.parse(await page.getByTestId('tryit-response-body').innerText())).toEqual({ status: 'DEBUGGED', by: 'studio' });
    await expect.poll(() => page.getByTestId('paused-indicator').count()).toBe(0);
  });

  it('shows the finished message\'s trace, step by step', async () => {
    await expect.poll(() => page.locator('[data-testid=trace-list-step]').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('[data-testid=trace-list-step]').first().getAttribute('data-step-path')).toBe(HEALTH_FACTORY);
    // The canvas overlays the path with each step's duration; a step opens its input and output.
    await page.getByTestId('view-design').click();
    const badges = page.locator('[data-testid=trace-step]');
    await expect.poll(() => badges.count(), { timeout: 10_000 }).toBe(2);
    await page.locator(`[data-testid=trace-step][data-step-path="api:HealthcareAPI/resource[2]/in/1"]`).click();
    await expect.poll(() => page.locator('[data-testid=trace-list-step][data-open=true]').getAttribute('data-step-path')).toBe('api:HealthcareAPI/resource[2]/in/1');
    await expect(page.locator('[data-testid=trace-list-step][data-open=true]').innerText()).resolves.toContain('DEBUGGED');
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-debugger-trace.png') });
    await page.getByTestId('view-source').click();
  });

  it('sets a breakpoint on a canvas node and steps over the call after the backend answered', async () => {
    await page.getByTestId('view-design').click();
    const toggle = page.locator(`[data-testid=breakpoint-toggle][data-step-path="${DOCTORS_CALL}"]`);
    await toggle.waitFor({ timeout: 15_000 });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-set')).toBe('true');
    await expect.poll(storedBreakpoints).toEqual([HEALTH_FACTORY, DOCTORS_CALL]);
    await page.getByTestId('view-source').click();

    await page.getByTestId('tryit-url').fill('/healthcare/doctors/surgery');
    await page.getByTestId('tryit-send').click();
    await pausedAt(DOCTORS_CALL).waitFor({ timeout: 15_000 });
    await page.getByTestId('step-over-button').click();
    await pausedAt('api:HealthcareAPI/resource[0]/in/2').waitFor({ timeout: 15_000 });
    await expect.poll(payloadText).toContain('"category": "surgery"');
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-debugger-after-call.png') });
    await page.getByTestId('continue-button').click();
    await expect.poll(() => page.getByTestId('tryit-response-status').innerText(), { timeout: 15_000 }).toMatch(/^200/);
    await expect(page.getByTestId('tryit-response-body').innerText()).resolves.toContain('surgery');
  });

  it('keeps the breakpoints after a studio reload', async () => {
    await page.reload();
    await item(API).click();
    await tab(API).waitFor();
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => editor().locator('.debug-glyph-breakpoint').count(), { timeout: 15_000 }).toBe(1);
    await page.keyboard.press('Control+Home');
    await expect.poll(() => editor().locator('.debug-glyph-breakpoint').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('debug-tab').click();
    await expect.poll(() => page.locator('[data-testid=breakpoint-row]').count()).toBe(2);
  });

  it('stops debugging', async () => {
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 15_000 }).toContain('stopped');
    await expect.poll(() => page.getByTestId('debug-status').getAttribute('data-active')).toBe('false');
  });

  it('raised no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
