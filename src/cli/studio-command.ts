/**
 * `mediate studio [PROJECT] [--browser] [--port P]`: opens the studio. The
 * desktop (Electron) app is used where its binary exists; otherwise, and with
 * --browser, the same UI is served to the browser on 127.0.0.1 with a token.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBrowserStudio, rendererDir, sampleProject } from '../server/index.js';
import { defaultSettingsDir } from '../services/index.js';
import { RecentProjects } from '../services/workspace/recent-projects.js';

interface StudioOptions {
  browser?: boolean;
  port: string;
  runtimePort: string;
}

export function registerStudio(program: Command): void {
  program
    .command('studio')
    .description('open the studio (desktop app, or in the browser where Electron is absent or with --browser)')
    .argument('[project]', 'project folder to open (default: the last one, or the sample on first start)')
    .option('--browser', 'serve the studio to a browser instead of opening the desktop app')
    .option('-p, --port <port>', 'studio port in browser mode (0 = any free port)', '0')
    .option('--runtime-port <port>', 'HTTP port of the runtime the Run button starts', '8290')
    .action(async (project: string | undefined, options: StudioOptions) => {
      process.exitCode = await studio(project, options);
    });
}

/** Where the desktop app's Electron binary is, or why there is none (said to the user). */
export type ElectronLookup = { binary: string } | { reason: string };

/**
 * `electron` is an optional dependency: where its binary cannot be downloaded
 * npm leaves the package out (its install script failed), or, installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD, keeps the package without a binary.
 */
export function findElectron(load: (id: string) => unknown = createRequire(import.meta.url)): ElectronLookup {
  let value: unknown;
  try {
    value = load('electron');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    return { reason: missing ? 'the electron package is not installed (npm install could not download its binary)' : 'the electron package has no binary (it was installed without downloading it)' };
  }
  if (typeof value !== 'string') return { reason: 'the electron package names no binary' };
  if (!existsSync(value)) return { reason: `the Electron binary ${value} is missing` };
  return { binary: value };
}

async function chooseProject(project: string | undefined): Promise<string | undefined> {
  if (project) return path.resolve(project);
  const recent = (await new RecentProjects(defaultSettingsDir()).list()).find((p) => existsSync(p));
  if (recent) return recent;
  return existsSync(sampleProject()) ? sampleProject() : undefined;
}

async function studio(projectArg: string | undefined, options: StudioOptions): Promise<number> {
  const project = await chooseProject(projectArg);
  if (project && !existsSync(project)) {
    process.stderr.write(`error: ${project} does not exist\n`);
    return 1;
  }
  const staticDir = rendererDir();
  if (!options.browser) {
    const electron = findElectron();
    if ('binary' in electron) {
      process.stdout.write(`Mediate Studio: opening the desktop app (${electron.binary})\n`);
      return openDesktopApp(electron.binary, project);
    }
    process.stdout.write(`Mediate Studio: opening in the browser, not the desktop app: ${electron.reason}.\n`);
  } else process.stdout.write('Mediate Studio: opening in the browser (--browser).\n');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    process.stderr.write(`error: the studio UI is not built (${staticDir}); run \`npm run build\`\n`);
    return 1;
  }
  let studioServer;
  try {
    studioServer = await startBrowserStudio({ staticDir, project, port: Number(options.port), runtimePort: Number(options.runtimePort) });
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  process.stdout.write(`Mediate Studio on ${studioServer.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void studioServer.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Runs the desktop app (dist/src/main/main.js) until its window closes. */
function openDesktopApp(electron: string, project: string | undefined): Promise<number> {
  const main = fileURLToPath(new URL('../main/main.js', import.meta.url));
  const child = spawn(electron, [main, ...(project ? [project] : [])], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.once('error', (e) => {
      process.stderr.write(`error: could not start Electron: ${e.message}\n`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 0));
  });
}
