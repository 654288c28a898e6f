/**
 * Fault injection against the runtime over real sockets: each misbehaving backend (see
 * bad-backends.ts) is called by an endpoint of a deployed API, and the test checks what a
 * user of MI relies on: the error ends in MI's ERROR_CODE, the fault sequence answers, the
 * endpoint is suspended as configured (and not called while suspended, and called again
 * after), and the runtime goes on serving the next request.
 *
 * MI's codes (passthru TargetHandler and ErrorCodes): 101503 connection failed (refused, or a
 * host that does not resolve), 101504 timeout, 101505 the backend closed the connection
 * before the response was complete, 101000 an I/O error such as a reset connection, 101506
 * a response that is not HTTP. A 5xx is an answer, not a fault: MI hands it to the flow.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger, startRuntimeHost, type RuntimeHost } from '../../engine/index.js';
import { startBadBackend, type BadBackend, type Fault } from './bad-backends.js';
import { addressEndpoint, writeFaultProject, type EndpointSpec } from './fault-project.js';

/** Short, so suspension and its end both fit in a test; well above a local round trip. */
const SUSPEND_MS = 300;
const ENDPOINT_TIMEOUT_MS = 250;
const MAX_BODY_BYTES = 64 * 1024;

interface Case {
  fault: Fault;
  code: number;
}
const CASES: Case[] = [
  { fault: 'slow', code: 101504 },
  { fault: 'never-answers', code: 101504 },
  { fault: 'reset', code: 101000 },
  { fault: 'garbage', code: 101506 },
];
/** Faults after the response headers: the call itself succeeded, the body then breaks off. */
const BODY_FAULTS = ['close-after-headers', 'truncated-body'] as const;

const backends = new Map<string, BadBackend>();
let host: RuntimeHost;
let base: string;
const logger = new MemoryLogger();

beforeAll(async () => {
  const specs: EndpointSpec[] = [];
  for (const c of CASES) {
    const b = await startBadBackend(c.fault, { slowMs: ENDPOINT_TIMEOUT_MS * 5 });
    backends.set(c.fault, b);
    // One endpoint per flow shape, so each test starts with an endpoint no other test suspended.
    for (const name of [c.fault, `${c.fault}-2`]) specs.push({ name, url: b.url, timeoutMs: ENDPOINT_TIMEOUT_MS, suspendCodes: String(c.code), suspendMs: SUSPEND_MS });
  }
  for (const fault of ['healthy', 'server-error', 'oversized-body', ...BODY_FAULTS] as const) {
    const b = await startBadBackend(fault, { oversizedBytes: MAX_BODY_BYTES * 4 });
    backends.set(fault, b);
    specs.push({ name: fault, url: b.url, timeoutMs: ENDPOINT_TIMEOUT_MS, suspendCodes: '-1', suspendMs: 0 });
  }
  // Nothing listens on port 1; `.invalid` never resolves (RFC 6761).
  specs.push({ name: 'refused', url: 'http://127.0.0.1:1/backend', suspendCodes: '101503', suspendMs: SUSPEND_MS });
  specs.push({ name: 'unresolvable', url: 'http://backend.mediate-fault.invalid:8080/backend', suspendCodes: '101503', suspendMs: SUSPEND_MS });
  // A failover group whose first member never answers: the second serves, the first is suspended.
  const failover = `<endpoint xmlns="http://ws.apache.org/ns/synapse" name="failoverEP"><failover>
    ${addressEndpoint({ url: backends.get('never-answers')!.url, timeoutMs: ENDPOINT_TIMEOUT_MS, suspendCodes: '101504', suspendMs: 60_000 }, 'silentMember')}
    ${addressEndpoint({ url: backends.get('healthy')!.url, suspendCodes: '-1', suspendMs: 0 }, 'healthyMember')}
  </failover></endpoint>`;
  specs.push({ name: 'failover', url: '', suspendCodes: '', suspendMs: 0, xml: failover });
  specs.push({ name: 'flaky', url: backends.get('reset')!.url, suspendCodes: '101000', suspendMs: SUSPEND_MS, markCodes: '101000', retriesBeforeSuspension: 1 });
  host = await startRuntimeHost({ sources: [writeFaultProject(specs)], port: 0, host: '127.0.0.1', logger, maxBodyBytes: MAX_BODY_BYTES, env: {} });
  expect(host.initial.failed).toEqual([]);
  base = `http://127.0.0.1:${host.port}/fi`;
});

afterAll(async () => {
  await host?.close();
  for (const b of backends.values()) await b.close();
});

interface Reply {
  status: number;
  body: string;
}

