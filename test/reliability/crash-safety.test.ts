/**
 * Crash safety (issue 21): a process killed with SIGKILL at a random moment
 * while it writes never leaves a half-written file. Child processes run the
 * real code (the built dist/): saves through the studio's workspace service
 * and through a running studio server's WebSocket, a CAR export, a CAR
 * import, and the runtime redeploying a project being saved. After each kill every file is the old or the new complete content,
 * every CAR opens, and every imported project is complete (or absent).
 *
 * The moments are drawn from a seeded generator; a failure names its seed
 * (CRASH_SEED=N reruns it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCar, inspectCar, isAtomicWriteTemp, readCar, scanProject, writeCar, writeFileAtomic } from '../../engine/index.js';
import { openSession } from './studio-client.js';

const repoRoot = path.resolve(__dirname, '../..');
const worker = path.join(__dirname, 'crash-worker.mjs');
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: small, seeded, good enough to spread kill moments. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(seed);
const between = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo));

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mediate-crash-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Starts a child, waits until it prints `pattern`, lets it work `delayMs` more, then kills it with SIGKILL. */
async function killWhileWorking(command: string[], pattern: RegExp, delayMs: number): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, command, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!pattern.test(out)) {
    if (child.exitCode !== null) throw new Error(`${path.basename(command[0]!)} exited (${child.exitCode}) early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`no ${pattern} within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
}

/** Visible entries of a folder: a crash may leave hidden temporary files, nothing else. */
function visibleEntries(dir: string): string[] {
  const names = readdirSync(dir);
  for (const n of names) if (n.startsWith('.')) expect(isAtomicWriteTemp(n), `${dir}/${n} is a stray file`).toBe(true);
  return names.filter((n) => !n.startsWith('.')).sort();
}

/** Every file under `dir`, relative, with its bytes. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), 'latin1'));
  }
  return out;
}

/** A copy of the sample whose API differs by a large payload, so a torn write would show. */
function sampleVariant(name: string, marker: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(repoRoot, 'samples/hospital'), dir, { recursive: true });
  const api = path.join(dir, API);
  const text = readFileSync(api, 'utf8');
  writeFileSync(api, text.replace('</api>', `<!-- ${marker} ${'x'.repeat(200_000)} -->\n</api>`));
  return dir;
}

