/**
 * The studio's finishing touches, in browser mode in Debian's Chromium: format a
 * messy file (comment kept, Shift+Alt+F as in VS Code), rename an artifact (its
 * name attribute follows, references are listed), create a registry resource
 * with the wizard, and see "starting…" before "running". Skips (saying why)
 * where Chromium is absent.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const SYNAPSE = 'http://ws.apache.org/ns/synapse';
const MESSY = 'src/main/wso2mi/artifacts/sequences/Messy.xml';
const EP = 'src/main/wso2mi/artifacts/endpoints/ReservationEP.xml';
const RENAMED_EP = 'src/main/wso2mi/artifacts/endpoints/BookingEP.xml';
const XSL = 'src/main/wso2mi/resources/registry/gov/xslt/transform.xsl';

describeInChromium('studio extras', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-e2e-extras-',
      needsRuntime: true,
      prepare: (dir) =>
        writeFileSync(
          path.join(dir, MESSY),
          `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="Messy" xmlns="${SYNAPSE}"><!-- keep this comment --><log level="custom"><property name="greeting" value="a &amp; b"/></log>\n      <respond/></sequence>\n`,
        ),
    });
    ({ page, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = (p: string) => session.item(p);
  const tab = (p: string) => session.tab(p);
  const editorText = () => session.editorText();

  it('formats a messy file on request, keeping its comment, and Shift+Alt+F does the same', async () => {
    await item(MESSY).click({ timeout: 20_000 });
    await tab(MESSY).waitFor();
    await expect.poll(editorText).toContain('<!-- keep this comment -->');
    await page.getByTestId('format-document').click();
    const formatted =
      `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="Messy" xmlns="${SYNAPSE}">\n    <!-- keep this comment -->\n` +
      `    <log level="custom">\n        <property name="greeting" value="a &amp; b"/>\n    </log>\n    <respond/>\n</sequence>\n`;
    await expect.poll(editorText).toContain('\n        <property name="greeting" value="a &amp; b"/>\n');
    await expect(tab(MESSY).getAttribute('data-dirty')).resolves.toBe('true');
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(path.join(project, MESSY), 'utf8')).toBe(formatted);

    await page.keyboard.press('Control+Z');
    await expect.poll(editorText).toContain('<!-- keep this comment --><log level="custom">');
    await page.keyboard.press('Shift+Alt+F');
    await expect.poll(editorText).toContain('\n    <!-- keep this comment -->\n    <log level="custom">\n');
    await page.keyboard.press('Control+S');
    await expect.poll(() => tab(MESSY).getAttribute('data-dirty')).toBe('false');
    expect(readFileSync(path.join(project, MESSY), 'utf8')).toBe(formatted);
  });

  it('renames an endpoint: the file and its name attribute change, the API still using the old name is listed', async () => {
    await item(EP).focus();
    await page.keyboard.press('F2');
    await page.getByTestId('prompt-input').fill('BookingEP');
    await page.getByTestId('prompt-confirm').click();
    await item(RENAMED_EP).waitFor({ timeout: 10_000 });
    expect(existsSync(path.join(project, EP))).toBe(false);
    expect(readFileSync(path.join(project, RENAMED_EP), 'utf8')).toContain(`<endpoint name="BookingEP" xmlns="${SYNAPSE}">`);
    await expect(item(RENAMED_EP).innerText()).resolves.toContain('BookingEP');
    const reference = page.getByTestId('rename-reference');
    await expect.poll(() => reference.count()).toBe(1);
    expect(await reference.getAttribute('data-path')).toBe('src/main/wso2mi/artifacts/apis/HealthcareAPI.xml');
    await expect(page.getByTestId('rename-references').innerText()).resolves.toContain('<endpoint key="ReservationEP"/>');
    expect(readFileSync(path.join(project, 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml'), 'utf8')).toContain('<endpoint key="ReservationEP"/>');
    await reference.click();
    await tab('src/main/wso2mi/artifacts/apis/HealthcareAPI.xml').waitFor();
    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'studio-rename.png') });
  });

  it('creates a registry resource with the wizard', async () => {
    await page.getByTestId('new-artifact').click();
    await page.getByTestId('wizard-kind').selectOption('registry-resource');
    await page.getByTestId('wizard-name').fill('transform.xsl');
    await page.getByTestId('wizard-registry').selectOption('gov');
    await page.getByTestId('wizard-collection').fill('xslt');
    await page.getByTestId('wizard-create').click();
    await tab(XSL).waitFor({ timeout: 10_000 });
    await item(XSL).waitFor({ timeout: 10_000 });
    await expect(item(XSL).innerText()).resolves.toContain('gov:xslt/transform.xsl');
    await expect.poll(editorText).toContain('<xsl:stylesheet');
    expect(readFileSync(path.join(project, 'src/main/wso2mi/resources/registry/artifact.xml'), 'utf8')).toContain('<path>/_system/governance/xslt</path>');
  });

  it('shows "starting…" until the runtime is ready, then running', async () => {
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { statusTexts: string[] }).statusTexts = []);
      const status = document.querySelector('[data-testid=runtime-status]')!;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running on port \d+/);
    const seen = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
    expect(seen.indexOf('starting…')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('starting…')).toBeLessThan(seen.findIndex((t) => t.startsWith('running')));
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 15_000 }).toContain('stopped');
  });

  it('shows progress while a project opens, ending with how many artifacts it found', async () => {
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByTestId('project-folder').fill(project);
    await page.getByTestId('project-folder').press('Enter');
    await expect.poll(() => page.getByTestId('workspace-progress').innerText(), { timeout: 10_000 }).toMatch(/^Opened HospitalService: \d+ artifacts$/);
    await item(RENAMED_EP).waitFor();
  });

  it('raised no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
