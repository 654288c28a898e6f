/**
 * Keeps the bench harness working: the quick bench, cut down to the direct proxy against the
 * plain-Node proxy, one-second runs with the Node load generator (no wrk needed), nothing
 * installed or built, results written to a temporary folder. It checks the shape of what a
 * run produces and that traffic flowed without errors; it asserts no speed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBench } from './bench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = existsSync(path.join(repoRoot, 'dist/engine/index.js')) && existsSync(path.join(repoRoot, 'dist/src/cli/main.js'));

if (!built && process.env.CI === 'true') {
  describe('bench harness', () => {
    it('needs the build', () => {
      throw new Error('dist/ is not built: npm test builds it first');
    });
  });
}

interface Run {
  target: string;
  size: number;
  conns: number;
  rps: number;
  requests: number;
  errors: number;
  foreignCores: number;
}

describe.skipIf(!built)(`bench harness (quick mode, one scenario)${built ? '' : ' (skipped: dist/ is not built; run npm run build)'}`, () => {
  let outDir: string;
  let bench: { results: Record<string, unknown> & { runs: Run[] }; report: string; jsonFile: string; mdFile: string; work: string };
  const resultsBefore = existsSync(path.join(repoRoot, 'bench/results')) ? readdirSync(path.join(repoRoot, 'bench/results')).sort() : [];

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'mediate-bench-test-'));
    bench = await runBench({
      quick: true,
      only: ['direct'],
      refs: ['node-proxy'],
      nodeLoad: true,
      install: false,
      build: false,
      skip: ['profile', 'footprint', 'workers', 'studio'],
      reps: 1,
      durationS: 1,
      warmupS: 0,
      idleWaitS: 0,
      maxAttempts: 1,
      outDir,
      log: () => undefined,
    });
  }, 120_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    if (bench?.work) rmSync(bench.work, { recursive: true, force: true });
  });

  it('writes the results JSON and the report into the chosen folder, not into bench/results', () => {
    expect(path.dirname(bench.jsonFile)).toBe(outDir);
    expect(readdirSync(outDir).sort()).toEqual([path.basename(bench.jsonFile), path.basename(bench.mdFile)].sort());
    expect(bench.jsonFile).toMatch(/\d{4}-\d{2}-\d{2}-quick\.json$/);
    expect(JSON.parse(readFileSync(bench.jsonFile, 'utf8'))).toEqual(bench.results);
    expect(readFileSync(bench.mdFile, 'utf8')).toBe(bench.report + '\n');
    const resultsNow = existsSync(path.join(repoRoot, 'bench/results')) ? readdirSync(path.join(repoRoot, 'bench/results')).sort() : [];
    expect(resultsNow).toEqual(resultsBefore);
  });

  it('measures Mediate and the reference in every quick cell, with traffic and no errors', () => {
    const { results } = bench;
    expect(results).toMatchObject({ mode: 'quick', driver: expect.stringContaining('Node load generator'), params: { reps: 1, durationS: 1, warmupS: 0 } });
    expect(results.versions).toMatchObject({ node: process.version, mediate: expect.any(String), cpus: expect.any(Number) });
    expect(results.smoke).toEqual([expect.objectContaining({ target: 'mediate:direct', ok: true }), expect.objectContaining({ target: 'node-proxy', ok: true })]);
    const cells = results.runs.map((r) => `${r.target} ${r.size}x${r.conns}`).sort();
    expect(cells).toEqual(['mediate:direct 10240x50', 'mediate:direct 1024x50', 'node-proxy 10240x50', 'node-proxy 1024x50']);
    for (const run of results.runs) {
      expect(run.requests, run.target).toBeGreaterThan(0);
      expect(run.rps, run.target).toBeGreaterThan(0);
      expect(run.errors, run.target).toBe(0);
      expect(Number.isFinite(run.foreignCores)).toBe(true);
    }
  });

  it('reports the runs beside the reference, with the targets table and what it left out', () => {
    const { report } = bench;
    expect(report).toMatch(/^# Mediate benchmark — quick run, /);
    expect(report).toContain('## Machine and versions');
    for (const heading of ['### 1 KB payload, 50 connections', '### 10 KB payload, 50 connections']) {
      const section = report.split(heading)[1]?.split('\n### ')[0]?.split('\n## ')[0] ?? '';
      expect(section, heading).toMatch(/\| Mediate: direct proxy \(pass-through\) \| [\d,]+ \|.*\| 0 \| \d+\.\d\d× \|/);
      expect(section, heading).toMatch(/\| plain-Node proxy \(limit\) \| [\d,]+ \|/);
    }
    expect(report).toMatch(/\| direct proxy vs plain-Node proxy \(1 KB, 50 conn\) \| \d+\.\d\d× \| ≥ 0\.90× \| (met|missed by \d+ %) \|/);
    expect(report).toContain('multi-core scaling (1 → 2 workers): left out of this run (--skip workers)');
    expect(report).toContain('studio first load and 500-mediator canvas: left out of this run (--skip studio)');
    expect(report).toContain('## Noise');
  });
});
