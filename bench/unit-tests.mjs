#!/usr/bin/env node
// Time to run 100 unit-test cases (10 suites in MI's format) with `mediate test`, beside the
// reference: the same cases driven by hand, as one does without a test runner: `mediate run`
// on the project, the backend stood in for by a mock on the same port, and one `curl` per case.
// Both are measured from the command's start to its last answer (process start, deployment and
// every request included); the report is the ratio. MI itself needs a Maven build and a server
// started with -DsynapseTest for the same suites (see README.md).
// Run after `npm run build`: node bench/unit-tests.mjs [reps=3]
import { execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'bin/mediate.js');
const reps = Number(process.argv[2] ?? 3);
const fixture = path.join(repo, 'src/services/test/fixtures/shop');

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

// ---- the project: the shop fixture's artifacts, the mock on a free port, 10 generated suites ----
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-unit-tests-'));
const mockPort = await freePort();
fs.cpSync(path.join(fixture, 'pom.xml'), path.join(work, 'pom.xml'));
fs.cpSync(path.join(fixture, 'src/main'), path.join(work, 'src/main'), { recursive: true });
const endpointFile = path.join(work, 'src/main/wso2mi/artifacts/endpoints/InventoryEP.xml');
fs.writeFileSync(endpointFile, fs.readFileSync(endpointFile, 'utf8').replace('39471', String(mockPort)));
fs.mkdirSync(path.join(work, 'src/test/wso2mi'), { recursive: true });
fs.mkdirSync(path.join(work, 'src/test/resources/mock-services'), { recursive: true });
const mockXml = fs.readFileSync(path.join(fixture, 'src/test/resources/mock-services/InventoryEPMock.xml'), 'utf8').replace('39471', String(mockPort));
fs.writeFileSync(path.join(work, 'src/test/resources/mock-services/InventoryEPMock.xml'), mockXml);

/** One case: what is sent and what must come back. */
function caseFor(suite, i) {
  if (suite >= 7) {
    const name = `Person${suite}x${i}`;
    return { kind: 'proxy', name: `Greets${i}`, method: 'POST', path: '/services/GreetingProxy', headers: { 'Content-Type': 'application/xml', 'Accept-Language': 'en' }, body: `<person><name>${name}</name></person>`, status: 200, expected: `<greeting><text>Hello ${name}</text><lang>en</lang></greeting>` };
  }
  if (i % 3 === 0) return { kind: 'api', name: `InStock${i}`, method: 'GET', path: '/orders/stock/A1', requestPath: '/stock/A1', headers: {}, status: 200, expected: '{"sku": "A1", "available": true, "count": 5}' };
  if (i % 3 === 1) return { kind: 'api', name: `SoldOut${i}`, method: 'GET', path: '/orders/stock/Z9', requestPath: '/stock/Z9', headers: {}, status: 404, expected: '{"sku": "Z9", "available": false}' };
  const quantity = 2 + suite + i;
  const discount = quantity >= 10 ? 10 : 0;
  const total = (quantity * 2.5 * (100 - discount)) / 100;
  return { kind: 'api', name: `Order${i}`, method: 'POST', path: '/orders', requestPath: '/', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku: 'A1', quantity, unitPrice: 2.5 }), status: 201, expected: JSON.stringify({ sku: 'A1', quantity, discount, total }) };
}

