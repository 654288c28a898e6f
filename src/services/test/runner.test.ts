/**
 * The runner end to end on real suites in MI's format (fixtures/shop: an API
 * whose backend is a mock service on a real port, a proxy, a sequence, and a
 * suite of deliberately failing cases; fixtures/broken: suites that cannot
 * run as written beside one that can).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTests, runTests, type TestEvent, type TestRunReport } from './index.js';
import { copyFixture, type FixtureCopy } from './fixture-copies.js';

describe('runTests on the shop fixture', () => {
  let shop: FixtureCopy;
  let report: TestRunReport;
  const events: TestEvent[] = [];

  beforeAll(async () => {
    shop = await copyFixture('shop');
    report = await runTests({ project: shop.root, coverage: true, onEvent: (e) => events.push(e) });
  }, 60_000);
  afterAll(() => shop?.remove());

  const suite = (file: string) => report.suites.find((s) => s.file === `src/test/wso2mi/${file}`)!;
  const testCase = (file: string, name: string) => suite(file).cases.find((c) => c.name === name)!;

  it('runs every suite of the project and counts the cases', () => {
    expect(report.suites.map((s) => s.file)).toEqual(['src/test/wso2mi/FailingOrdersTest.xml', 'src/test/wso2mi/GreetingProxyTest.xml', 'src/test/wso2mi/OrdersAPITest.xml', 'src/test/wso2mi/PriceSequenceTest.xml']);
    expect(report.summary).toEqual({ suites: 4, cases: 9, passed: 6, failed: 3, errors: 0, skipped: 0 });
  });

  it('an API case reaches the mock service standing in for its endpoint', () => {
    const inStock = testCase('OrdersAPITest.xml', 'ItemInStock');
    expect(inStock.status).toBe('passed');
    expect(inStock.response?.status).toBe(200);
    expect(JSON.parse(inStock.response!.body)).toEqual({ sku: 'A1', available: true, count: 5 });
    expect(testCase('OrdersAPITest.xml', 'ItemSoldOut').response?.status).toBe(404);
  });

  it('judges JSON as JSON (key order and layout do not matter) and XML as XML', () => {
    const body = testCase('OrdersAPITest.xml', 'ItemInStock').assertions.find((a) => a.expression === '$body')!;
    expect(body.expected).toContain('"count": 5,');
    expect(body.status).toBe('passed');
    const greeting = testCase('GreetingProxyTest.xml', 'GreetsInXml');
    expect(greeting.status).toBe('passed');
    expect(greeting.assertions.find((a) => a.expression === '$body')!.actual).toMatch(/^<greeting><text>Hello Ann<\/text><lang>en<\/lang><\/greeting>$/);
  });

  it('a sequence case gets its payload and properties in their scopes; $ctx and ${} read the result', () => {
    const bulk = testCase('PriceSequenceTest.xml', 'BulkDiscount');
    expect(bulk.assertions.map((a) => [a.expression, a.actual, a.status])).toEqual([
      ['$ctx:discount', '10', 'passed'],
      ['$body', '{"sku":"B2","quantity":10,"discount":10,"total":22.5}', 'passed'],
      ['$ctx:channel', 'web', 'passed'],
      ['${payload.total}', '22.5', 'passed'],
    ]);
  });

  it('a failing case shows expected and actual, the assertion message and where they differ', () => {
    const wrongTotal = testCase('FailingOrdersTest.xml', 'WrongTotal');
    expect(wrongTotal.status).toBe('failed');
    const [status, body] = wrongTotal.assertions;
    expect(status!.status).toBe('passed');
    expect(body).toMatchObject({ status: 'failed', message: 'total after the bulk discount', reason: 'JSON differs at $.total: expected 20, got 22.5' });
    expect(JSON.parse(body!.actual!)).toMatchObject({ total: 22.5 });
    expect(testCase('FailingOrdersTest.xml', 'WrongStatus').assertions[0]).toMatchObject({ status: 'failed', expected: '404', actual: '200', message: 'A1 should be sold out' });
    expect(testCase('FailingOrdersTest.xml', 'MissingHeader').assertions[0]).toMatchObject({ type: 'assertNotNull', status: 'failed', actual: null, message: 'stock answers carry a total', reason: '$trp:X-Order-Total has no value' });
  });

  it('assertions and cases carry their position in the suite file', () => {
    const wrongStatus = testCase('FailingOrdersTest.xml', 'WrongStatus');
    expect(wrongStatus.position).toEqual({ file: 'src/test/wso2mi/FailingOrdersTest.xml', line: 37, col: 9 });
    expect(wrongStatus.assertions[0]!.position).toMatchObject({ line: 43, col: 17 });
  });

  it('coverage lists every mediator of the deployed artifacts by step path, with the ones that never ran', () => {
    const api = report.coverage!.find((c) => c.artifact === 'api:OrdersAPI')!;
    expect(api.file).toBe('src/main/wso2mi/artifacts/apis/OrdersAPI.xml');
    const faultSteps = api.steps.filter((s) => s.stepPath.startsWith('api:OrdersAPI/resource[0]/fault/'));
    expect(faultSteps.map((s) => [s.kind, s.hits])).toEqual([['property', 0], ['payloadFactory', 0], ['respond', 0]]);
    expect(api.steps.find((s) => s.stepPath === 'api:OrdersAPI/resource[0]/in/1/then/0')).toMatchObject({ kind: 'property', hits: 2 });
    expect(api.steps.find((s) => s.stepPath === 'api:OrdersAPI/resource[0]/in/1/else/0')!.hits).toBe(2);
    expect(api).toMatchObject({ covered: api.total - 3 });
    const seq = report.coverage!.find((c) => c.artifact === 'sequence:PriceSequence')!;
    expect(seq.covered).toBe(seq.total);
    // Per suite: the sequence suite alone ran the bulk branch once.
    const perSuite = suite('PriceSequenceTest.xml').coverage!.find((c) => c.artifact === 'sequence:PriceSequence')!;
    expect(perSuite.steps.find((s) => s.stepPath === 'sequence:PriceSequence/2/then/0')!.hits).toBe(1);
  });

  it('reports the run as events: suites and cases start and finish in order', () => {
    expect(events[0]!.type).toBe('run-started');
    expect(events.at(-1)!.type).toBe('run-finished');
    const names = events.filter((e) => e.type === 'case-finished').map((e) => (e.type === 'case-finished' ? e.result.name : ''));
    expect(names).toEqual(['WrongTotal', 'WrongStatus', 'MissingHeader', 'GreetsInXml', 'ItemInStock', 'ItemSoldOut', 'PlaceBulkOrder', 'BulkDiscount', 'NoDiscount']);
  });
});

describe('choosing what runs', () => {
  it('--suite and --case narrow the run; mocks stop after their suite', async () => {
    const shop = await copyFixture('shop');
    try {
      const report = await runTests({ project: shop.root, suites: ['src/test/wso2mi/OrdersAPITest.xml'], cases: ['ItemSoldOut'] });
      expect(report.suites.map((s) => [s.file, s.cases.map((c) => c.name)])).toEqual([['src/test/wso2mi/OrdersAPITest.xml', ['ItemSoldOut']]]);
      expect(report.summary.passed).toBe(1);
      const port = shop.ports.get(39471)!;
      // The mock is gone once the run is over: the port is free again.
      await new Promise<void>((resolve, reject) => {
        const s = net.createServer().once('error', reject).listen(port, '127.0.0.1', () => s.close(() => resolve()));
      });
    } finally {
      shop.remove();
    }
  }, 60_000);
});

describe('bad input', () => {
  let broken: FixtureCopy;
  let report: TestRunReport;
  let blocker: net.Server;

  beforeAll(async () => {
    broken = await copyFixture('broken');
    blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(broken.ports.get(39472)!, '127.0.0.1', () => r()));
    report = await runTests({ project: broken.root });
  }, 60_000);
  afterAll(async () => {
    await new Promise((r) => blocker.close(r));
    broken.remove();
  });

  const suite = (name: string) => report.suites.find((s) => s.file === `src/test/wso2mi/${name}.xml`)!;

  it('the suite that can run still runs and passes', () => {
    expect(suite('GoodSuite').status).toBe('passed');
    expect(suite('GoodSuite').cases[0]).toMatchObject({ name: 'Tags', status: 'passed' });
  });

  it('a suite naming a missing artifact is reported at the <artifact> element', () => {
    expect(suite('MissingArtifactSuite').status).toBe('error');
    expect(suite('MissingArtifactSuite').problems).toEqual([{ file: 'src/test/wso2mi/MissingArtifactSuite.xml', line: 4, col: 13, code: 'ARTIFACT_MISSING', message: 'artifact not found: src/main/wso2mi/artifacts/sequences/NoSuchSequence.xml' }]);
    expect(suite('MissingArtifactSuite').cases[0]).toMatchObject({ name: 'Tags', status: 'error' });
  });

  it('a suite whose artifact does not compile is reported with the artifact\'s own file, line and column', () => {
    const s = suite('BrokenArtifactSuite');
    expect(s.status).toBe('error');
    expect(s.problems).toEqual([
      {
        file: 'src/test/wso2mi/BrokenArtifactSuite.xml',
        line: 4,
        col: 13,
        code: 'ARTIFACT_BROKEN',
        message: "src/main/wso2mi/artifacts/sequences/BadSequence.xml cannot be deployed: src/main/wso2mi/artifacts/sequences/BadSequence.xml:3:52: SYN007 invalid expression of <property> 'count(//item': XPath syntax error: unexpected end of expression",
      },
    ]);
  });

  it('a malformed assertion spoils its own case only', () => {
    const s = suite('MalformedAssertionSuite');
    expect(s.cases.map((c) => [c.name, c.status])).toEqual([['Tags', 'passed'], ['NoExpected', 'error']]);
    expect(s.problems).toEqual([{ file: 'src/test/wso2mi/MalformedAssertionSuite.xml', line: 22, col: 17, code: 'ASSERTION_FORMAT', message: '<assertEquals> has no <expected> value' }]);
    expect(s.cases[1]!.error).toBe('src/test/wso2mi/MalformedAssertionSuite.xml:22:17: <assertEquals> has no <expected> value');
  });

  it('a mock service whose port is taken stops its suite, naming the mock file and the port', () => {
    const s = suite('PortInUseSuite');
    const port = broken.ports.get(39472)!;
    expect(s.status).toBe('error');
    expect(s.problems).toEqual([{ file: 'src/test/resources/mock-services/BusyMock.xml', line: 1, col: 1, code: 'MOCK_PORT', message: `mock service BusyEP cannot start: port ${port} is already in use` }]);
  });

  it('a suite that is not well-formed XML is reported with line and column', () => {
    const s = suite('NotWellFormedSuite');
    expect(s.status).toBe('error');
    expect(s.problems[0]).toMatchObject({ file: 'src/test/wso2mi/NotWellFormedSuite.xml', line: 9, code: 'SUITE_XML' });
    expect(s.problems[0]!.message).toMatch(/test-case/);
  });

  it('listTests lists the suites with their cases and problems without running them', async () => {
    const suites = await listTests(broken.root);
    expect(suites.map((s) => [s.file, s.cases.map((c) => c.name), s.problems.map((p) => p.code)])).toEqual([
      ['src/test/wso2mi/BrokenArtifactSuite.xml', ['Tags'], []],
      ['src/test/wso2mi/GoodSuite.xml', ['Tags'], []],
      ['src/test/wso2mi/MalformedAssertionSuite.xml', ['Tags', 'NoExpected'], ['ASSERTION_FORMAT']],
      ['src/test/wso2mi/MissingArtifactSuite.xml', ['Tags'], ['ARTIFACT_MISSING']],
      ['src/test/wso2mi/NotWellFormedSuite.xml', [], ['SUITE_XML']],
      ['src/test/wso2mi/PortInUseSuite.xml', ['Tags'], []],
    ]);
    expect(suites[5]!.mockServices[0]).toMatchObject({ name: 'BusyEP', context: '/busy', resources: [{ method: 'GET', subContext: '/' }] });
    expect(suites[1]!.artifact).toEqual({ kind: 'sequence', name: 'TagSequence', file: 'src/main/wso2mi/artifacts/sequences/TagSequence.xml' });
  });
});
