#!/usr/bin/env node
// Regenerates test/corpus/README.md from the case modules: `node test/corpus/report.mjs`.
// The case modules use vitest's expect, so the README is written by the README test of
// corpus.test.ts running in update mode (it only checks the file otherwise).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const result = spawnSync('npx', ['vitest', 'run', 'test/corpus/corpus.test.ts', '-t', 'README.md is up to date'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UPDATE_CORPUS_README: '1' },
});
process.exit(result.status ?? 1);
