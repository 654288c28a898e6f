/**
 * Desktop smoke test: the Electron window opens and the renderer reaches the
 * backend over the preload's port (the explorer lists the sample). Electron's
 * binary cannot be downloaded on our machines, so there this is skipped, saying why.
 */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function electronBinary(): { path?: string; reason?: string } {
  try {
    const value: unknown = createRequire(import.meta.url)('electron');
    if (typeof value === 'string' && existsSync(value)) return { path: value };
    return { reason: 'the electron package names no binary' };
  } catch (e) {
    return { reason: `the Electron binary is not installed (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})` };
  }
}

const binary = electronBinary();

describe.skipIf(!binary.path)(`desktop app smoke test${binary.path ? '' : ` (skipped: ${binary.reason})`}`, () => {
  it('opens a window whose explorer lists the sample project', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [path.join(repoRoot, 'dist/src/main/main.js'), path.join(repoRoot, 'samples/hospital'), '--no-sandbox'],
      env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), 'mediate-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await window.locator('[data-testid=explorer-item][data-path$="HealthcareAPI.xml"]').waitFor({ timeout: 30_000 });
      expect(await window.evaluate(() => location.protocol)).toBe('mediate:');
    } finally {
      await app.close();
    }
  }, 60_000);
});