/** One request on a fresh connection; a connection the runtime breaks off is an outcome too. */
function send(path: string, body = '{"order":{"id":1}}'): Promise<Reply | { broken: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${path}`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' }, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      res.on('error', (e) => resolve({ broken: e.message }));
      res.on('aborted', () => resolve({ broken: 'aborted' }));
    });
    req.on('timeout', () => req.destroy(new Error('client time-out')));
    req.on('error', (e) => resolve({ broken: e.message }));
    req.end(body);
  });
}

async function reply(path: string): Promise<Reply> {
  const r = await send(path);
  if ('broken' in r) throw new Error(`${path}: the runtime broke the connection off (${r.broken})`);
  return r;
}

/** What the fault sequence answered: MI's ERROR_CODE and ERROR_MESSAGE. */
async function faultReport(path: string): Promise<{ code: number; message: string }> {
  const r = await reply(path);
  expect(r.status, `${path}: ${r.body}`).toBe(502);
  const parsed = JSON.parse(r.body) as { code: string; message: string };
  return { code: Number(parsed.code), message: parsed.message };
}

async function expectNextRequestServed(): Promise<void> {
  const ok = await reply('/healthy');
  expect(ok).toEqual({ status: 200, body: '{"ok":true}' });
}

/** Polls `condition` every 20 ms until it holds, for at most 5 s. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never true: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls (bounded) until `path` reaches its backend again after a suspension. */
async function untilCalledAgain(path: string, backend: { connections: number; requests: number }, seen: number): Promise<{ code: number; message: string }> {
  const deadline = Date.now() + SUSPEND_MS * 10;
  for (;;) {
    const report = await faultReport(path);
    if (backend.requests > seen || report.code !== 303001) return report;
    if (Date.now() > deadline) throw new Error(`${path} was never tried again after its suspension`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a misbehaving backend', () => {
  describe.each(CASES)('that is $fault', ({ fault, code }) => {
    it.each([
      ['passing the answer through', ''],
      ['reading the answer', '-2/read'],
    ])(`ends in ERROR_CODE ${code} and the fault sequence, suspends the endpoint, and the next request is served (flow %s)`, async (_shape, suffix) => {
      const backend = backends.get(fault)!;
      const path = `/${fault}${suffix}`;
      const before = backend.requests;
      expect(await faultReport(path)).toMatchObject({ code });
      // On a loaded machine the endpoint's timer can fire before the request has reached the backend.
      await eventually(() => backend.requests === before + 1, `${path} reached its backend`);
      await expectNextRequestServed();

      // Suspended: answered at once with 303001, the backend is not called.
      const suspended = await faultReport(path);
      expect(suspended.code).toBe(303001);
      expect(suspended.message).toContain('SUSPENDED');
      expect(backend.requests).toBe(before + 1);

      // After the suspension it is called again, and fails the same way.
      expect((await untilCalledAgain(path, backend, before + 1)).code).toBe(code);
      await expectNextRequestServed();
    });
  });

  describe.each(BODY_FAULTS)('that is %s (the response breaks off after its headers)', (fault) => {
    it('breaks off the response to a client it was streaming to, rather than end it as if complete', async () => {
      const outcome = await send(`/${fault}`);
      expect(outcome).toHaveProperty('broken');
      await expectNextRequestServed();
    });

    it('faults a mediator that reads the body with ERROR_CODE 101505, and the fault sequence answers', async () => {
      const backend = backends.get(fault)!;
      const before = backend.requests;
      for (let i = 0; i < 2; i++) expect((await faultReport(`/${fault}/read`)).code).toBe(101505);
      // The call was answered, so the endpoint is not suspended: both requests reached it.
      expect(backend.requests).toBe(before + 2);
      await expectNextRequestServed();
    });
  });

  it.each([
    ['refused', 'a port nothing listens on'],
    ['unresolvable', 'a host name that does not resolve'],
  ])('%s (%s) ends in ERROR_CODE 101503 and suspends the endpoint', async (name) => {
    expect((await faultReport(`/${name}`)).code).toBe(101503);
    expect((await faultReport(`/${name}`)).code).toBe(303001);
    await expectNextRequestServed();
  });

  it('answering 5xx is passed to the flow as an answer: no fault, no suspension', async () => {
    const backend = backends.get('server-error')!;
    for (let i = 0; i < 2; i++) {
      expect(await reply('/server-error')).toEqual({ status: 503, body: '{"error":"backend broke"}' });
      expect(await reply('/server-error/read')).toEqual({ status: 503, body: '{"error":"backend broke"}' });
    }
    expect(backend.requests).toBe(4);
    await expectNextRequestServed();
  });

  it('sending a body beyond the body limit is refused to a mediator that reads it, and streams through untouched', async () => {
    const big = await reply('/oversized-body');
    expect(big.status).toBe(200);
    expect(big.body.length).toBe(MAX_BODY_BYTES * 4 + '{"pad":""}'.length);
    const refused = await send('/oversized-body/read');
    expect(refused).toMatchObject({ status: 413 });
    await expectNextRequestServed();
  });

  it('that never answers, first in a failover group: the next member serves, and the silent one is left out while suspended', async () => {
    const silent = backends.get('never-answers')!;
    const before = silent.requests;
    expect(await reply('/failover')).toEqual({ status: 200, body: '{"ok":true}' });
    await eventually(() => silent.requests === before + 1, 'the silent member was tried first');
    expect(await reply('/failover/read')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(silent.requests).toBe(before + 1);
  });

  it('that never answers does not hold up other requests: 20 at once fault, a healthy call meanwhile is served', async () => {
    const waiting = Array.from({ length: 20 }, () => send('/never-answers-2'));
    await expectNextRequestServed();
    const outcomes = await Promise.all(waiting);
    for (const o of outcomes) {
      expect(o).toMatchObject({ status: 502 });
      expect([101504, 303001]).toContain(Number(JSON.parse((o as Reply).body).code));
    }
    await expectNextRequestServed();
  });

  it('with markForSuspension and one retry: the first failure leaves it in TIMEOUT (still called), the second suspends it', async () => {
    const backend = backends.get('reset')!;
    const before = backend.requests;
    expect((await faultReport('/flaky')).code).toBe(101000);
    expect((await faultReport('/flaky')).code).toBe(101000);
    expect(backend.requests).toBe(before + 2);
    expect((await faultReport('/flaky')).code).toBe(303001);
    expect(backend.requests).toBe(before + 2);
    await expectNextRequestServed();
  });
});
