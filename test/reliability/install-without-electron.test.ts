/**
 * Defect 1 of issue 21: a plain `npm install` failed where Electron's binary
 * cannot be downloaded. What a test can hold here: electron is an optional
 * dependency (npm drops an optional package whose install script fails instead
 * of failing the install), CI installs without ELECTRON_SKIP_BINARY_DOWNLOAD,
 * the build type-checks without the package, the README says what happens, and
 * the studio command says which studio it opened and why. That `npm install`
 * really succeeds offline from Electron's host is proven by `.ci/run` itself.
 */
import { readFileSync, existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectron } from '../../src/cli/studio-command.js';

const repoRoot = path.resolve(__dirname, '../..');
const read = (rel: string) => readFileSync(path.join(repoRoot, rel), 'utf8');
const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { optional?: boolean; dev?: boolean }> };

describe('installing where Electron cannot be downloaded', () => {
  it('electron is an optional dependency only, in the manifest and the lockfile', () => {
    expect(manifest.optionalDependencies?.electron).toBeDefined();
    expect(manifest.dependencies?.electron).toBeUndefined();
    expect(manifest.devDependencies?.electron).toBeUndefined();
    expect(lock.packages['node_modules/electron']).toMatchObject({ optional: true });
    expect(lock.packages['node_modules/electron']?.dev).toBeUndefined();
  });

  it('main and preload type-check against a fallback when npm left electron out', () => {
    for (const [config, fallback] of [['src/tsconfig.json', 'src/main/electron-absent.d.ts'], ['src/preload/tsconfig.json', 'src/main/electron-absent.d.ts']] as const) {
      const paths = (JSON.parse(read(config)) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths.electron!;
      const dir = path.dirname(path.join(repoRoot, config));
      // The real package first, so its complete types win wherever it is installed.
      expect(path.resolve(dir, paths[0]!)).toBe(path.join(repoRoot, 'node_modules/electron'));
      expect(path.resolve(dir, paths[1]!)).toBe(path.join(repoRoot, fallback));
      expect(existsSync(path.join(repoRoot, fallback))).toBe(true);
    }
  });

  it('CI installs without ELECTRON_SKIP_BINARY_DOWNLOAD, so it proves the plain install', () => {
    const script = read('.ci/run').split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(script.some((line) => line.includes('ELECTRON_SKIP_BINARY_DOWNLOAD'))).toBe(false);
    expect(script.some((line) => /\bnpm (ci|install)\b/.test(line))).toBe(true);
  });

  it('the README does not send the user to ELECTRON_SKIP_BINARY_DOWNLOAD and says the studio falls back to the browser', () => {
    const readme = read('README.md');
    expect(readme).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(readme).toMatch(/Electron is an optional dependency/);
  });
});

describe('mediate studio says which studio it opened', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mediate-studio-says-'));
  const project = path.join(tmp, 'hospital');
  cpSync(path.join(repoRoot, 'samples/hospital'), project, { recursive: true });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Runs `mediate studio` until it prints its URL, then stops it; resolves to what it printed. */
  async function studioOutput(...args: string[]): Promise<string> {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'studio', project, '--port', '0', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: tmp },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 20_000;
    while (!/Mediate Studio on http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) {
      if (child.exitCode !== null) throw new Error(`mediate studio exited (${child.exitCode}):\n${out}`);
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGTERM');
    await exited;
    return out;
  }

  const electron = findElectron();
  it.skipIf('binary' in electron)(`without an Electron binary: the browser, and why${'binary' in electron ? ' (skipped: Electron is installed here)' : ''}`, async () => {
    const out = await studioOutput();
    expect(out).toContain(`Mediate Studio: opening in the browser, not the desktop app: ${'reason' in electron ? electron.reason : ''}.`);
    expect(out).toMatch(/Mediate Studio on http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('with --browser: the browser, because it was asked for', async () => {
    const out = await studioOutput('--browser');
    expect(out).toContain('Mediate Studio: opening in the browser (--browser).');
    expect(out).toMatch(/Mediate Studio on http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
