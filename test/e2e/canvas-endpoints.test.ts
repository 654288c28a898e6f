/**
 * Endpoint trees and child-element forms end to end, in browser mode in
 * Debian's Chromium: open a failover endpoint in Design view, add a member
 * address endpoint at a "+" from the palette's Endpoints group, see it in the
 * source at that place, set its URI in its form, move it and delete it;
 * edit a log mediator's property row in the form and see the source change;
 * check the saved files are the originals plus exactly those edits
 * (comments byte for byte).
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const FAILOVER = 'src/main/wso2mi/artifacts/endpoints/BackendFailoverEP.xml';
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ROOT = 'endpoint:BackendFailoverEP';
const MEMBERS = `${ROOT}/failover`;
const LOG = 'api:HealthcareAPI/resource[0]/in/0';

const FAILOVER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<endpoint name="BackendFailoverEP" xmlns="http://ws.apache.org/ns/synapse">
    <!-- the primary answers unless it is suspended -->
    <failover>
        <endpoint name="primary">
            <http method="get" uri-template="http://localhost:9090/healthcare/{uri.var.category}"/>
        </endpoint>
        <!-- standby data centre -->
        <endpoint name="standby">
            <address uri="http://localhost:9091/healthcare"/>
        </endpoint>
    </failover>
</endpoint>
`;
const ADDED = '\n        <endpoint>\n            <address uri="http://localhost:9092/healthcare"/>\n        </endpoint>';

describeInChromium('endpoint trees and child-element forms end to end', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-canvas-endpoints-e2e-',
      viewport: { width: 1600, height: 1000 },
      prepare: (dir) => {
        mkdirSync(path.dirname(path.join(dir, FAILOVER)), { recursive: true });
        writeFileSync(path.join(dir, FAILOVER), FAILOVER_XML);
      },
    });
    ({ page, project } = session);
  }, 240_000);

  afterAll(() => session?.close());

  const nodes = () => page.locator('[data-testid=flow-node]');
  const node = (id: string) => page.locator(`[data-testid=flow-node][data-step-path="${id}"]`);
  const form = () => page.getByTestId('node-form');

  async function open(file: string) {
    await session.item(file).click();
    await session.tab(file).waitFor();
    await page.getByTestId('view-design').click();
  }

  /** Clicks a node until the form shows it (the flow may still be settling after an edit). */
  async function select(id: string) {
    await expect
      .poll(async () => {
        await node(id).click();
        return form().getAttribute('data-step-path');
      })
      .toBe(id);
  }

  async function save(file: string) {
    await page.getByTestId('design-canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+S');
    await expect.poll(() => session.tab(file).getAttribute('data-dirty')).toBe('false');
    return readFileSync(path.join(project, file), 'utf8');
  }

  it('draws a failover endpoint as a tree: the group and a node per member with its address', async () => {
    await open(FAILOVER);
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(3);
    expect(await node(ROOT).getAttribute('data-kind')).toBe('endpoint:failover');
    expect(await node(`${ROOT}/endpoint[0]`).getAttribute('data-kind')).toBe('endpoint:http');
    expect(await node(`${ROOT}/endpoint[0]`).innerText()).toMatch(/primary[\s\S]*GET http:\/\/localhost:9090\/healthcare\/\{uri\.var\.category\}/);
    expect(await node(`${ROOT}/endpoint[1]`).innerText()).toMatch(/standby[\s\S]*http:\/\/localhost:9091\/healthcare/);
    expect(await page.locator(`[data-testid=insert-point][data-list="${MEMBERS}"]`).count()).toBe(3);
    expect(await page.getByTestId('design-view').innerText()).toContain('3 endpoints');
  });

  it('adds a member address endpoint from the palette at a "+" and shows it in the source at that place', async () => {
    await page.locator(`[data-testid=insert-point][data-list="${MEMBERS}"][data-index="2"]`).click();
    await page.locator('[data-testid=palette-item][data-kind="endpoint:address"]').click();
    await expect.poll(() => nodes().count()).toBe(4);
    expect(await node(`${ROOT}/endpoint[2]`).getAttribute('data-kind')).toBe('endpoint:address');
    await page.getByTestId('view-split').click();
    await expect.poll(() => session.editorText()).toContain('            <address uri="http://localhost:9091/healthcare"/>\n        </endpoint>\n        <endpoint>\n            <address uri="http://localhost:8080/"/>\n        </endpoint>\n    </failover>');
  });

  it('sets the new member’s URI in its form', async () => {
    await select(`${ROOT}/endpoint[2]`);
    expect(await form().getByTestId('endpoint-kind').inputValue()).toBe('address');
    const uri = form().locator('[data-testid=form-element][data-element=address] input[data-name=uri]');
    await uri.fill('http://localhost:9092/healthcare');
    await uri.press('Enter');
    await expect.poll(() => session.editorText()).toContain('<address uri="http://localhost:9092/healthcare"/>');
    await expect.poll(() => node(`${ROOT}/endpoint[2]`).innerText()).toContain('http://localhost:9092/healthcare');
    await page.getByTestId('view-design').click();
    await page.waitForTimeout(400);
    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'canvas-endpoint-tree.png') });
  });

  it('saves exactly the original plus the new member: comments unchanged', async () => {
    const saved = await save(FAILOVER);
    const expected = FAILOVER_XML.replace('<address uri="http://localhost:9091/healthcare"/>\n        </endpoint>', `<address uri="http://localhost:9091/healthcare"/>\n        </endpoint>${ADDED}`);
    expect(expected).not.toBe(FAILOVER_XML);
    expect(saved).toBe(expected);
  });

  it('moves the new member up with Alt+ArrowUp and deletes it with Delete: the source is the original again', async () => {
    await select(`${ROOT}/endpoint[2]`);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => node(`${ROOT}/endpoint[1]`).innerText()).toContain('http://localhost:9092/healthcare');
    await page.getByTestId('view-split').click();
    await expect.poll(() => session.editorText()).toContain(`</endpoint>${ADDED}\n        <!-- standby data centre -->`);
    await page.getByTestId('view-design').click();
    await select(`${ROOT}/endpoint[1]`);
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes().count()).toBe(3);
    expect(await save(FAILOVER)).toBe(FAILOVER_XML);
  });

  it('edits a log mediator’s property row in the form and the source changes', async () => {
    await open(API);
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(12);
    await select(LOG);
    const row = form().locator('[data-testid=form-row][data-path="property[0]"]');
    expect(await row.locator('input[data-name=name]').inputValue()).toBe('message');
    const expression = row.locator('input[data-name=expression]');
    await expression.fill("fn:concat('Doctors in ', get-property('uri.var.category'))");
    await expression.press('Enter');
    await page.getByTestId('view-split').click();
    await expect.poll(() => session.editorText()).toContain(`<property name="message" expression="fn:concat('Doctors in ', get-property('uri.var.category'))"/>`);
  });

  it('refuses an invalid expression in a row at the field and writes nothing', async () => {
    const row = form().locator('[data-testid=form-row][data-path="property[0]"]');
    const expression = row.locator('input[data-name=expression]');
    await expression.fill('fn:concat(1,');
    await expression.press('Enter');
    await expect.poll(() => row.getByTestId('form-error').innerText()).toMatch(/XPath|expression/i);
    await expect.poll(() => session.editorText()).toContain(`expression="fn:concat('Doctors in '`);
    await expression.press('Escape');
  });

  it('adds a property row and saves the original plus exactly the two form edits', async () => {
    await form().locator('[data-testid=form-add-row][data-element=property]').click();
    await expect.poll(() => form().locator('[data-testid=form-row]').count()).toBe(2);
    await page.getByTestId('view-design').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'canvas-log-form.png') });
    const original = readFileSync(path.join(repoRoot, 'samples/hospital', API), 'utf8');
    const saved = await save(API);
    expect(saved).toBe(
      original.replace(
        `<property name="message" expression="fn:concat('Listing doctors in ', get-property('uri.var.category'))"/>\n`,
        `<property name="message" expression="fn:concat('Doctors in ', get-property('uri.var.category'))"/>\n                <property name="name" value=""/>\n`,
      ),
    );
  });

  it('logged no errors in the page', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
