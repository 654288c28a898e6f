import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCar } from '../../../engine/index.js';
import { LanguageWorkspace } from './workspace.js';

const shared = path.resolve(__dirname, '../../../../shared');
const SYN = 'http://ws.apache.org/ns/synapse';
const ARTIFACT = /^(api|proxy|sequence|endpoint|localentry|template|messagestore|messageprocessor|task|inboundendpoint)_.*\.xml$/;

/** The case folders of the corpus, each one project. */
function corpusCases(): { dir: string; files: { uri: string; text: string }[] }[] {
  const out: { dir: string; files: { uri: string; text: string }[] }[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && ARTIFACT.test(e.name) && !fs.existsSync(path.join(dir, e.name.replace(/\.xml$/, '.corrected.xml'))))
      .map((e) => {
        const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
        // The docs print some artifacts without the Synapse namespace (the cases say so); MI needs it.
        return { uri: e.name, text: text.includes(SYN) ? text : text.replace(/<([A-Za-z]+)(\s|>|\/)/, `<$1 xmlns="${SYN}"$2`) };
      });
    if (files.length) out.push({ dir: path.relative(shared, dir), files });
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(path.join(shared, 'corpus'));
  return out;
}

/** Codes the language service adds; the engine's own codes are covered by the deployment tests. */
const OWN_CODES = /^SEM/;

describe('language service over the MI documentation corpus and the real CARs', () => {
  const extractRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-language-corpus-'));
  afterAll(() => fs.rmSync(extractRoot, { recursive: true, force: true }));

  it('valid artifacts get no errors and no unknown-attribute warnings from the meaning checks; legacy forms get their deprecation warnings', () => {
    const unexpected: string[] = [];
    const deprecations = new Set<string>();
    for (const c of corpusCases()) {
      const ws = new LanguageWorkspace();
      ws.setProjectFiles(c.files);
      for (const f of c.files) {
        for (const d of ws.diagnostics(f.uri)) {
          if (!OWN_CODES.test(d.code)) continue;
          if (d.code === 'SEM002') deprecations.add(c.dir);
          else if (d.severity === 'error' || d.code === 'SEM006') unexpected.push(`${c.dir}/${f.uri}:${d.range.start.line}:${d.range.start.col} ${d.code} ${d.message}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect([...deprecations]).toEqual(expect.arrayContaining(['corpus/endpoints/dynamic-recipient-list-aggregate']));
  });

  it('the documented broken pages are flagged where the unclosed tag is', () => {
    for (const dir of ['endpoints/dynamic-recipient-list', 'endpoints/dynamic-recipient-list-aggregate']) {
      const text = fs.readFileSync(path.join(shared, 'corpus', dir, 'proxy_RecipientListProxy.xml'), 'utf8');
      const brokenLine = text.split('\n').findIndex((l) => /<\/faultSequence\s*$/.test(l)) + 1;
      expect(brokenLine, dir).toBeGreaterThan(0);
      const ws = new LanguageWorkspace();
      const first = ws.open('p.xml', text).diagnostics[0]!;
      expect(first.severity).toBe('error');
      expect(first.message).toMatch(/faultSequence/);
      // The XML parser reports it at the end of the line before the unclosed end tag.
      expect([brokenLine - 1, brokenLine]).toContain(first.range.start.line);
    }
  });

  it('real CAR artifacts: no meaning-check errors, no unknown-attribute warnings', async () => {
    const carDir = path.join(shared, 'fixtures/car');
    const unexpected: string[] = [];
    for (const car of fs.readdirSync(carDir).filter((f) => f.endsWith('.car'))) {
      const scan = await readCar(path.join(carDir, car), { extractTo: path.join(extractRoot, car) });
      const ws = new LanguageWorkspace();
      const files = scan.artifacts.map((a) => ({ uri: path.relative(scan.root, a.file), text: fs.readFileSync(a.file, 'utf8') }));
      ws.setProjectFiles(files);
      for (const f of files) for (const d of ws.diagnostics(f.uri)) if (OWN_CODES.test(d.code) && (d.severity === 'error' || d.code === 'SEM006')) unexpected.push(`${car}!${f.uri}:${d.range.start.line} ${d.code} ${d.message}`);
    }
    expect(unexpected).toEqual([]);
  }, 60_000);
});
