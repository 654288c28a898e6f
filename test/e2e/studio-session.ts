/**
 * The setup every browser-mode e2e suite shares: a copy of the sample project
 * in a temporary folder, the studio server on a free port serving the built
 * renderer, Debian's Chromium, and a page on the studio's URL (which carries
 * the session token). `describeInChromium` skips a suite, saying why, where
 * Chromium is absent, and fails it instead with CI=true.
 */
import { describe, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { startBrowserStudio, type BrowserStudio } from '../../src/server/index.js';
import { CHROMIUM, haveChromium, launchChromium } from './chromium.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** MEDIATE_E2E_RENDERER points at another renderer build (one made from a working tree, say). */
export const defaultRenderer = process.env.MEDIATE_E2E_RENDERER ?? path.join(repoRoot, 'dist', 'renderer');

/** A vitest `describe` that runs in Chromium: skipped (with the reason in its title) without it, failing with CI=true. */
export function describeInChromium(title: string, body: () => void): void {
  if (!haveChromium && process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing: .ci/run must apt-get install chromium`);
      });
    });
    return;
  }
  describe.skipIf(!haveChromium)(`${title} in Chromium${haveChromium ? '' : ` (skipped: ${CHROMIUM} not installed; apt-get install -y chromium)`}`, body);
}

export interface StudioSessionOptions {
  /** Prefix of the temporary folder (`mediate-e2e-canvas-`). */
  name: string;
  /** The renderer build to serve, given the temporary folder; the default build (built on demand when missing) otherwise. */
  renderer?: (tmp: string) => Promise<string>;
  /** The suite starts the runtime child, which runs from dist/src: refuse to start when it is not built. */
  needsRuntime?: boolean;
  /** Files (path relative to the project: text) added to the copied sample project before the studio starts. */
  files?: Record<string, string>;
  /** Changes to the copied sample project before the studio starts (after `files`). */
  prepare?: (project: string, tmp: string) => void | Promise<void>;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Open the studio's URL once the page is ready (default true); the explorer is then listed. */
  open?: boolean;
}

export interface StudioSession {
  studio: BrowserStudio;
  browser: Browser;
  page: Page;
  /** The temporary folder (removed by close). */
  tmp: string;
  /** The copy of samples/hospital the studio opened. */
  project: string;
  /** Console errors and uncaught page errors, in order. */
  consoleErrors: string[];
  /** Uncaught page errors only. */
  pageErrors: string[];
  /** Requests to anything but the studio itself (data: and blob: URLs aside). */
  foreignRequests: string[];
  /** The explorer entry of a project-relative path. */
  item(relative: string): Locator;
  /** The editor tab of a project-relative path. */
  tab(relative: string): Locator;
  /** The source editor's visible text, line by line (see visibleSource). */
  editorText(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The source editor's rendered lines, top to bottom. Monaco reuses line
 * elements, so their document order is not their screen order after edits:
 * they are sorted by position. Spaces render as no-break spaces.
 */
export async function visibleSource(page: Page): Promise<string> {
  const lines = await page.locator('[data-testid=source-editor] .view-lines > .view-line').evaluateAll((els) => els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: (e as HTMLElement).innerText })));
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' ').replace(/\n$/, ''))
    .join('\n');
}

/** Builds the renderer when this checkout has no build yet (asynchronously: a blocking build would starve the test worker's messages). */
async function ensureRenderer(dir: string): Promise<void> {
  if (existsSync(path.join(dir, 'index.html'))) return;
  await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', 'renderer', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'], { cwd: repoRoot });
}

export async function openStudio(options: StudioSessionOptions): Promise<StudioSession> {
  if (options.needsRuntime && !existsSync(path.join(repoRoot, 'dist/src/cli/main.js'))) throw new Error('dist/src is not built: run `npm run build` first');
  const tmp = mkdtempSync(path.join(os.tmpdir(), options.name));
  const cleanups: (() => Promise<unknown> | void)[] = [() => rmSync(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    let staticDir = defaultRenderer;
    if (options.renderer) staticDir = await options.renderer(tmp);
    else await ensureRenderer(staticDir);
    const project = path.join(tmp, 'hospital');
    cpSync(path.join(repoRoot, 'samples/hospital'), project, { recursive: true });
    for (const [rel, text] of Object.entries(options.files ?? {})) {
      mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
      writeFileSync(path.join(project, rel), text);
    }
    await options.prepare?.(project, tmp);
    const studio = await startBrowserStudio({ staticDir, project, port: 0, runtimePort: 0, settingsDir: path.join(tmp, 'settings') });
    cleanups.push(() => studio.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 }, acceptDownloads: options.acceptDownloads ?? false });
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const foreignRequests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => {
      consoleErrors.push(String(e));
      pageErrors.push(String(e));
    });
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreignRequests.push(r.url());
    });
    const item = (relative: string) => page.locator(`[data-testid=explorer-item][data-path="${relative}"]`);
    const tab = (relative: string) => page.locator(`[data-testid=editor-tab][data-path="${relative}"]`);
    const editorText = () => visibleSource(page);
    if (options.open ?? true) {
      await page.goto(studio.url);
      await page.getByTestId('explorer-item').first().waitFor({ timeout: 20_000 });
    }
    return { studio, browser, page, tmp, project, consoleErrors, pageErrors, foreignRequests, item, tab, editorText, close };
  } catch (e) {
    await close();
    throw e;
  }
}
