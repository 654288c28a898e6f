/**
 * The graphical view end to end, in browser mode in Debian's Chromium: open an
 * API in Design view, add a mediator from the palette (click and drag), edit
 * it in the form, move, copy, paste, delete, disable and enable mediators,
 * undo across views, break the XML, check the saved file is the original plus
 * exactly the edits (comments and blank lines byte for byte), and find your
 * way around a 500-mediator flow with search and the minimap. Skips (saying
 * why) where Chromium is absent, except with CI=true.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const SEQUENCES = 'src/main/wso2mi/artifacts/sequences';
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ROUTING = `${SEQUENCES}/OrderRouting.xml`;
const LARGE = `${SEQUENCES}/LargeFlow.xml`;
const EDITS = `${SEQUENCES}/Edits.xml`;
const R0 = 'api:HealthcareAPI/resource[0]/in';

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

/** A small sequence for the editing round trip: comments and a blank line that must survive every edit. */
const EDITS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const EDITS_BODY = `<sequence name="Edits" xmlns="http://ws.apache.org/ns/synapse">
    <!-- first: note the order -->
    <property name="a" value="1"/>
    <log level="custom" description="middle">
        <property name="m" value="2"/>
    </log>

    <!-- before respond -->
    <respond/>
</sequence>`;

/** The canvas' view transform (translate x, y and scale) as React Flow applies it. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(transform);
  if (!m) throw new Error(`unexpected viewport transform '${transform}'`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** The window the minimap outlines (the visible part of the flow, in flow coordinates): the mask path's second rectangle. */
async function minimapWindow(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const d = (await page.locator('.react-flow__minimap-mask').getAttribute('d')) ?? '';
  const m = /M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h[-\d.e]+z\s*$/.exec(d);
  if (!m) throw new Error(`unexpected minimap mask '${d}'`);
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}

