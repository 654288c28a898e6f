/**
 * Defect 5 of issue 21: `node bench/run.mjs --help` printed a parseArgs stack trace.
 * It must print the options and exit 0; a wrong option names itself, shows the
 * options and exits 2, without a stack trace. Neither starts a benchmark.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const runMjs = path.resolve(__dirname, '../../bench/run.mjs');
const bench = (...args: string[]) => spawnSync(process.execPath, [runMjs, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('bench/run.mjs command line', () => {
  it('--help prints every option and exits 0', () => {
    const result = bench('--help');
    expect(result.status).toBe(0);
    for (const option of ['--quick', '--reps', '--duration', '--warmup', '--no-install', '--no-build', '--only', '--refs', '--node-load', '--skip', '--no-profile', '--out', '--help']) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stderr).toBe('');
  });

  it('-h is the same as --help', () => {
    expect(bench('-h').stdout).toBe(bench('--help').stdout);
  });

  it('an unknown option is named, the options shown, no stack trace, exit 2', () => {
    const result = bench('--bogus');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
    expect(result.stderr).toContain('--quick');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an option missing its value is named, exit 2', () => {
    const result = bench('--reps');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--reps');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
