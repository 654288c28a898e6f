/**
 * The studio's live language features and the Export dialog, end to end in
 * browser mode, driven in Debian's Chromium as a user would: squiggles and
 * Problems entries while typing, completion, a quick fix, and exporting a CAR
 * (refused while an artifact is broken, written once it is fixed, then checked
 * with `mediate inspect`). Same setup as studio.test.ts; skips (saying why)
 * where Chromium is absent, except with CI=true.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const FAULT = 'src/main/wso2mi/artifacts/sequences/HospitalFault.xml';
const CAR = 'target/HospitalService_1.0.0.car';

describeInChromium('language and export end to end', () => {
  let session: StudioSession;
  let page: Page;
  let tmp: string;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({ name: 'mediate-e2e-lang-', needsRuntime: true, acceptDownloads: true });
    ({ page, tmp, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = (p: string) => session.item(p);
  const tab = (p: string) => session.tab(p);
  const editor = () => page.locator('[data-testid=source-editor]');
  const editorText = async () => (await editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  const problems = () => page.locator('[data-testid=problem-item][data-source=language]');
  const squiggles = () => editor().locator('.squiggly-error');

  /** Opens a new line after `line` (Monaco keeps the indentation) and types `text` there; the cursor stays at its end. */
  async function insertLineAfter(line: number, text: string) {
    await editor().locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(text);
  }

  /**
   * Opens the quick-fix menu (Ctrl+.) and waits for the named fix. Monaco asks the language
   * service for code actions when the key is pressed; on a loaded machine the first answer can
   * come before the diagnostic's fixes are known, so the menu is opened again (a bounded number
   * of times) until the fix is offered.
   */
  async function openQuickFix(title: string) {
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: title });
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      try {
        await fix.waitFor({ timeout: 3_000 });
        return fix;
      } catch (e) {
        if (attempt >= 4) throw e;
        await page.keyboard.press('Escape');
      }
    }
  }

  /** Replaces the text of the cursor's line (after its indentation); deleting first, as typing '<' over a selection would surround it. */
  async function replaceCurrentLine(text: string) {
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(text);
  }

  /** Text of the rendered lines that carry a squiggle of the given kind. */
  function squiggledLines(kind: 'error' | 'warning'): Promise<string[]> {
    return page.evaluate((cls) => {
      const host = document.querySelector('[data-testid=source-editor]')!;
      const tops = [...host.querySelectorAll(`.view-overlays .${cls}`)].map((e) => (e.parentElement as HTMLElement).style.top);
      return [...host.querySelectorAll<HTMLElement>('.view-lines .view-line')].filter((l) => tops.includes(l.style.top)).map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '));
    }, `squiggly-${kind}`);
  }

  /** The Problems panel's live entries (the panel stays open from the first test on, so the editor keeps the focus). */
  async function liveProblems(): Promise<{ line: number; path: string | null; text: string }[]> {
    return Promise.all((await problems().all()).map(async (p) => ({ line: Number(await p.getAttribute('data-line')), path: await p.getAttribute('data-path'), text: await p.innerText() })));
  }

  function lineOf(text: string, needle: string): number {
    return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  }

  const original = () => readFileSync(path.join(project, API), 'utf8');
  /** The health resource's <inSequence>: new lines typed after it are inside a mediator list. */
  const healthIn = () => lineOf(original(), '<resource methods="GET" uri-template="/health">') + 1;

  it('opens an artifact with no squiggles and no live problems', async () => {
    await item(API).click();
    await tab(API).waitFor();
    await expect.poll(editorText).toContain('HealthcareAPI');
    await page.getByTestId('problems-tab').click();
    await page.waitForTimeout(400);
    expect(await squiggledLines('error')).toEqual([]);
    expect(await liveProblems()).toEqual([]);
  });

  it('squiggles an unknown attribute as it is typed, lists it in Problems at its line, and clears both once fixed', async () => {
    const line = healthIn() + 1;
    await insertLineAfter(line - 1, '<log levl="full"/>');
    await expect.poll(() => squiggledLines('warning'), { timeout: 5_000 }).toEqual([expect.stringContaining('levl="full"')]);
    await expect.poll(liveProblems).toEqual([{ line, path: API, text: expect.stringContaining("unknown attribute 'levl'") }]);
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-language-squiggle.png') });
    await replaceCurrentLine('<log level="full"/>');
    await expect.poll(() => squiggledLines('warning'), { timeout: 5_000 }).toEqual([]);
    await expect.poll(liveProblems).toEqual([]);
  });

  it('flags an unknown enum value and an unknown mediator as errors at their line', async () => {
    const line = healthIn() + 1;
    await replaceCurrentLine('<log level="loud"/>');
    await expect.poll(() => squiggledLines('error'), { timeout: 5_000 }).toEqual([expect.stringContaining('level="loud"')]);
    await expect.poll(liveProblems).toEqual([{ line, path: API, text: expect.stringContaining("invalid value 'loud' for level") }]);
    await replaceCurrentLine('<lgo/>');
    await expect.poll(() => squiggledLines('error'), { timeout: 5_000 }).toEqual([expect.stringContaining('<lgo/>')]);
    await expect.poll(liveProblems).toEqual([{ line, path: API, text: expect.stringContaining('Unknown mediator') }]);
  });

  it('refuses to export while the saved artifact is broken, listing the problem; writes the CAR once it is fixed, and inspect finds nothing wrong', async () => {
    const brokenLine = healthIn() + 1;
    await page.keyboard.press('Control+S');
    await expect.poll(() => tab(API).getAttribute('data-dirty')).toBe('false');
    expect(original()).toContain('<lgo/>');

    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await expect.poll(() => dialog.getByTestId('export-version').inputValue()).toBe('1.0.0');
    await expect(dialog.getByTestId('export-artifact').count()).resolves.toBe(4);
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-refused').waitFor({ timeout: 15_000 });
    const problem = dialog.getByTestId('export-problem').first();
    expect(await problem.getAttribute('data-path')).toBe(API);
    expect(Number(await problem.getAttribute('data-line'))).toBe(brokenLine);
    expect(existsSync(path.join(project, CAR))).toBe(false);
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-export-refused.png') });
    // The listed problem opens its file at its line.
    await problem.click();
    await dialog.waitFor({ state: 'detached' });

    await replaceCurrentLine('<log level="full"/>');
    await page.keyboard.press('Control+S');
    await expect.poll(() => tab(API).getAttribute('data-dirty')).toBe('false');
    await page.getByTestId('export-open').click();
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-result').waitFor({ timeout: 15_000 });
    expect(await dialog.getByTestId('export-result-path').innerText()).toBe(path.join(project, CAR));
    await dialog.getByTestId('export-contents').locator('summary').click();
    expect(await dialog.getByTestId('export-inspection-status').innerText()).toBe('no problems for MI');
    await expect(dialog.getByTestId('export-contents').innerText()).resolves.toMatch(/HealthcareAPI\s+synapse\/api\s+1\.0\.0\s+EnterpriseIntegrator/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-export-done.png') });

    const inspect = spawnSync(process.execPath, [path.join(repoRoot, 'dist/src/cli/main.js'), 'inspect', path.join(project, CAR)], { encoding: 'utf8' });
    expect(inspect.stdout).toContain('HealthcareAPI');
    expect(inspect.stdout).not.toMatch(/^error:/m);
    expect(inspect.status).toBe(0);

    const download = page.waitForEvent('download');
    await dialog.getByTestId('export-download').click();
    const saved = path.join(tmp, 'downloaded.car');
    await (await download).saveAs(saved);
    expect(readFileSync(saved).equals(readFileSync(path.join(project, CAR)))).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('offers the mediators, log among them, when typing < inside <inSequence>', async () => {
    await insertLineAfter(healthIn(), '');
    await page.keyboard.type('<');
    const suggestion = editor().locator('.suggest-widget .monaco-list-row', { hasText: /^log/ });
    await suggestion.first().waitFor({ timeout: 5_000 });
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-language-completion.png') });
    await page.keyboard.type('lo');
    await expect.poll(() => editor().locator('.suggest-widget .monaco-list-row.focused').innerText()).toMatch(/^log/);
    await page.keyboard.press('Enter');
    await expect.poll(editorText).toMatch(/^ *<log/m);
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-language-completed.png') });
    await replaceCurrentLine('<property value="x"/>');
  });

  it('fixes a missing required attribute with a quick fix', async () => {
    await expect.poll(() => squiggledLines('error'), { timeout: 5_000 }).toEqual([expect.stringContaining('<property value="x"/>')]);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const fix = await openQuickFix("Add the required attribute 'name'");
    await fix.click();
    await expect.poll(editorText).toMatch(/^ *<property name="" value="x"\/>$/m);
    await expect.poll(liveProblems).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining("missing the required attribute 'name'") }));
  });

  it('creates a missing sequence with a quick fix; the new file opens and the reference problem goes', async () => {
    await tab(API).click();
    await editor().locator('.view-line', { hasText: 'property name="" value="x"' }).click();
    await replaceCurrentLine('<sequence key="AuditTrail"/>');
    await expect.poll(liveProblems, { timeout: 5_000 }).toContainEqual(expect.objectContaining({ path: API, text: expect.stringContaining("sequence 'AuditTrail' is not defined") }));
    await expect.poll(() => squiggledLines('error'), { timeout: 5_000 }).toEqual([expect.stringContaining('<sequence key="AuditTrail"/>')]);
    const fix = await openQuickFix("Create sequence 'AuditTrail'");
    await fix.click();
    const created = 'src/main/wso2mi/artifacts/sequences/AuditTrail.xml';
    await tab(created).waitFor({ timeout: 10_000 });
    await item(created).waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(project, created), 'utf8')).toContain('<sequence xmlns="http://ws.apache.org/ns/synapse" name="AuditTrail">');
    await expect.poll(liveProblems, { timeout: 10_000 }).not.toContainEqual(expect.objectContaining({ text: expect.stringContaining("'AuditTrail' is not defined") }));
  });

  it('shows the descriptor help when hovering a mediator', async () => {
    await tab(API).click();
    const logLine = editor().locator('.view-line', { hasText: '<log level="custom">' }).first();
    await logLine.locator('span', { hasText: /^log$/ }).first().hover();
    await expect.poll(() => page.locator('.monaco-hover').first().innerText(), { timeout: 5_000 }).toContain('Logs the message');
    await page.mouse.move(0, 0);
  });

  it('exports only the chosen artifacts with the chosen version', async () => {
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-all').waitFor();
    await dialog.getByTestId('export-all').uncheck();
    await dialog.locator(`[data-testid=export-artifact][data-id="${FAULT}"]`).check();
    await dialog.getByTestId('export-version').fill('1.2.0');
    await dialog.getByTestId('export-run').click();
    await dialog.getByTestId('export-result').waitFor({ timeout: 15_000 });
    const car = path.join(project, 'target/HospitalService_1.2.0.car');
    const inspect = spawnSync(process.execPath, [path.join(repoRoot, 'dist/src/cli/main.js'), 'inspect', car, '--json'], { encoding: 'utf8' });
    expect(inspect.status).toBe(0);
    expect(JSON.parse(inspect.stdout).artifacts.map((a: { name: string }) => a.name)).toEqual(['HospitalFault']);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('raised no console errors and sent no request off 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });
});