describeInChromium('canvas end to end', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;
  let original: string;

  beforeAll(async () => {
    session = await openStudio({
      name: 'mediate-canvas-e2e-',
      viewport: { width: 1600, height: 1000 },
      prepare: (dir) => {
        mkdirSync(path.join(dir, SEQUENCES), { recursive: true });
        writeFileSync(path.join(dir, ROUTING), ROUTING_XML);
        writeFileSync(path.join(dir, LARGE), largeFlow(500));
        writeFileSync(path.join(dir, EDITS), `${EDITS_HEAD}${EDITS_BODY}\n`);
      },
    });
    ({ page, project } = session);
    original = readFileSync(path.join(project, API), 'utf8');
  }, 240_000);

  afterAll(() => session?.close());

  const item = (p: string) => session.item(p);
  const tab = (p: string) => session.tab(p);
  const editorText = () => session.editorText();
  const nodes = () => page.locator('[data-testid=flow-node]');
  const node = (id: string) => page.locator(`[data-testid=flow-node][data-step-path="${id}"]`);
  const insertPoint = (list: string, index: number) => page.locator(`[data-testid=insert-point][data-list="${list}"][data-index="${index}"]`);
  const kinds = () => nodes().evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}${e.getAttribute('data-disabled') === 'true' ? '(disabled)' : ''}`));
  const menuItem = (action: string) => page.locator(`[data-testid=canvas-menu] [data-action=${action}]`);

  /** Opens a file of the project in the given view. */
  async function open(file: string, view: 'design' | 'split') {
    await item(file).click();
    await tab(file).waitFor();
    await page.getByTestId(`view-${view}`).click();
  }

  it('opens an API in Design view with one node per mediator', async () => {
    await open(API, 'design');
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(12);
    expect(await node(`${R0}/0`).getAttribute('data-kind')).toBe('log');
    expect(await node(`${R0}/1`).getAttribute('data-kind')).toBe('call');
    expect(await node(`${R0}/1`).innerText()).toContain('HospitalServiceEP');
    expect(await node(`${R0}/2`).getAttribute('data-kind')).toBe('respond');
    expect(await page.getByTestId('palette').innerText()).toMatch(/Core[\s\S]*Routing[\s\S]*Transformation[\s\S]*EIP[\s\S]*QoS[\s\S]*Extension[\s\S]*Endpoints/i);
  });

  it('adds a log mediator from the palette between two nodes and shows it in the source at that place', async () => {
    await insertPoint(R0, 2).click();
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
    await insertPoint(R0, 2).click();
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

  describe_edits();

  it('draws branches as lanes with endpoints and a minimap of the whole flow; screenshot of a realistic flow', async () => {
    await open(ROUTING, 'design');
    await expect.poll(() => nodes().count(), { timeout: 20_000 }).toBe(12);
    expect(await page.getByTestId('flow-lane').count()).toBe(7);
    expect(await page.getByTestId('flow-lane').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('express'), expect.stringContaining('bulk'), 'default', 'then', 'else']));
    const express = node('sequence:OrderRouting/2/case[0]/0');
    expect(await express.getByTestId('node-endpoint').innerText()).toMatch(/^HTTP\s*POST http:\/\/localhost:9000\/express\/orders$/);
    expect(await node('sequence:OrderRouting/2/case[1]/0/target[0]/sequence/0').getByTestId('node-endpoint').innerText()).toMatch(/SupplierA/);
    expect(await node('sequence:OrderRouting/2/case[1]/0/target[1]/sequence/0').getByTestId('node-endpoint').innerText()).toMatch(/^ADDRESS\s*http:\/\/localhost:9001\/supplier-b$/);
    expect(await node('sequence:OrderRouting/1').innerText()).toContain('Order received');
    expect(await node('sequence:OrderRouting/2/default/0/then/0').innerText()).toContain('PriorityHandling');
    // The minimap draws every mediator and lane, and outlines the visible window.
    const minimap = page.getByTestId('rf__minimap');
    expect(await minimap.locator('.mm-mediator').count()).toBe(12);
    expect(await minimap.locator('.mm-lane').count()).toBe(7);
    const shown = await minimapWindow(page);
    expect(shown.width).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
    await page.getByTestId('design-view').screenshot({ path: path.join(repoRoot, 'test-results', 'canvas-design.png') });
  });

  it('finds a mediator by its name and steps through the matches', async () => {
    const search = page.getByTestId('design-search');
    await search.fill('call');
    await expect.poll(() => page.getByTestId('design-search-count').innerText()).toBe('– of 3');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('node-form').getAttribute('data-step-path')).toBe('sequence:OrderRouting/2/case[0]/0');
    expect(await page.getByTestId('design-search-count').innerText()).toBe('1 of 3');
    await search.press('Shift+Enter');
    await expect.poll(() => page.getByTestId('node-form').getAttribute('data-step-path')).toBe('sequence:OrderRouting/2/case[1]/0/target[1]/sequence/0');
    await search.fill('no such mediator');
    await expect.poll(() => page.getByTestId('design-search-count').innerText()).toBe('no match');
    await search.press('Escape');
  });

  it('renders a 500-mediator sequence, finds a mediator by its description and shows where it is on the minimap', async () => {
    await open(LARGE, 'design');
    await expect.poll(() => page.getByTestId('design-view').innerText(), { timeout: 30_000 }).toContain('500 mediators');
    expect(await nodes().count()).toBeGreaterThan(0);
    expect(await nodes().count()).toBeLessThan(500); // only what is on screen is rendered
    // The minimap still draws all 500.
    await expect.poll(() => page.getByTestId('rf__minimap').locator('.mm-mediator').count()).toBe(500);
    await page.getByTestId('design-search').fill('step-321');
    await page.getByTestId('design-search').press('Enter');
    await expect.poll(() => page.getByTestId('node-form').getAttribute('data-step-path')).toBe('sequence:LargeFlow/321');
    await expect.poll(() => node('sequence:LargeFlow/321').count()).toBe(1);
    const target = page.locator('[data-node-id="node:sequence:LargeFlow/321"]');
    const box = { x: Number(await target.getAttribute('x')), y: Number(await target.getAttribute('y')) };
    await expect
      .poll(async () => {
        const shown = await minimapWindow(page);
        return shown.x <= box.x && box.x <= shown.x + shown.width && shown.y <= box.y && box.y <= shown.y + shown.height;
      })
      .toBe(true);
  });

  it('pans by dragging the minimap and the canvas, and zooms with the controls', async () => {
    const before = await minimapWindow(page);
    const map = await page.getByTestId('rf__minimap').locator('svg').boundingBox();
    if (!map) throw new Error('the minimap is not on screen');
    // Dragging on the minimap moves the window towards the start of the flow.
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    await page.mouse.down();
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2 - 40, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await minimapWindow(page)).y).toBeLessThan(before.y - 1000);
    await expect.poll(() => node('sequence:LargeFlow/321').count()).toBe(0);
    // Dragging the canvas background pans it.
    const pane = await page.getByTestId('design-canvas').boundingBox();
    if (!pane) throw new Error('the canvas is not on screen');
    const panned = await viewport(page);
    await page.mouse.move(pane.x + 60, pane.y + pane.height / 2);
    await page.mouse.down();
    await page.mouse.move(pane.x + 60, pane.y + pane.height / 2 - 200, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await viewport(page)).y).toBeLessThan(panned.y - 150);
    // Zooming out shows more of the flow.
    const shownBefore = await nodes().count();
    const zoomBefore = (await viewport(page)).zoom;
    await page.locator('.react-flow__controls-zoomout').click();
    await page.locator('.react-flow__controls-zoomout').click();
    await expect.poll(async () => (await viewport(page)).zoom).toBeLessThan(zoomBefore);
    await expect.poll(() => nodes().count()).toBeGreaterThan(shownBefore);
    await page.getByTestId('design-view').screenshot({ path: path.join(os.tmpdir(), 'mediate-canvas-large.png') });
  });

  it('logged no errors in the page', () => {
    expect(session.consoleErrors).toEqual([]);
  });

  /** Moving, copying, deleting, disabling and enabling mediators on a small sequence, checked in the source after each step. */
  function describe_edits() {
    const S = 'sequence:Edits';
    const sourceShows = (text: string) => expect.poll(editorText, { timeout: 10_000 }).toContain(text);
    let beforeDisable = '';

    it('drags a log mediator from the palette onto the insert point between two nodes', async () => {
      // Wide enough for palette, canvas, form and source side by side.
      await page.setViewportSize({ width: 2400, height: 1000 });
      await open(EDITS, 'split');
      await expect.poll(kinds, { timeout: 20_000 }).toEqual(['property', 'log', 'respond']);
      await page.locator('[data-testid=palette-item][data-kind=log]').dragTo(insertPoint(S, 1));
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'respond']);
      await sourceShows(EDITS_BODY.replace('<property name="a" value="1"/>\n', '<property name="a" value="1"/>\n    <log level="simple"/>\n'));
    });

    it('moves a node by dragging it onto another insert point: the order changes, the comments stay put', async () => {
      await node(`${S}/2`).dragTo(insertPoint(S, 0));
      await expect.poll(kinds).toEqual(['log', 'property', 'log', 'respond']);
      await sourceShows(`<sequence name="Edits" xmlns="http://ws.apache.org/ns/synapse">
    <log level="custom" description="middle">
        <property name="m" value="2"/>
    </log>
    <!-- first: note the order -->
    <property name="a" value="1"/>
    <log level="simple"/>

    <!-- before respond -->
    <respond/>