describe(`kill -9 at random moments (seed ${seed})`, () => {
  it('while the studio saves a file: the file is always the old, or one of the new texts, complete', async () => {
    const project = sampleVariant('save-project', 'original');
    const original = readFileSync(path.join(project, API), 'utf8');
    const texts = ['A', 'B'].map((m) => original.replace('original', `version-${m}`).replace(/x{200000}/, m.repeat(400_000)));
    texts.forEach((t, i) => writeFileSync(path.join(tmp, `save-${i}.txt`), t));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await killWhileWorking([worker, 'save', project, API, path.join(tmp, 'save-0.txt'), path.join(tmp, 'save-1.txt')], /ready/, between(0, 40));
      const now = readFileSync(path.join(project, API), 'utf8');
      const which = [original, ...texts].indexOf(now);
      expect(which, `iteration ${i}: ${API} is half-written (${now.length} chars; seed ${seed})`).toBeGreaterThanOrEqual(0);
      seen.add(String(which));
      expect(visibleEntries(path.dirname(path.join(project, API)))).toEqual(['HealthcareAPI.xml']);
    }
    // The saves really ran: the file left its original text.
    expect(seen.has('0') && seen.size === 1).toBe(false);
  });

  it('while saves stream to the studio server over its WebSocket: the file is always one whole text', async () => {
    const project = sampleVariant('server-save-project', 'original');
    const original = readFileSync(path.join(project, API), 'utf8');
    const texts = ['C', 'D'].map((m) => original.replace('original', `version-${m}`).replace(/x{200000}/, m.repeat(400_000)));
    let saved = 0;
    for (let i = 0; i < 5; i++) {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'studio', project, '--browser', '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'studio-settings') } });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const deadline = Date.now() + 30_000;
      let url: RegExpExecArray | null = null;
      while (!(url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out)) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      expect(url, out).not.toBeNull();
      const session = await openSession(Number(url![1]), { token: url![2]! });
      // Saves one after another, as Ctrl+S does, until the server is killed under them.
      let stop = false;
      const saving = (async () => {
        for (let n = 0; !stop; n++) {
          const answer = await session.call('workspace', 'writeFile', API, texts[n % 2]).catch(() => undefined);
          if (!answer) return;
          if (answer.ok) saved++;
        }
      })();
      while (saved === 0) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, between(0, 40)));
      child.kill('SIGKILL');
      stop = true;
      await exited;
      await saving;
      const now = readFileSync(path.join(project, API), 'utf8');
      expect([original, ...texts].includes(now), `iteration ${i}: ${API} is half-written (${now.length} chars; seed ${seed})`).toBe(true);
      expect(visibleEntries(path.dirname(path.join(project, API)))).toEqual(['HealthcareAPI.xml']);
    }
    expect(saved).toBeGreaterThan(0);
  });

  it('while a CAR is exported: the CAR always opens and holds one whole project', async () => {
    const a = sampleVariant('export-a', 'export-A');
    const b = sampleVariant('export-b', 'export-B');
    const outDir = path.join(tmp, 'export-out');
    mkdirSync(outDir);
    const car = path.join(outDir, 'HealthcareAPI.car');
    const expected = await Promise.all(
      [a, b].map(async (p, i) => {
        const result = await writeCar(await scanProject(p), { out: path.join(tmp, `reference-${i}.car`) });
        return readFileSync(result.file, 'latin1');
      }),
    );
    for (let i = 0; i < 8; i++) {
      await killWhileWorking([worker, 'export', a, b, car], /ready/, between(0, 60));
      expect(visibleEntries(outDir)).toEqual(['HealthcareAPI.car']);
      const bytes = readFileSync(car, 'latin1');
      expect(expected.includes(bytes), `iteration ${i}: the CAR is not one complete export (seed ${seed})`).toBe(true);
      const scan = await readCar(car);
      expect(scan.artifacts.map((x) => x.name)).toContain('HealthcareAPI');
      expect((await inspectCar(car)).entries.length).toBeGreaterThan(0);
    }
  });

  it('while a CAR is imported: every project folder is complete or absent', async () => {
    const car = (await writeCar(await scanProject(sampleVariant('import-source', 'import')), { out: path.join(tmp, 'import-source.car') })).file;
    const reference = tree((await importCar(car, path.join(tmp, 'import-reference'))).dir);
    const parent = path.join(tmp, 'import-into');
    mkdirSync(parent);
    let checked = 0;
    for (let i = 0; i < 6; i++) {
      const round = path.join(parent, `round${i}`);
      mkdirSync(round);
      await killWhileWorking([worker, 'import', car, round], /ready/, between(0, 80));
      for (const name of visibleEntries(round)) {
        expect(tree(path.join(round, name)), `iteration ${i}: ${name} is a partial project (seed ${seed})`).toEqual(reference);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('while the runtime redeploys a project being saved: the files stay whole, and a restarted runtime serves the last save', async () => {
    const project = sampleVariant('redeploy-project', 'redeploy');
    const apiFile = path.join(project, API);
    const original = readFileSync(apiFile, 'utf8');
    let last = original;
    for (let i = 0; i < 3; i++) {
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'run', project, '--port', '0', '--watch'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const deadline = Date.now() + 30_000;
      while (!/Mediate runtime ready on/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      expect(out).toMatch(/Mediate runtime ready on/);
      // Saves land while the runtime picks them up; it is killed in the middle of a redeploy.
      for (let s = 0; s < 4; s++) {
        last = original.replace('redeploy', `redeploy-${i}-${s}`);
        await writeFileAtomic(apiFile, last);
        await new Promise((r) => setTimeout(r, between(5, 40)));
      }
      child.kill('SIGKILL');
      await exited;
      expect(readFileSync(apiFile, 'utf8')).toBe(last);
      expect(visibleEntries(path.dirname(apiFile))).toEqual(['HealthcareAPI.xml']);
    }
    // Restarted, the runtime deploys what was saved last.
    const again = spawn(process.execPath, [path.join(repoRoot, 'bin/mediate.js'), 'run', project, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    again.stdout!.on('data', (d) => (out += d));
    again.stderr!.on('data', (d) => (out += d));
    const deadline = Date.now() + 30_000;
    while (!/Mediate runtime ready on http:\/\/localhost:(\d+)/.test(out) && Date.now() < deadline && again.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    const port = Number(/localhost:(\d+)/.exec(out)?.[1]);
    try {
      expect(out).toMatch(/\(4 artifacts deployed, 0 failed\)/);
      const res = await fetch(`http://127.0.0.1:${port}/healthcare/health`);
      expect(res.status).toBe(200);
    } finally {
      again.kill('SIGKILL');
    }
  });
});
