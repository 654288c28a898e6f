/** Shared by the data-service cases: the namespace, compact-XML comparison, and the matrix over engines. */
import { expect } from 'vitest';
import { runMatrix, type MatrixCase } from '../../dataservices-matrix.js';

export const DS = 'http://ws.wso2.org/dataservice';

/** The documented (pretty-printed) XML as MI sends it: compact. */
export function compact(xml: string): string {
  return xml.replace(/<\?xml[^>]*\?>/, '').replace(/>\s+</g, '><').trim();
}

/** Runs the case on SQLite, PostgreSQL and MariaDB; at least SQLite must have run. */
export async function onEveryEngine(c: MatrixCase): Promise<void> {
  const { ran, skipped } = await runMatrix(c);
  if (skipped.length) console.warn(`engines skipped: ${skipped.join('; ')}`);
  expect(ran).toContain('sqlite');
  if (process.env.DS_ENGINES_REPORT) console.log(`ran on ${ran.join(', ')}`);
}
