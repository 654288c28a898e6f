/**
 * Conformance runner over the MI documentation corpus (issue 3): one describe
 * per case module under ./cases, deploying through the real engine and
 * asserting the documented results against stand-in backends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadCases, corpusCases, IN_SCOPE, PARTLY_COVERED } from './catalog.js';
import { startCase, type StartedCase } from './runtime.js';
import { renderReport } from './report.js';
import type { CorpusCase } from './case.js';

const cases = await loadCases();

describe('corpus coverage', () => {
  it('every case of the in-scope categories has a case module', () => {
    const expected = IN_SCOPE.flatMap((c) => corpusCases(c));
    const have = new Set(cases.map((c) => c.id));
    expect(expected.filter((id) => !have.has(id))).toEqual([]);
  });

  it('every case module names a corpus case, in a category that is in scope or says what the rest wait for', () => {
    for (const c of cases) {
      const category = c.id.split('/')[0]!;
      expect(corpusCases(category), `${c.id} is not a case folder of ../shared/corpus`).toContain(c.id);
      const known = (IN_SCOPE as readonly string[]).includes(category) || category in PARTLY_COVERED;
      expect(known, `${category}: add it to IN_SCOPE, or to PARTLY_COVERED with what its other cases wait for`).toBe(true);
    }
  });

  it('test/corpus/README.md is up to date (node test/corpus/report.mjs)', () => {
    const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md');
    if (process.env.UPDATE_CORPUS_README === '1') fs.writeFileSync(readme, renderReport(cases));
    expect(fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '').toBe(renderReport(cases));
  });
});

for (const c of cases) {
  describe(`${c.id} [${c.status}]`, () => {
    let t: StartedCase;
    beforeAll(async () => {
      t = await startCase(c);
    });
    afterAll(async () => {
      await t?.close();
    });

    if (c.status === 'pass') {
      it('deploys (only the files MI refuses too are refused)', () => expectDeployment(c, t));
      it('gives the documented results', async () => {
        await withLogs(t, () => c.run(t));
      }, c.timeoutMs);
    } else {
      it(`is not yet supported: ${c.reason}`, async () => {
        if (c.blocker) await c.blocker(t);
        let failure: unknown;
        try {
          expectDeployment(c, t);
          await c.run(t);
        } catch (e) {
          failure = e;
        }
        if (!failure) expect.fail(`${c.id} now passes: promote it to status 'pass' (the reason "${c.reason}" no longer holds) and regenerate the README`);
      });
    }
  });
}

function expectDeployment(c: CorpusCase, t: StartedCase): void {
  const refused = t.refused.filter((r) => !(c.expectRefused ?? []).includes(r.file));
  expect(refused, 'files refused by the deployer').toEqual([]);
  for (const f of c.expectRefused ?? []) expect(t.refused.map((r) => r.file), `${f} should be refused as MI refuses it`).toContain(f);
}

/** Failures carry the runtime's log lines: they usually say why. */
async function withLogs(t: StartedCase, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof Error) e.message += `\n--- runtime log:\n${t.logs().join('\n')}`;
    throw e;
  }
}