</sequence>`);
    });

    it('moves the selected node down with Alt+ArrowDown and up from its menu', async () => {
      await node(`${S}/0`).click();
      await page.keyboard.press('Alt+ArrowDown');
      await expect.poll(() => node(`${S}/1`).getAttribute('data-kind')).toBe('log');
      await sourceShows(`    <!-- first: note the order -->
    <property name="a" value="1"/>
    <log level="custom" description="middle">
        <property name="m" value="2"/>
    </log>
    <log level="simple"/>
`);
      await node(`${S}/2`).click({ button: 'right' });
      await menuItem('move-up').click();
      await sourceShows(`    <!-- first: note the order -->
    <property name="a" value="1"/>
    <log level="simple"/>
    <log level="custom" description="middle">
        <property name="m" value="2"/>
    </log>

    <!-- before respond -->`);
    });

    it('copies the selected node with Ctrl+C and pastes a duplicate after it with Ctrl+V', async () => {
      await node(`${S}/1`).click();
      await page.keyboard.press('Control+C');
      await page.keyboard.press('Control+V');
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'log', 'respond']);
      await sourceShows('    <log level="simple"/>\n    <log level="simple"/>\n    <log level="custom" description="middle">');
      // Pasting at an insert point chosen from its menu.
      await insertPoint(S, 5).click({ button: 'right' });
      await menuItem('paste').click();
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'log', 'respond', 'log']);
      await sourceShows('    <respond/>\n    <log level="simple"/>\n</sequence>');
    });

    it('deletes with the Delete key and from the menu', async () => {
      await expect.poll(() => page.getByTestId('node-form').getAttribute('data-step-path')).toBe(`${S}/5`);
      await page.keyboard.press('Delete');
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'log', 'respond']);
      await node(`${S}/2`).click({ button: 'right' });
      await menuItem('delete').click();
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'respond']);
      await sourceShows(`    <property name="a" value="1"/>
    <log level="simple"/>
    <log level="custom" description="middle">`);
      await sourceShows('    <respond/>\n</sequence>');
    });

    it('disables a mediator: it is commented out in the source and shown as disabled', async () => {
      beforeDisable = await editorText();
      await node(`${S}/2`).click({ button: 'right' });
      await menuItem('toggle-disabled').click();
      await expect.poll(kinds).toEqual(['property', 'log', 'log(disabled)', 'respond']);
      expect(await page.locator('[data-testid=flow-node][data-disabled=true]').innerText()).toContain('disabled');
      await sourceShows(`    <!--<log level="custom" description="middle">
        <property name="m" value="2"/>
    </log>-->`);
    });

    it('enables it again: the source is restored byte for byte', async () => {
      await page.locator('[data-testid=flow-node][data-disabled=true]').click({ button: 'right' });
      await expect.poll(() => menuItem('toggle-disabled').innerText()).toBe('Enable');
      await menuItem('toggle-disabled').click();
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'respond']);
      await expect.poll(editorText).toBe(beforeDisable);
    });

    it('Ctrl+Z in the source view undoes a canvas edit, and the canvas follows', async () => {
      await page.locator('[data-testid=source-editor] .view-lines').click();
      await page.keyboard.press('Control+Z');
      await expect.poll(kinds).toEqual(['property', 'log', 'log(disabled)', 'respond']);
      await sourceShows('    <!--<log level="custom" description="middle">');
      await page.keyboard.press('Control+Shift+Z');
      await expect.poll(kinds).toEqual(['property', 'log', 'log', 'respond']);
      await page.keyboard.press('Control+S');
      await expect.poll(() => tab(EDITS).getAttribute('data-dirty')).toBe('false');
      expect(readFileSync(path.join(project, EDITS), 'utf8')).toBe(
        `${EDITS_HEAD}${EDITS_BODY.replace('<property name="a" value="1"/>\n', '<property name="a" value="1"/>\n    <log level="simple"/>\n')}\n`,
      );
      await page.setViewportSize({ width: 1600, height: 1000 });
    });
  }
});
