/**
 * Finding a project's suites: `src/test/wso2mi/**.xml` (MI VS Code layout) and,
 * for Integration Studio projects, `<module>/test/<file>.xml` whose root is
 * `<unit-test>`. listTests reads them all without running anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestSuiteInfo } from './types.js';
import type { ParsedSuite } from './suite-model.js';
import { parseSuiteFile } from './suite-parser.js';

const SKIP = new Set(['node_modules', 'target', '.git']);

export function suiteFiles(root: string): string[] {
  const out: string[] = [];
  const vsCode = path.join(root, 'src', 'test', 'wso2mi');
  if (fs.existsSync(vsCode)) collect(vsCode, out);
  else {
    // Integration Studio: <module>/test/*.xml holding <unit-test>.
    for (const entry of safeList(root)) {
      const testDir = path.join(root, entry, 'test');
      if (!SKIP.has(entry) && fs.existsSync(testDir)) for (const f of safeList(testDir)) if (f.endsWith('.xml') && looksLikeSuite(path.join(testDir, f))) out.push(path.join(testDir, f));
    }
  }
  return out.sort();
}

function collect(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !SKIP.has(entry.name)) collect(full, out);
    else if (entry.isFile() && entry.name.endsWith('.xml')) out.push(full);
  }
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function looksLikeSuite(file: string): boolean {
  try {
    return /<(?:synapse-)?unit-test[\s>]/.test(fs.readFileSync(file, 'utf8').slice(0, 4096));
  } catch {
    return false;
  }
}

export function readSuites(root: string, only?: string[]): ParsedSuite[] {
  const all = suiteFiles(root);
  const chosen = only?.length ? only.map((s) => path.resolve(root, s)) : all;
  return chosen.map((file) => parseSuiteFile(root, file));
}

export async function listTests(project: string): Promise<TestSuiteInfo[]> {
  return readSuites(path.resolve(project)).map((s) => s.info);
}
