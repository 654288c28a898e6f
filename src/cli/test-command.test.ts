/** `mediate test` on the unit-test fixtures: reporters, exit codes, --suite / --case / --out / --coverage. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerTest } from './test-command.js';
import { copyFixture, type FixtureCopy } from '../services/test/fixture-copies.js';
import { parseDocument, childElements, type XmlElement } from '../services/test/xml.js';

async function mediateTest(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  const program = new Command().exitOverride();
  registerTest(program);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'mediate', 'test', ...args]);
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: out.join(''), err: err.join('') };
}

let shop: FixtureCopy;
let broken: FixtureCopy;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-test-cli-'));
beforeAll(async () => {
  shop = await copyFixture('shop');
  broken = await copyFixture('broken');
});
afterAll(() => {
  shop?.remove();
  broken?.remove();
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('mediate test', () => {
  it('text: one line per case, failures with expected, actual and the message, a summary; exit 1 on a failure', async () => {
    const r = await mediateTest(shop.root);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Running 4 test suite(s) of ${shop.root}`);
    expect(r.out).toMatch(/^ {2}PASS {2}ItemInStock \(\d+ ms\)$/m);
    expect(r.out).toMatch(/^ {2}FAIL {2}WrongTotal \(\d+ ms\)$/m);
    expect(r.out).toContain('src/test/wso2mi/FailingOrdersTest.xml:30:17: assertEquals $body: total after the bulk discount\n          expected: {"sku": "A1", "quantity": 10, "discount": 10, "total": 20}\n          actual:   {"sku":"A1","quantity":10,"discount":10,"total":22.5}\n          JSON differs at $.total: expected 20, got 22.5');
    expect(r.out).toMatch(/^Tests: 6 passed, 3 failed, 0 errors \(9 cases in 4 suites\) in \d+ ms$/m);
  }, 60_000);

  it('--suite and --case choose what runs; all passing is exit 0', async () => {
    const r = await mediateTest(shop.root, '--suite', 'src/test/wso2mi/OrdersAPITest.xml', '--case', 'ItemInStock', '--case', 'PlaceBulkOrder');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Tests: 2 passed, 0 failed, 0 errors \(2 cases in 1 suites\)/);
    expect(r.out).not.toContain('ItemSoldOut');
  }, 60_000);

  it('--case alone runs that case wherever it is; suites without it are left out', async () => {
    const r = await mediateTest(shop.root, '--case', 'GreetsInXml', '--reporter', 'json');
    const report = JSON.parse(r.out);
    expect(report.suites.map((s: { file: string }) => s.file)).toEqual(['src/test/wso2mi/GreetingProxyTest.xml']);
    expect([r.code, report.summary.passed]).toEqual([0, 1]);
  }, 60_000);

  it('--reporter junit --out writes JUnit XML with a failure element per failed assertion', async () => {
    const file = path.join(outDir, 'junit.xml');
    const r = await mediateTest(shop.root, '--reporter', 'junit', '--out', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`junit report written to ${file}`);
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    if (!doc.ok) throw new Error(doc.message);
    expect([doc.root.localName, doc.root.getAttribute('tests'), doc.root.getAttribute('failures')]).toEqual(['testsuites', '9', '3']);
    const failing = childElements(doc.root, 'testsuite').find((s) => s.getAttribute('name') === 'src/test/wso2mi/FailingOrdersTest.xml')!;
    const cases = childElements(failing, 'testcase');
    const wrongStatus = cases.find((c: XmlElement) => c.getAttribute('name') === 'WrongStatus')!;
    expect(childElements(wrongStatus, 'failure')[0]!.getAttribute('message')).toBe('$statusCode: A1 should be sold out');
    expect(wrongStatus.getAttribute('classname')).toBe('src.test.wso2mi.FailingOrdersTest');
  }, 60_000);

  it('--reporter json --coverage prints the report with coverage by step path; --coverage-out writes the coverage alone', async () => {
    const covFile = path.join(outDir, 'coverage.json');
    const r = await mediateTest(shop.root, '--suite', 'src/test/wso2mi/PriceSequenceTest.xml', '--reporter', 'json', '--coverage', '--coverage-out', covFile);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.summary).toMatchObject({ cases: 2, passed: 2 });
    const seq = report.coverage.find((c: { artifact: string }) => c.artifact === 'sequence:PriceSequence');
    expect(seq.steps.map((s: { stepPath: string; hits: number }) => [s.stepPath, s.hits])).toContainEqual(['sequence:PriceSequence/2/then/0', 1]);
    expect(JSON.parse(fs.readFileSync(covFile, 'utf8'))).toEqual(report.coverage);
  }, 60_000);

  it('--coverage with text prints the table and the mediators that never ran', async () => {
    const r = await mediateTest(shop.root, '--suite', 'src/test/wso2mi/OrdersAPITest.xml', '--coverage');
    expect(r.out).toMatch(/^api:OrdersAPI +src\/main\/wso2mi\/artifacts\/apis\/OrdersAPI.xml +11 +14 +78\.6$/m);
    expect(r.out).toContain('never ran in api:OrdersAPI: property at 32:13 (api:OrdersAPI/resource[0]/fault/0)');
  }, 60_000);

  it('a suite that cannot be read: exit 2, its file, line and column printed, the other suites still run', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(broken.ports.get(39472)!, '127.0.0.1', () => r()));
    try {
      const r = await mediateTest(broken.root);
      expect(r.code).toBe(2);
      expect(r.out).toContain('  error src/test/wso2mi/MissingArtifactSuite.xml:4:13: ARTIFACT_MISSING artifact not found: src/main/wso2mi/artifacts/sequences/NoSuchSequence.xml');
      expect(r.out).toContain('  error src/test/wso2mi/MalformedAssertionSuite.xml:22:17: ASSERTION_FORMAT <assertEquals> has no <expected> value');
      expect(r.out).toContain(`  error src/test/resources/mock-services/BusyMock.xml:1:1: MOCK_PORT mock service BusyEP cannot start: port ${broken.ports.get(39472)} is already in use`);
      expect(r.out).toMatch(/src\/test\/wso2mi\/GoodSuite.xml \(sequence TagSequence\)\n {2}PASS {2}Tags/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  }, 60_000);

  it('a project that does not exist, or a wrong reporter, is exit 2 with a message', async () => {
    const missing = await mediateTest(path.join(outDir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('project folder not found');
    const bad = await mediateTest(shop.root, '--reporter', 'tap');
    expect([bad.code, bad.err]).toEqual([2, 'error: --reporter must be text, json or junit\n']);
  });
});
