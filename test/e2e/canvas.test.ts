/**
 * The graphical view end to end, in browser mode in Debian's Chromium: open an
 * API in Design view, add a mediator from the palette, edit it in the form,
 * undo across views, break the XML, and check the saved file is the original
 * plus exactly the edit (comments and blank lines byte for byte). Skips
 * (saying why) where Chromium is absent, except with CI=true.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserStudio, type BrowserStudio } from '../../src/server/index.js';
import { CHROMIUM, CHROMIUM_FLAGS, haveChromium } from './chromium.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = path.join(repoRoot, 'dist', 'renderer');
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ROUTING = 'src/main/wso2mi/artifacts/sequences/OrderRouting.xml';
const LARGE = 'src/main/wso2mi/artifacts/sequences/LargeFlow.xml';
const R0 = 'api:HealthcareAPI/resource[0]/in';

if (!haveChromium && process.env.CI === 'true') {
  describe('canvas end to end', () => {
    it('needs Chromium', () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run must apt-get install chromium`);
    });
  });
}

function ensureBuilt() {
  if (!existsSync(path.join(rendererDir, 'index.html'))) execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', 'renderer', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
}

const ROUTING_XML = `<?xml version="1.0" encoding="UTF-8"?>
<sequence name="OrderRouting" xmlns="http://ws.apache.org/ns/synapse">
    <!-- Route orders by type; priced orders fan out to two suppliers -->
    <property name="orderType" expression="json-eval($.order.type)"/>
    <log level="custom" description="Order received">
        <property name="type" expression="get-property('orderType')"/>
    </log>
    <switch source="get-property('orderType')">
        <case regex="express">
            <call>
                <endpoint>
                    <http method="post" uri-template="http://localhost:9000/express/orders"/>
                </endpoint>
            </call>
        </case>
        <case regex="bulk">
            <clone>
                <target>
                    <sequence>
                        <call>
                            <endpoint key="SupplierA"/>
                        </call>
                    </sequence>
                </target>
                <target>
                    <sequence>
                        <call>
                            <endpoint>
                                <address uri="http://localhost:9001/supplier-b"/>
                            </endpoint>
                        </call>
                    </sequence>
                </target>
            </clone>
        </case>
        <default>
            <filter xpath="boolean(//order/priority)">
                <then>
                    <sequence key="PriorityHandling"/>
                </then>
                <else>
                    <drop/>
                </else>
            </filter>
        </default>
    </switch>
    <payloadFactory media-type="json">
        <format>{"accepted": true}</format>
    </payloadFactory>
    <respond/>
</sequence>
`;

function largeFlow(count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `    <log level="custom" description="step-${i}"><property name="n" value="${i}"/></log>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sequence name="LargeFlow" xmlns="http://ws.apache.org/ns/synapse">\n${lines.join('\n')}\n</sequence>\n`;
}

describe.skipIf(!haveChromium)(`canvas end to end in Chromium${haveChromium ? '' : ` (skipped: ${CHROMIUM} not installed; apt-get install -y chromium)`}`, () => {
  let studio: BrowserStudio;
  let browser: Browser;
  let page: Page;
  let tmp: string;
  let project: string;
  let original: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'mediate-canvas-e2e-'));
    project = path.join(tmp, 'hospital');
    cpSync(path.join(repoRoot, 'samples/hospital'), project, { recursive: true });
    mkdirSync(path.join(project, 'src/main/wso2mi/artifacts/sequences'), { recursive: true });
    writeFileSync(path.join(project, ROUTING), ROUTING_XML);
    writeFileSync(path.join(project, LARGE), largeFlow(500));
    original = readFileSync(path.join(project, API), 'utf8');
    studio = await startBrowserStudio({ staticDir: rendererDir, project, port: 0, runtimePort: 0, settingsDir: path.join(tmp, 'settings') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const item = (p: string) => page.locator(`[data-testid=explorer-item][data-path="${p}"]`);
  const tab = (p: string) => page.locator(`[data-testid=editor-tab][data-path="${p}"]`);
  const nodes = () => page.locator('[data-testid=flow-node]');
  const node = (id: string) => page.locator(`[data-testid=flow-node][data-step-path="${id}"]`);
  const editorText = async () => (await page.locator('[data-testid=source-editor] .view-lines').innerText()).replace(/\u00a0/g, ' ');

  it('opens an API in Design view with one node per mediator', async () => {
    await page.goto(studio.url);
    await item(API).click();
    await tab(API).waitFor();
    await page.getByTestId('view-design').click();
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(12);
    expect(await node(`${R0}/0`).getAttribute('data-kind')).toBe('log');
    expect(await node(`${R0}/1`).getAttribute('data-kind')).toBe('call');
    expect(await node(`${R0}/1`).innerText()).toContain('HospitalServiceEP');
    expect(await node(`${R0}/2`).getAttribute('data-kind')).toBe('respond');
    expect(await page.getByTestId('palette').innerText()).toMatch(/Core[\s\S]*Routing[\s\S]*Transformation[\s\S]*EIP[\s\S]*QoS[\s\S]*Extension[\s\S]*Endpoints/i);
  });

  it('adds a log mediator from the palette between two nodes and shows it in the source at that place', async () => {
    await page.locator(`[data-testid=insert-point][data-list="${R0}"][data-index="2"]`).click();
    await page.locator('[data-testid=palette-item][data-kind=log]').click();
    await expect.poll(() => nodes().count()).toBe(13);
    expect(await node(`${R0}/2`).getAttribute('data-kind')).toBe('log');
    expect(await node(`${R0}/3`).getAttribute('data-kind')).toBe('respond');
    await page.getByTestId('view-split').click();
    await expect.poll(editorText).toContain('</call>\n            <log level="simple"/>\n            <respond/>');
  });

  it('changes an attribute in the form and the source changes', async () => {
    const form = page.getByTestId('node-form');
    await expect.poll(() => form.getAttribute('data-step-path')).toBe(`${R0}/2`);
    await form.locator('[data-name=level]').selectOption('full');
    await expect.poll(editorText).toContain('<log level="full"/>');
    await form.locator('input[data-name=description]').fill('added on the canvas');
    await form.locator('input[data-name=description]').press('Enter');
    await expect.poll(editorText).toContain('<log level="full" description="added on the canvas"/>');
    await expect.poll(() => node(`${R0}/2`).innerText()).toContain('added on the canvas');
  });

  it('refuses an invalid expression at the field and writes nothing', async () => {
    const property = 'api:HealthcareAPI/resource[1]/in/0';
    const form = page.getByTestId('node-form');
    // The flow may still be settling after the previous edit: click again until the form follows the selection.
    await expect
      .poll(async () => {
        await node(property).click();
        return form.getAttribute('data-step-path');
      })
      .toBe(property);
    const field = form.locator('input[data-name=expression]');
    await field.fill('fn:concat(1,');
    await field.press('Enter');
    await expect.poll(() => form.getByTestId('form-error').innerText()).toMatch(/XPath|expression/i);
    await field.press('Escape');
    // Nothing was written: undoing from here undoes the description set before.
  });

  it('undo once restores both views; undo again removes the inserted node', async () => {
    await page.getByTestId('design-undo').click();
    await expect.poll(editorText).toContain('<log level="full"/>');
    await expect.poll(() => node(`${R0}/2`).innerText()).not.toContain('added on the canvas');
    await page.getByTestId('design-undo').click();
    await expect.poll(editorText).toContain('<log level="simple"/>');
    await page.getByTestId('design-undo').click();
    await expect.poll(() => nodes().count()).toBe(12);
    await expect.poll(editorText).toContain('</call>\n            <respond/>');
  });

  it('saves exactly the original plus the edit: comments and blank lines elsewhere unchanged', async () => {
    await page.locator(`[data-testid=insert-point][data-list="${R0}"][data-index="2"]`).click();
    await page.locator('[data-testid=palette-item][data-kind=log]').click();
    await expect.poll(() => nodes().count()).toBe(13);
    await page.getByTestId('node-form').locator('[data-name=level]').selectOption('full');
    await expect.poll(editorText).toContain('<log level="full"/>');
    await page.getByTestId('design-canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+S');
    await expect.poll(() => tab(API).getAttribute('data-dirty')).toBe('false');
    const saved = readFileSync(path.join(project, API), 'utf8');
    const expected = original.replace('            </call>\n            <respond/>', '            </call>\n            <log level="full"/>\n            <respond/>');
    expect(expected).not.toBe(original);
    expect(saved).toBe(expected);
  });

  it('keeps the last good flow with a banner while the XML is broken', async () => {
    await page.locator('[data-testid=source-editor] .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.insertText('<broken');
    await page.getByTestId('banner-invalid').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('banner-invalid').innerText()).toMatch(/line \d+/);
    expect(await nodes().count()).toBe(13);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.getByTestId('banner-invalid').count()).toBe(0);
  });

  it('draws branches as lanes with endpoints; screenshot of a realistic flow', async () => {
    await item(ROUTING).click();
    await tab(ROUTING).waitFor();
    await page.getByTestId('view-design').click();
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(12);
    expect(await page.getByTestId('flow-lane').count()).toBe(7);
    expect(await node('sequence:OrderRouting/2/case[0]/0').innerText()).toContain('http://localhost:9000/express/orders');
    expect(await node('sequence:OrderRouting/2/default/0/then/0').innerText()).toContain('PriorityHandling');
    await page.waitForTimeout(400);
    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'canvas-design.png') });
    await page.screenshot({ path: '/tmp/canvas-design.png' });
  });

  it('renders a 500-mediator sequence and finds a mediator by its description', async () => {
    await item(LARGE).click();
    await tab(LARGE).waitFor();
    await page.getByTestId('view-design').click();
    await expect.poll(() => page.getByTestId('design-view').innerText(), { timeout: 30_000 }).toContain('500 mediators');
    expect(await nodes().count()).toBeGreaterThan(0);
    expect(await nodes().count()).toBeLessThan(500); // only what is on screen is rendered
    await page.getByTestId('design-search').fill('step-321');
    await page.getByTestId('design-search').press('Enter');
    await expect.poll(() => page.getByTestId('node-form').getAttribute('data-step-path')).toBe('sequence:LargeFlow/321');
    await expect.poll(() => node('sequence:LargeFlow/321').count()).toBe(1);
    await page.screenshot({ path: '/tmp/canvas-large.png' });
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
