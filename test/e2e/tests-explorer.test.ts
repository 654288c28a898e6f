/**
 * Unit testing in the studio, end to end in browser mode in Debian's Chromium
 * (issue 17): the Test Explorer lists a suite written in MI's format (a mock
 * service on a free port stands in for HospitalServiceEP), runs all, shows a
 * failed assertion's expected vs actual, runs one case, opens a case in its
 * file, re-runs after a save; coverage colours the canvas; the form writes a
 * new suite; Try-it's recorder turns an exchange into a case whose backend
 * call becomes a mock (it passes with the backend gone); and a case run
 * under the debugger pauses at a breakpoint set on the canvas.
 */
import { it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../backends/hospital.mjs';
import { describeInChromium, openStudio, type StudioSession } from './studio-session.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ENDPOINTS = 'src/main/wso2mi/artifacts/endpoints';
const SUITE = 'src/test/wso2mi/HealthcareAPITest.xml';
const HEALTH_FACTORY = 'api:HealthcareAPI/resource[2]/in/0';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function suiteXml(healthExpected: string): string {
  return `<unit-test>
    <artifacts>
        <test-artifact><artifact>${API}</artifact></test-artifact>
        <supportive-artifacts>
            <artifact>${ENDPOINTS}/HospitalServiceEP.xml</artifact>
            <artifact>${ENDPOINTS}/ReservationEP.xml</artifact>
            <artifact>src/main/wso2mi/artifacts/sequences/HospitalFault.xml</artifact>
        </supportive-artifacts>
        <registry-resources/>
        <connector-resources/>
    </artifacts>
    <test-cases>
        <test-case name="HealthUp">
            <input><request-path>/health</request-path><request-method>GET</request-method></input>
            <assertions>
                <assertEquals><actual>$statusCode</actual><expected>200</expected><message>health answers 200</message></assertEquals>
            </assertions>
        </test-case>
        <test-case name="HealthBody">
            <input><request-path>/health</request-path><request-method>GET</request-method></input>
            <assertions>
                <assertEquals><actual>$body</actual><expected><![CDATA[${healthExpected}]]></expected><message>the health body</message></assertEquals>
            </assertions>
        </test-case>
        <test-case name="MockedDoctors">
            <input><request-path>/doctors/surgery</request-path><request-method>GET</request-method></input>
            <assertions>
                <assertEquals><actual>$body</actual><expected><![CDATA[[{"name": "mock doctor"}]]]></expected><message>the mock's doctors</message></assertEquals>
            </assertions>
        </test-case>
    </test-cases>
    <mock-services>
        <mock-service>src/test/resources/mock-services/HospitalMock.xml</mock-service>
    </mock-services>
</unit-test>
`;
}

describeInChromium('Test Explorer end to end', () => {
  let session: StudioSession;
  let page: Page;
  let project: string;
  let backend: { url: string; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    const backendPort = await freePort();
    const mockPort = await freePort();
    backend = await hospital.start({ port: backendPort });
    session = await openStudio({
      name: 'mediate-e2e-tests-',
      needsRuntime: true,
      prepare: (dir) => {
        for (const f of readdirSync(path.join(dir, ENDPOINTS))) {
          const file = path.join(dir, ENDPOINTS, f);
          writeFileSync(file, readFileSync(file, 'utf8').replaceAll('http://localhost:9090', backend!.url));
        }
        mkdirSync(path.join(dir, 'src/test/wso2mi'), { recursive: true });
        mkdirSync(path.join(dir, 'src/test/resources/mock-services'), { recursive: true });
        writeFileSync(path.join(dir, SUITE), suiteXml('{"status": "DOWN"}'));
        writeFileSync(
          path.join(dir, 'src/test/resources/mock-services/HospitalMock.xml'),
          `<mock-service><service-name>HospitalServiceEP</service-name><port>${mockPort}</port><context>/healthcare</context><resources><resource><sub-context>/surgery</sub-context><method>GET</method><response><status-code>200</status-code><payload><![CDATA[[{"name":"mock doctor"}]]]></payload><headers><header name="Content-Type" value="application/json"/></headers></response></resource></resources></mock-service>`,
        );
      },
    });
    ({ page, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
    await backend?.close();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await page?.screenshot({ path: path.join(os.tmpdir(), `mediate-tests-failed-${context.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  });

  const testItem = (suite: string, name: string) => page.locator(`[data-testid=test-item][data-suite="${suite}"][data-case="${name}"]`);
  const statusOf = (suite: string, name: string) => testItem(suite, name).getAttribute('data-status');
  const node = (stepPath: string) => page.locator(`[data-testid=flow-node][data-step-path="${stepPath}"]`);

  it('lists the suite and its cases, not run yet', async () => {
    await page.getByTestId('tests-tab').click();
    await page.getByTestId('test-explorer').waitFor();
    await testItem(SUITE, 'HealthUp').waitFor({ timeout: 10_000 });
    const items = page.locator('[data-testid=test-item]');
    expect(await items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-case'), e.getAttribute('data-status')]))).toEqual([
      ['HealthUp', 'not-run'],
      ['HealthBody', 'not-run'],
      ['MockedDoctors', 'not-run'],
    ]);
  });

  it('runs all: the mocked and the passing cases pass, the failing one shows expected vs actual', async () => {
    await page.getByTestId('test-run-all').click();
    await expect.poll(() => page.getByTestId('test-summary').count(), { timeout: 30_000 }).toBe(1);
    expect(await statusOf(SUITE, 'HealthBody')).toBe('failed');
    expect(await statusOf(SUITE, 'HealthUp')).toBe('passed');
    expect(await statusOf(SUITE, 'MockedDoctors')).toBe('passed');
    await expect.poll(() => page.getByTestId('test-summary').innerText()).toMatch(/2 passed, 1 failed/);
    await testItem(SUITE, 'HealthBody').click();
    const diff = page.getByTestId('test-result-diff');
    await diff.waitFor();
    expect(await diff.getAttribute('data-expression')).toBe('$body');
    expect(await diff.innerText()).toContain('the health body');
    expect(await page.getByTestId('test-diff-expected').innerText()).toContain('DOWN');
    expect(await page.getByTestId('test-diff-actual').innerText()).toContain('UP');
  });

  it('colours the canvas with the coverage of the last run, toggled on and off', async () => {
    await session.item(API).click();
    await page.getByTestId('view-design').click();
    await node(HEALTH_FACTORY).waitFor({ timeout: 15_000 });
    expect(await node(HEALTH_FACTORY).getAttribute('data-covered')).toBeNull();
    await page.getByTestId('coverage-toggle').click();
    await expect.poll(() => node(HEALTH_FACTORY).getAttribute('data-covered')).toBe('true');
    expect(await node('api:HealthcareAPI/resource[0]/in/1').getAttribute('data-covered')).toBe('true'); // the mocked call
    expect(await node('api:HealthcareAPI/resource[1]/in/0').getAttribute('data-covered')).toBe('false'); // appointments: no case
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-tests-coverage.png') });
    await page.getByTestId('coverage-toggle').click();
    await expect.poll(() => node(HEALTH_FACTORY).getAttribute('data-covered')).toBeNull();
  });

  it('opens a case in its file, and re-runs after a save when re-run on save is on', async () => {
    await testItem(SUITE, 'HealthBody').locator('[data-testid=test-open]').click();
    await session.tab(SUITE).waitFor({ timeout: 10_000 });
    await page.getByTestId('test-rerun-on-save').click();
    await expect.poll(() => page.getByTestId('test-rerun-on-save').isChecked()).toBe(true);
    await expect.poll(() => existsSync(path.join(project, '.mediate/tests.json')) && JSON.parse(readFileSync(path.join(project, '.mediate/tests.json'), 'utf8')).rerunOnSave).toBe(true);
    // The last run was all suites; a fixed expectation saved from elsewhere re-runs them.
    writeFileSync(path.join(project, SUITE), suiteXml('{"service": "HealthcareAPI", "status": "UP"}'));
    await expect.poll(() => statusOf(SUITE, 'HealthBody'), { timeout: 30_000 }).toBe('passed');
    await page.getByTestId('test-rerun-on-save').click();
    await expect.poll(() => page.getByTestId('test-rerun-on-save').isChecked()).toBe(false);
  });

  it('runs one case with its run button', async () => {
    writeFileSync(path.join(project, SUITE), suiteXml('{"status": "DOWN"}'));
    await expect.poll(() => page.locator('[data-testid=test-item]').count(), { timeout: 10_000 }).toBe(3);
    await testItem(SUITE, 'HealthBody').locator('[data-testid=test-run]').click();
    await expect.poll(() => statusOf(SUITE, 'HealthBody'), { timeout: 30_000 }).toBe('failed');
    expect(await statusOf(SUITE, 'HealthUp')).toBe('passed'); // kept from the earlier run
  });

  it('writes a new suite from the form and runs it', async () => {
    await page.getByTestId('test-new-suite').click();
    await page.getByTestId('suite-dialog').waitFor();
    await page.getByTestId('suite-target').selectOption(API);
    await page.getByTestId('suite-name').fill('HealthForm');
    await page.getByTestId('case-name').fill('FromTheForm');
    await page.getByTestId('case-method').selectOption('GET');
    await page.getByTestId('case-path').fill('/health');
    await page.getByTestId('suite-create').click();
    const created = 'src/test/wso2mi/HealthForm.xml';
    await testItem(created, 'FromTheForm').waitFor({ timeout: 10_000 });
    expect(readFileSync(path.join(project, created), 'utf8')).toContain('<request-path>/health</request-path>');
    await page.getByTestId('tests-tab').click();
    await page.locator(`[data-testid=test-suite][data-suite="${created}"] [data-testid=test-run]`).click();
    await expect.poll(() => statusOf(created, 'FromTheForm'), { timeout: 30_000 }).toBe('passed');
  });

  it('records a Try-it exchange as a case; its backend call becomes a mock and the case passes with the backend gone', async () => {
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('runtime-status').innerText(), { timeout: 30_000 }).toMatch(/running/i);
    await page.getByTestId('tryit-open').click();
    await page.getByTestId('tryit-method').selectOption('GET');
    await page.getByTestId('tryit-url').fill('/healthcare/doctors/surgery');
    await page.getByTestId('tryit-send').click();
    await expect.poll(() => page.getByTestId('tryit-response-status').innerText(), { timeout: 15_000 }).toMatch(/^200/);
    await page.getByTestId('test-record').click();
    const result = page.getByTestId('test-record-result');
    await result.waitFor({ timeout: 15_000 });
    const suite = (await result.getAttribute('data-suite'))!;
    const name = (await result.getAttribute('data-case'))!;
    expect(suite).toBe('src/test/wso2mi/HealthcareAPIRecordedTest.xml');
    expect(await result.innerText()).toContain('1 mock service');
    await backend!.close();
    backend = undefined;
    await page.getByTestId('tests-tab').click();
    await testItem(suite, name).waitFor({ timeout: 10_000 });
    await testItem(suite, name).locator('[data-testid=test-run]').click();
    await expect.poll(() => statusOf(suite, name), { timeout: 30_000 }).toBe('passed');
  });

  it('debugs a case: a breakpoint set on the canvas pauses it, Continue lets it pass', async () => {
    await session.item(API).click();
    await page.getByTestId('view-design').click();
    const toggle = page.locator(`[data-testid=breakpoint-toggle][data-step-path="${HEALTH_FACTORY}"]`);
    await toggle.waitFor({ timeout: 15_000 });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-set')).toBe('true');
    await page.getByTestId('tests-tab').click();
    await testItem(SUITE, 'HealthUp').locator('[data-testid=test-debug]').click();
    const paused = page.locator(`[data-testid=paused-message][data-step-path="${HEALTH_FACTORY}"]`);
    await paused.waitFor({ timeout: 20_000 }); // the Debug panel comes forward
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-tests-debug.png') });
    await page.getByTestId('continue-button').click();
    await page.getByTestId('tests-tab').click();
    await expect.poll(() => page.getByTestId('test-summary').innerText(), { timeout: 20_000 }).toMatch(/1 passed, 0 failed/);
    expect(await statusOf(SUITE, 'HealthUp')).toBe('passed');
    expect(session.pageErrors).toEqual([]);
  });
});
