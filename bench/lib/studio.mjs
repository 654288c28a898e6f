// Studio measurements, in Chromium driven by playwright-core, against `mediate studio
// --browser` (the real command, its own process, its token URL):
// - first load of the sample project (samples/hospital): first paint and first contentful
//   paint (Paint Timing API), and the time until the explorer lists the project's artifacts;
// - the canvas of a generated 500-mediator sequence (filter and switch branches throughout):
//   from the click on Design until the first nodes are painted, until the whole flow model is
//   laid out, and until the page is interactive (no long task for a quiet second).
// Every sample is a fresh browser context (no cache, no open tabs) on an already running
// studio; the first one of each kind is kept apart as the cold sample (server caches empty,
// Chromium starting its first renderer). Nothing is pinned: the browser runs several
// processes and a user's machine does not pin them either. A sample taken while other
// processes used more than `foreignLimit` cores is repeated, like a load run.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startProcess, stopProcess, waitForIdle, cpuTicks, machineBusyTicks, CLOCK_TICKS, sleep } from './processes.mjs';
import { REPO, MEDIATE_BIN } from './targets.mjs';
import { largeSequenceXml } from './generate-project.mjs';
import { explorerProbe, readLoadTimings, whenIdle, timedDesignSwitch } from './studio-probes.mjs';

/** Debian's Chromium with the flags this machine needs (the same as test/e2e/chromium.ts). */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };
const ARTIFACTS = 'src/main/wso2mi/artifacts';
const FLOW_NAME = 'BenchLargeFlow';
const FLOW_PATH = `${ARTIFACTS}/sequences/${FLOW_NAME}.xml`;

/** Why the studio cannot be measured here, or undefined when it can. */
export function studioUnavailable() {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install -y chromium)`;
  if (!fs.existsSync(path.join(REPO, 'dist/renderer'))) return 'the studio UI is not built (dist/renderer; npm run build)';
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed';
  }
  return undefined;
}

/**
 * options: { reps, flowSize, foreignLimit, idleWaitS, maxAttempts, log }.
 * Returns { browser, viewport, firstLoad: { cold, samples, expectedItems }, canvas: { cold, samples, flowSize } }.
 */
export async function measureStudio(work, options) {
  const { chromium } = await import('playwright-core');
  await rendererBuilt();
  const sample = copySample(path.join(work, 'studio-sample'));
  const flowProject = copySample(path.join(work, 'studio-large-flow'));
  fs.writeFileSync(path.join(flowProject, FLOW_PATH), largeSequenceXml(FLOW_NAME, options.flowSize));
  const expectedItems = countArtifacts(sample);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const servers = [];
  try {
    servers.push(await startStudio(work, 'sample', sample));
    servers.push(await startStudio(work, 'large-flow', flowProject));
    const [sampleStudio, flowStudio] = servers;
    const firstLoad = await repeated(options, 'first load', () => measureFirstLoad(browser, sampleStudio.url, expectedItems));
    const canvas = await repeated(options, `canvas of ${options.flowSize} mediators`, () => measureCanvas(browser, flowStudio.url, options.flowSize));
    return { browser: `Chromium ${browser.version()}, headless, ${VIEWPORT.width}×${VIEWPORT.height}`, firstLoad: { ...firstLoad, expectedItems }, canvas: { ...canvas, flowSize: options.flowSize } };
  } finally {
    await browser.close();
    for (const s of servers) await stopProcess(s);
  }
}

/**
 * dist/renderer holds a bundle, or is being rebuilt (vite empties it first): a `vite build`
 * of the same tree, by the bench or anyone else, takes about a minute.
 */
async function rendererBuilt() {
  const index = path.join(REPO, 'dist/renderer/index.html');
  const t0 = performance.now();
  while (!fs.existsSync(index)) {
    if (performance.now() - t0 > 180000) throw new Error('dist/renderer/index.html did not appear within 3 minutes (npm run build)');
    await sleep(1000);
  }
}

function copySample(dir) {
  fs.cpSync(path.join(REPO, 'samples/hospital'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, ARTIFACTS, 'sequences'), { recursive: true });
  return dir;
}

function countArtifacts(project) {
  return fs.readdirSync(path.join(project, ARTIFACTS), { recursive: true }).filter((f) => String(f).endsWith('.xml')).length;
}

/** `mediate studio PROJECT --browser` with its own settings folder; resolves with its token URL. */
async function startStudio(work, name, project) {
  const logFile = path.join(work, `logs/studio-${name}.log`);
  const proc = startProcess(`studio-${name}`, process.execPath, [MEDIATE_BIN, 'studio', project, '--browser', '--port', '0', '--runtime-port', '0'], { logFile, env: { XDG_CONFIG_HOME: path.join(work, `studio-settings-${name}`) } });
  const t0 = performance.now();
  while (performance.now() - t0 < 60000) {
    if (proc.child.exitCode !== null) throw new Error(`mediate studio exited with code ${proc.child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-300)}`);
    const url = /Mediate Studio on (\S+)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1];
    if (url) return { ...proc, url };
    await sleep(50);
  }
  await stopProcess(proc);
  throw new Error('mediate studio printed no URL within 60 s');
}

/**
 * One discarded-from-the-medians cold sample, then `reps` samples; a sample disturbed by
 * other processes is repeated (at most maxAttempts times, the least disturbed one kept).
 */
async function repeated(o, what, measureOnce) {
  const take = async () => {
    let best;
    for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
      await waitForIdle(o.foreignLimit, o.idleWaitS);
      const own0 = cpuTicks(process.pid, { reaped: true });
      const busy0 = machineBusyTicks();
      const t0 = performance.now();
      const figures = await measureOnce();
      const seconds = (performance.now() - t0) / 1000;
      const foreignCores = Math.max(0, (machineBusyTicks() - busy0 - (cpuTicks(process.pid, { reaped: true }) - own0)) / CLOCK_TICKS / seconds);
      const s = { ...figures, attempt, foreignCores };
      if (!best || s.foreignCores < best.foreignCores) best = s;
      if (s.foreignCores < o.foreignLimit || attempt === o.maxAttempts) break;
      o.log(`  studio ${what}: disturbed (${s.foreignCores.toFixed(2)} cores used by other processes); repeating`);
    }
    return best;
  };
  const cold = await take();
  const samples = [];
  for (let r = 0; r < o.reps; r++) samples.push(await take());
  return { cold, samples };
}

async function measureFirstLoad(browser, url, expectedItems) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(explorerProbe, { expected: expectedItems });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__benchStudio?.explorerPaintedMs !== undefined, undefined, { timeout: 60000 });
    return await page.evaluate(readLoadTimings);
  } finally {
    await context.close();
  }
}

async function measureCanvas(browser, url, flowSize) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(`[data-testid=explorer-item][data-path="${FLOW_PATH}"]`).click({ timeout: 60000 });
    await page.locator(`[data-testid=editor-tab][data-path="${FLOW_PATH}"]`).waitFor({ timeout: 30000 });
    await page.getByTestId('view-design').waitFor({ timeout: 30000 });
    // The source view (Monaco) has just opened the file: let it finish before timing the switch.
    await page.evaluate(whenIdle, { timeoutMs: 3000 });
    const figures = await page.evaluate(timedDesignSwitch, { expected: flowSize, quietMs: 1000, timeoutMs: 60000 });
    if (figures.reportedSize !== flowSize) throw new Error(`the canvas reported ${figures.reportedSize} mediators, the generated flow has ${flowSize}`);
    return figures;
  } finally {
    await context.close();
  }
}