const cases = [];
for (let s = 0; s < 10; s++) {
  const list = Array.from({ length: 10 }, (_, i) => caseFor(s, i));
  cases.push(...list);
  const api = s < 7;
  const xmlCases = list.map((c) => `    <test-case name="${c.name}">
      <input>
${api ? `        <request-path>${c.requestPath}</request-path>\n        <request-method>${c.method}</request-method>\n` : ''}${c.body ? `        <payload><![CDATA[${c.body}]]></payload>\n` : ''}        <properties>
${Object.entries(c.headers).map(([k, v]) => `          <property name="${k}" scope="transport" value="${v}"/>`).join('\n')}
        </properties>
      </input>
      <assertions>
        <assertEquals><actual>$statusCode</actual><expected>${c.status}</expected><message>status</message></assertEquals>
        <assertEquals><actual>$body</actual><expected><![CDATA[${c.expected}]]></expected><message>body</message></assertEquals>
      </assertions>
    </test-case>`).join('\n');
  const artifact = api ? 'apis/OrdersAPI.xml' : 'proxy-services/GreetingProxy.xml';
  const supportive = api ? '<artifact>src/main/wso2mi/artifacts/endpoints/InventoryEP.xml</artifact><artifact>src/main/wso2mi/artifacts/sequences/PriceSequence.xml</artifact>' : '';
  const mocks = api ? '<mock-service>src/test/resources/mock-services/InventoryEPMock.xml</mock-service>' : '';
  fs.writeFileSync(path.join(work, `src/test/wso2mi/Suite${s}.xml`), `<unit-test>
  <artifacts>
    <test-artifact><artifact>src/main/wso2mi/artifacts/${artifact}</artifact></test-artifact>
    <supportive-artifacts>${supportive}</supportive-artifacts>
    <registry-resources/><connector-resources/>
  </artifacts>
  <test-cases>
${xmlCases}
  </test-cases>
  <mock-services>${mocks}</mock-services>
</unit-test>
`);
}

// ---- mediate test ----
function timeMediateTest() {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'test', work, '--reporter', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  const report = JSON.parse(r.stdout);
  if (report.summary.passed !== 100) throw new Error(`mediate test: expected 100 passing cases, got ${JSON.stringify(report.summary)}`);
  return ms;
}

// ---- reference: mediate run + a mock on the same port + one curl per case ----
const mockResources = new Map([['/inventory/items/A1', '{"sku": "A1", "count": 5}'], ['/inventory/items/Z9', '{"sku": "Z9", "count": 0}']]);
async function timeRunAndCurl() {
  const answer = (req, res) => {
    const body = mockResources.get(req.url);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(body ?? '');
  };
  // The endpoint says `localhost`: listen where that may resolve (127.0.0.1 and ::1), as the test runner's mocks do.
  const mock = http.createServer(answer);
  const mock6 = http.createServer(answer);
  await new Promise((r) => mock.listen(mockPort, '127.0.0.1', r));
  await new Promise((r) => mock6.once('error', r).listen(mockPort, '::1', r));
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [cli, 'run', work, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        log += d;
        if (log.includes('runtime ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`mediate run exited ${code}: ${log}`)));
    });
    for (const c of cases) {
      const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', c.method, ...Object.entries(c.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), ...(c.body ? ['--data-binary', c.body] : []), `http://127.0.0.1:${port}${c.path}`];
      // Asynchronous: the mock answers from this process while curl waits.
      const r = await promisify(execFile)('curl', args, { encoding: 'utf8' });
      if (Number(r.stdout) !== c.status) throw new Error(`curl ${c.method} ${c.path}: ${r.stdout} instead of ${c.status}; mediate run said:\n${log}`);
    }
    return performance.now() - start;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => mock.close(r));
    await new Promise((r) => mock6.close(() => r()));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const testTimes = [];
const refTimes = [];
for (let i = 0; i < reps; i++) {
  testTimes.push(timeMediateTest());
  refTimes.push(await timeRunAndCurl());
}
fs.rmSync(work, { recursive: true, force: true });
const t = median(testTimes);
const ref = median(refTimes);
console.log(`100 test cases in 10 suites (median of ${reps}):`);
console.log(`  mediate test (process start to report):              ${t.toFixed(0)} ms`);
console.log(`  mediate run + mock + 100 curl requests (reference):  ${ref.toFixed(0)} ms`);
console.log(`  ratio mediate test / reference: ${(t / ref).toFixed(2)} (below 1 = the test runner is faster than driving the same cases by hand)`);
