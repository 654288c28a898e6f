/**
 * CARs in the studio, end to end in browser mode in Debian's Chromium: export the sample,
 * inspect the written CAR from the Export result, then open a fixture CAR (typed path) as
 * a new project and find its artifacts in the explorer. Skips (saying why) where Chromium
 * is absent, except with CI=true.
 */
import { it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeInChromium, openStudio, repoRoot, type StudioSession } from './studio-session.js';

const fixtures = path.resolve(repoRoot, '../shared/fixtures/car');
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';

/** The built renderer when it has the CAR dialog (`npm run build`), else a private build of the current sources. */
async function rendererWithCarDialog(tmp: string): Promise<string> {
  const built = path.join(repoRoot, 'dist', 'renderer');
  const assets = path.join(built, 'assets');
  const hasDialog = existsSync(assets) && readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('car-open-project'));
  if (hasDialog) return built;
  const out = path.join(tmp, 'renderer');
  // Asynchronous: a blocking build would starve the test worker's messages.
  await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', 'renderer', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], { cwd: repoRoot });
  return out;
}

describeInChromium('CARs in the studio end to end', () => {
  let session: StudioSession;
  let page: Page;
  let tmp: string;
  let project: string;

  beforeAll(async () => {
    session = await openStudio({ name: 'mediate-e2e-car-', renderer: rendererWithCarDialog });
    ({ page, tmp, project } = session);
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  const item = (p: string) => session.item(p);

  it('exports the sample and inspects the written CAR', async () => {
    await page.getByTestId('export-open').click();
    const exportDialog = page.getByTestId('export-dialog');
    await exportDialog.getByTestId('export-run').click();
    await exportDialog.getByTestId('export-result').waitFor({ timeout: 15_000 });
    await exportDialog.getByTestId('export-inspect').click();

    const dialog = page.getByTestId('car-dialog');
    await dialog.getByTestId('car-report').waitFor({ timeout: 10_000 });
    expect(await dialog.getByTestId('car-path').inputValue()).toBe(path.join(project, 'target/HospitalService_1.0.0.car'));
    expect(await dialog.getByTestId('car-app').innerText()).toBe('HospitalService');
    expect(await dialog.getByTestId('car-status').innerText()).toBe('MI would deploy it');
    const rows = await dialog.getByTestId('car-artifact').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()).join('|'))).toEqual(
      expect.arrayContaining(['HealthcareAPI|synapse/api|1.0.0|EnterpriseIntegrator', 'HospitalServiceEP|synapse/endpoint|1.0.0|EnterpriseIntegrator', 'HealthcareAPI_metadata|synapse/metadata|1.0.0|EnterpriseIntegrator']),
    );
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-car-inspect.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows why MI refuses a faulty CAR', async () => {
    await page.getByTestId('car-open').click();
    const dialog = page.getByTestId('car-dialog');
    await dialog.getByTestId('car-path').fill(path.join(fixtures, 'invalidCompositeApplication_1.0.0.car'));
    await dialog.getByTestId('car-inspect').click();
    await dialog.getByTestId('car-report').waitFor({ timeout: 10_000 });
    expect(await dialog.getByTestId('car-status').innerText()).toBe('MI would refuse it (1 error)');
    expect(await dialog.getByTestId('car-issue').innerText()).toMatch(/^error: testCapp_1\.0\.0\/testCapp-1\.0\.0\.xml: synapse\/api testCapp is not well-formed XML/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens a fixture CAR as a new project and lists its artifacts in the explorer', async () => {
    const car = path.join(tmp, 'cars', 'SynchroDepValidCarApp_1.0.0.car');
    mkdirSync(path.dirname(car), { recursive: true });
    copyFileSync(path.join(fixtures, path.basename(car)), car);
    await page.getByTestId('car-open').click();
    const dialog = page.getByTestId('car-dialog');
    await dialog.getByTestId('car-path').fill(car);
    await dialog.getByTestId('car-open-project').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const base = 'src/main/wso2mi/artifacts';
    for (const p of [`${base}/endpoints/StockQuoteServiceEp.xml`, `${base}/message-stores/MyStore.xml`, `${base}/message-processors/ScheduledProcessor.xml`]) {
      await item(p).waitFor({ timeout: 10_000 });
    }
    expect(await item(API).count()).toBe(0);
    expect(existsSync(path.join(tmp, 'cars', 'SynchroDepValidCarApp', 'pom.xml'))).toBe(true);
    await page.screenshot({ path: path.join(os.tmpdir(), 'mediate-car-opened.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
