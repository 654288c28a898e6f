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

/** Categories whose cases issue 3 must run. */
export const IN_SCOPE = ['endpoints', 'json', 'routing', 'sequences', 'templates', 'transformation', 'rest-api', 'proxy', 'registry', 'mi44-expressions', 'tutorials', 'data-services', 'message-store', 'brokers'] as const;

/** Categories that belong to other issues, with the reason. */
export const OUT_OF_SCOPE: Record<string, string> = {
  brokers: 'needs JMS/RabbitMQ brokers and their transports (broker issue)',
  'inbound-endpoints': 'needs inbound endpoints (HTTP listener, file polling) (inbound-endpoint issue)',
  'file-processing': 'needs the VFS transport (file-processing issue)',
  'scheduled-tasks': 'needs scheduled tasks / the message injector (tasks issue)',
};

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
