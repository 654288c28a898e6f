import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, vscodeProjectFiles, writeTree } from '../../../engine/node/project/fixtures/projects.js';
import { register as registerExport } from './export.js';
import { register as registerImport } from './import.js';
import { register as registerInspect } from './inspect.js';
import type { CommandOutput } from './export.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures/car');

function capture(): CommandOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

async function run(args: string[], setup: (program: Command) => void): Promise<number> {
  const program = new Command().exitOverride();
  setup(program);
  process.exitCode = 0;
  await program.parseAsync(['node', 'mediate', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return code;
}

afterEach(() => {
  process.exitCode = 0;
});

describe('mediate export', () => {
  it('writes <project>/target/<name>_<version>.car by default', async () => {
    const root = writeTree(tempDir('cli-export'), vscodeProjectFiles());
    const io = capture();
    const code = await run(['export', root], (p) => registerExport(p, { output: io }));
    expect(code).toBe(0);
    expect(existsSync(path.join(root, 'target/OrderService_1.2.0-SNAPSHOT.car'))).toBe(true);
    expect(io.lines[0]).toMatch(/^Wrote .*OrderService_1\.2\.0-SNAPSHOT\.car \(\d+ artifacts, \d+ entries\)$/);
  });

  it('stops on validation errors unless --force, and honours -o and --version', async () => {
    const root = writeTree(tempDir('cli-export'), vscodeProjectFiles());
    const out = path.join(tempDir('cli-out'), 'app.car');
    const validate = async () => ({ errors: ['endpoints/Broken.xml:1:60: unexpected end of file'] });
    const io = capture();
    expect(await run(['export', root, '-o', out], (p) => registerExport(p, { validate, output: io }))).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(io.errors).toContain('error: endpoints/Broken.xml:1:60: unexpected end of file');
    const forced = capture();
    expect(await run(['export', root, '-o', out, '--force', '--version', '2.0.0'], (p) => registerExport(p, { validate, output: forced }))).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(forced.errors).toContain('warning: endpoints/Broken.xml:1:60: unexpected end of file');
  });

  it('fails with a message for a missing project', async () => {
    const io = capture();
    expect(await run(['export', '/nonexistent/project'], (p) => registerExport(p, { output: io }))).toBe(1);
    expect(io.errors[0]).toMatch(/^error: cannot read \/nonexistent\/project/);
  });
});

describe('mediate inspect and import', () => {
  it('prints a table of the artifacts of a CAR', async () => {
    const io = capture();
    expect(await run(['inspect', path.join(fixtures, 'hello-worldCompositeExporter_1.0.0.car')], (p) => registerInspect(p, { output: io }))).toBe(0);
    expect(io.lines[0]).toBe('hello-worldCompositeExporter 1.0.0-SNAPSHOT (descriptor: metadata.xml)');
    expect(io.lines[1]).toMatch(/^NAME\s+TYPE\s+VERSION\s+SERVER ROLE\s+FILE$/);
    expect(io.lines.some((l) => /^HelloWorld\s+synapse\/api\s+1\.0\.0\s+EnterpriseServiceBus\s+HelloWorld_1\.0\.0\/HelloWorld-1\.0\.0\.xml$/.test(l))).toBe(true);
  });

  it('imports a CAR into ./<name> or -o DIR', async () => {
    const dir = path.join(tempDir('cli-import'), 'hello');
    const io = capture();
    expect(await run(['import', path.join(fixtures, 'hello-worldCompositeApplication_1.0.0.car'), '-o', dir], (p) => registerImport(p, { output: io }))).toBe(0);
    expect(existsSync(path.join(dir, 'src/main/wso2mi/artifacts/apis/HelloWorld.xml'))).toBe(true);
    expect(io.lines[0]).toMatch(/^Created .*hello \(\d+ files\)$/);
    const again = capture();
    expect(await run(['import', path.join(fixtures, 'hello-worldCompositeApplication_1.0.0.car'), '-o', dir], (p) => registerImport(p, { output: again }))).toBe(1);
    expect(again.errors[0]).toMatch(/not empty/);
  });

  it('refuses an archive over the --max-size / --max-ratio limits with a clear message, writing nothing', async () => {
    const car = path.join(fixtures, 'hello-worldCompositeExporter_1.0.0.car');
    const io = capture();
    expect(await run(['inspect', car, '--max-size', '100'], (p) => registerInspect(p, { output: io }))).toBe(1);
    expect(io.errors[0]).toMatch(/^error: .*hello-worldCompositeExporter_1\.0\.0\.car: refused: it inflates to more than 100 bytes .*a zip bomb is not extracted$/);
    const dir = path.join(tempDir('cli-bomb'), 'p');
    const imported = capture();
    expect(await run(['import', car, '-o', dir, '--max-ratio', '0.5'], (p) => registerImport(p, { output: imported }))).toBe(1);
    expect(imported.errors[0]).toMatch(/refused: it inflates to more than .*0\.5x the archive size/);
    expect(existsSync(dir)).toBe(false);
    const bad = capture();
    expect(await run(['inspect', car, '--max-ratio', 'lots'], (p) => registerInspect(p, { output: bad }))).toBe(1);
    expect(bad.errors[0]).toMatch(/--max-ratio must be a positive number, not lots/);
  });
});
