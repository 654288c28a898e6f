/**
 * Finds the case modules under test/corpus/cases/<category>/<case>.ts and the
 * corpus folders they must cover.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { CorpusCase } from './case.js';
import { CORPUS } from './runtime.js';

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

/** Categories every case of which has a module (the coverage test holds them to it). */
export const IN_SCOPE = ['endpoints', 'json', 'routing', 'sequences', 'templates', 'transformation', 'rest-api', 'proxy', 'registry', 'mi44-expressions', 'tutorials', 'data-services', 'message-store', 'brokers', 'inbound-endpoints', 'file-processing', 'scheduled-tasks', 'protocol-switching', 'transports', 'rabbitmq', 'jms', 'transactions'] as const;

/**
 * Categories only some cases of which have a module yet, with what the rest wait for.
 * Their modules run like any other; the report lists the cases that have none.
 */
export const PARTLY_COVERED: Record<string, string> = {};

export async function loadCases(): Promise<CorpusCase[]> {
  const out: CorpusCase[] = [];
  for (const category of fs.readdirSync(CASES_DIR).sort()) {
    const dir = path.join(CASES_DIR, category);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).sort()) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: CorpusCase };
      const c = mod.default;
      const expectedId = `${category}/${file.replace(/\.ts$/, '')}`;
      if (c.id !== expectedId) throw new Error(`${expectedId}.ts declares id ${c.id}`);
      out.push(c);
    }
  }
  return out;
}

/** The corpus case folders of a category (those holding a case.md). */
export function corpusCases(category: string): string[] {
  const dir = path.join(CORPUS, category);
  return fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, 'case.md')))
    .sort()
    .map((d) => `${category}/${d}`);
}
