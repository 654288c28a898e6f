/**
 * The studio end to end, in browser mode, driven in Debian's Chromium as a user
 * would: open the sample, create an API with the wizard, edit and save, run,
 * call it from Try-it, break it and see the problem, stop. Skips (saying why)
 * where Chromium is absent, except with CI=true, where that is a failure.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import http from 'node:http';
import WebSocket from 'ws';
import type { BrowserStudio } from '../../src/server/index.js';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ORDERS = 'src/main/wso2mi/artifacts/apis/OrdersAPI.xml';

describeInChromium('studio end to end', () => {
  let session: StudioSession;
  let studio: BrowserStudio;
  let browser: Browser;
  let page: Page;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({ name: 'mediate-e2e-', needsRuntime: true, open: false });
    ({ studio, browser, page, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = (p: string) => session.item(p);
  const tab = (p: string) => session.tab(p);
  const editorText = () => session.editorText();

  async function typeAtEnd(text: string) {
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(text);
  }

  it('opens the sample project and lists its artifacts by kind', async () => {
    await page.goto(studio.url);
    await expect.poll(() => item(API).innerText(), { timeout: 20_000 }).toContain('HealthcareAPI');
    await expect(page.getByTestId('explorer').innerText()).resolves.toMatch(/APIs[\s\S]*Endpoints[\s\S]*HospitalServiceEP/);
    await expect(page.getByTestId('runtime-status').innerText()).resolves.toContain('stopped');
  });

  it('creates an API with the wizard', async () => {
    await page.getByTestId('new-artifact').click();
    await page.getByTestId('wizard-kind').selectOption('api');
    await page.getByTestId('wizard-name').fill('OrdersAPI');
    await page.getByTestId('wizard-context').fill('/orders');
    await page.getByTestId('wizard-create').click();
    await tab(ORDERS).waitFor();
    await item(ORDERS).waitFor();
    expect(readFileSync(path.join(project, ORDERS), 'utf8')).toContain('<api name="OrdersAPI" context="/orders"');
    await expect.poll(editorText).toContain('Hello from OrdersAPI');
  });

  it('creates an HL7 inbound endpoint with the wizard, asking only the chosen protocol\'s parameters', async () => {
    await page.getByTestId('new-artifact').click();
    await page.getByTestId('wizard-kind').selectOption('inbound-endpoint');
    await page.getByTestId('wizard-http:inbound.http.port').waitFor();
    await page.getByTestId('wizard-protocol').selectOption('hl7');
    await page.getByTestId('wizard-hl7:inbound.hl7.Port').waitFor();
    expect(await page.getByTestId('wizard-http:inbound.http.port').count()).toBe(0);
    await page.getByTestId('wizard-name').fill('AdmissionsIn');
    await page.getByTestId('wizard-sequence').fill('Admit');
    await page.getByTestId('wizard-hl7:inbound.hl7.Port').fill('20000');
    await page.getByTestId('wizard-create').click();
    const file = 'src/main/wso2mi/artifacts/inbound-endpoints/AdmissionsIn.xml';
    await tab(file).waitFor({ timeout: 10_000 });
    const text = readFileSync(path.join(project, file), 'utf8');
    expect(text).toContain('<inboundEndpoint name="AdmissionsIn" protocol="hl7" sequence="Admit"');
    expect(text).toContain('<parameter name="inbound.hl7.Port">20000</parameter>');
  });

  it('edits in the source editor and saves with Ctrl+S', async () => {
    await item(API).click();
    await tab(API).waitFor();
    await expect.poll(editorText).toContain('HealthcareAPI');
    await typeAtEnd('<!-- edited in the studio -->');
    await expect.poll(() => tab(API).getAttribute('data-dirty')).toBe('true');
    await page.keyboard.press('Control+S');
    await expect.poll(() => tab(API).getAttribute('data-dirty')).toBe('false');
    expect(readFileSync(path.join(project, API), 'utf8')).toMatch(/<\/api>\n<!-- edited in the studio -->$/);
  });

  it('shows a change made outside the studio in an open, unsaved-free editor', async () => {
    await tab(ORDERS).click();
    const file = path.join(project, ORDERS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Hello from OrdersAPI', 'Orders are open'));
    await expect.poll(editorText, { timeout: 10_000 }).toContain('Orders are open');
    await expect(tab(ORDERS).getAttribute('data-dirty')).resolves.toBe('false');
  });

  it('asks before overwriting unsaved edits when the file changes on disk', async () => {
    await typeAtEnd('<!-- mine -->');
    const file = path.join(project, ORDERS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Orders are open', 'Orders from disk'));
    const banner = page.getByTestId('conflict-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(readFileSync(file, 'utf8')).not.toContain('<!-- mine -->');
    await banner.getByRole('button', { name: 'Use the version on disk' }).click();
    await expect.poll(editorText).toContain('Orders from disk');
    await expect(tab(ORDERS).getAttribute('data-dirty')).resolves.toBe('false');
  });

  it('runs the project: status, port and deployment lines in the console', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running on port \d+/);
    await expect.poll(() => page.getByTestId('console').innerText()).toContain("API named 'HealthcareAPI' has been deployed");
    await expect(page.getByTestId('console').innerText()).resolves.toContain("API named 'OrdersAPI' has been deployed");
  });

  it('calls the API from Try-it', async () => {
    await tab(API).click();
    await page.getByTestId('tryit-open').click();
    await expect.poll(() => page.getByTestId('tryit-url').inputValue()).toBe('/healthcare/doctors/{category}');
    await page.getByTestId('tryit-method').selectOption('GET');
    await page.getByTestId('tryit-url').fill('/healthcare/health');
    await page.getByTestId('tryit-send').click();
    await expect.poll(() => page.getByTestId('tryit-response-status').innerText(), { timeout: 15_000 }).toMatch(/^200 OK/);
    const body = JSON.parse(await page.getByTestId('tryit-response-body').innerText());
    expect(body).toEqual({ status: 'UP', service: 'HealthcareAPI' });
    await expect.poll(() => page.getByTestId('console').innerText()).toContain('Starting the runtime');
    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'studio.png') });
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-studio.png') });
  });

  it('calls the API the wizard created', async () => {
    await tab(ORDERS).click();
    await page.getByTestId('tryit-url').fill('/orders');
    await page.getByTestId('tryit-send').click();
    await expect.poll(() => page.getByTestId('tryit-response-body').innerText(), { timeout: 15_000 }).toContain('Orders from disk');
    await expect(page.getByTestId('tryit-response-status').innerText()).resolves.toMatch(/^200/);
  });

  it('lists a broken artifact in Problems with its line, and clears it after undo and save', async () => {
    await tab(API).click();
    await typeAtEnd('\n<oops');
    await page.keyboard.press('Control+S');
    const problem = page.getByTestId('problem-item').first();
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-path')).toBe(API);
    const lines = readFileSync(path.join(project, API), 'utf8').split('\n').length;
    expect(Number(await problem.getAttribute('data-line'))).toBe(lines);
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(path.join(project, API), 'utf8')).not.toContain('oops');
    await expect.poll(() => page.getByTestId('problem-item').count(), { timeout: 15_000 }).toBe(0);
  });

  it('stops the runtime', async () => {
    await page.getByTestId('stop-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 15_000 }).toContain('stopped');
  });

  it('raised no console errors and sent no request off 127.0.0.1', () => {
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });

  it('refuses requests and sockets without the token or from another origin', async () => {
    const base = `http://127.0.0.1:${studio.port}`;
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403);
    expect(await statusWithHost(studio.port, `/?token=${studio.token}`, `attacker.example:${studio.port}`)).toBe(421);
    const other = await browser.newPage();
    const refused = await other.goto(`${base}/`);
    expect(refused?.status()).toBe(403);
    await other.close();
    const handshake = (url: string, origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    expect(await handshake(`ws://127.0.0.1:${studio.port}/rpc`, base)).toBe(403);
    expect(await handshake(`ws://127.0.0.1:${studio.port}/rpc?token=${studio.token}`, 'http://evil.example')).toBe(403);
    expect(await handshake(`ws://127.0.0.1:${studio.port}/rpc?token=${studio.token}`, base)).toBe(101);
  });
});

/** GET with a chosen Host header (fetch does not let one set it): a DNS-rebinding page would send its own name. */
function statusWithHost(port: number, requestPath: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: requestPath, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}
