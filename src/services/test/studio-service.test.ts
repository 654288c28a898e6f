/**
 * The studio's test service over the in-memory transport, on a copy of the
 * hospital sample, with the real runner: a suite written from the form (a mock
 * service on a free port standing in for HospitalServiceEP) runs and passes,
 * with progress events and coverage by step path; a case added with a wrong
 * expectation fails with expected and actual; a Try-it exchange against the
 * real stand-in backend is recorded (its backend call as a mock) and the
 * recorded case passes with the backend gone; a save re-runs the last
 * selection; and a case run under the debugger pauses at a breakpoint set by
 * step path until it is resumed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startHarness, waitFor, type Harness } from '../test-helpers.js';
import type { DebugStateEvent, TestProgressEvent, TestService } from '../../contract/index.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../../../test/backends/hospital.mjs';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ENDPOINTS = 'src/main/wso2mi/artifacts/endpoints';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe('studio test service', () => {
  let h: Harness;
  let tests: TestService;
  let backendPort: number;
  const progress: TestProgressEvent[] = [];
  const debugEvents: DebugStateEvent[] = [];

  beforeAll(async () => {
    h = await startHarness({ runtimePort: 0 });
    // The endpoints point at a port of this test's own, so no other test's backend or mock answers.
    backendPort = await freePort();
    for (const f of readdirSync(path.join(h.project, ENDPOINTS))) {
      const file = path.join(h.project, ENDPOINTS, f);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('http://localhost:9090', `http://localhost:${backendPort}`));
    }
    h.client.on('test.progress', (e) => progress.push(e));
    h.client.on('debug.state', (e) => debugEvents.push(e));
    await h.client.service('workspace').openFolder(h.project);
    tests = h.client.service('test') as unknown as TestService;
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('writes a suite with a mock service from the form, lists it, runs it with progress and coverage', async () => {
    const targets = await tests.targets();
    const api = targets.find((t) => t.file === API)!;
    expect(api).toMatchObject({ kind: 'api', name: 'HealthcareAPI' });
    expect(api.endpoints.map((e) => e.name).sort()).toEqual(['HospitalServiceEP', 'ReservationEP']);
    expect(api.supportive).toContain('src/main/wso2mi/sequences/HospitalFault.xml'.replace('/sequences', '/artifacts/sequences'));
    expect(api.resources).toContainEqual({ method: 'GET', path: '/doctors/{category}' });

    const mockPort = await freePort();
    const created = await tests.createSuite({
      name: 'Doctors',
      artifact: API,
      cases: [{ name: 'ListSurgeons', requestMethod: 'GET', requestPath: '/doctors/surgery', assertions: [{ type: 'assertEquals', actual: '$statusCode', expected: '200' }, { type: 'assertEquals', actual: '$body', expected: '[{"name": "mock doctor"}]', message: 'the doctors the mock knows' }] }],
      mocks: [{ serviceName: 'HospitalServiceEP', port: mockPort, context: '/healthcare', resources: [{ method: 'GET', subContext: '/surgery', statusCode: 200, responsePayload: '[{"name":"mock doctor"}]', responseHeaders: [{ name: 'Content-Type', value: 'application/json' }] }] }],
    });
    expect(created.suite).toBe('src/test/wso2mi/Doctors.xml');
    expect(created.mocks).toEqual(['src/test/resources/mock-services/HospitalServiceEPMock.xml']);
    await expect(tests.createSuite({ name: 'Doctors', artifact: API, cases: [], mocks: [] })).rejects.toThrow(/already exists/);

    const suites = await tests.list();
    const suite = suites.find((s) => s.file === created.suite)!;
    expect(suite.problems).toEqual([]);
    expect(suite.cases.map((c) => c.name)).toEqual(['ListSurgeons']);
    expect(suite.mockServices[0]).toMatchObject({ name: 'HospitalServiceEP', port: mockPort });

    const result = await tests.run({ suite: created.suite });
    expect(result.summary).toMatchObject({ cases: 1, passed: 1, failed: 0 });
    const types = progress.filter((e) => e.runId === result.runId).map((e) => e.type);
    expect(types).toEqual(['run-started', 'case-started', 'case-finished', 'suite-finished', 'run-finished']);
    const coverage = result.coverage.find((a) => a.artifact === 'api:HealthcareAPI')!;
    const hits = new Map(coverage.steps.map((s) => [s.stepPath, s.hits]));
    expect(hits.get('api:HealthcareAPI/resource[0]/in/1')).toBeGreaterThan(0); // the call of GET /doctors
    expect(hits.get('api:HealthcareAPI/resource[2]/in/0')).toBe(0); // the health check never ran
    expect(await tests.lastRun()).toMatchObject({ runId: result.runId });
  });

  it('adds a case to the suite and reports its failed assertion with expected and actual', async () => {
    await tests.addCase('src/test/wso2mi/Doctors.xml', { name: 'WrongExpectation', requestMethod: 'GET', requestPath: '/doctors/surgery', assertions: [{ type: 'assertEquals', actual: '$body', expected: '[{"name": "someone else"}]', message: 'not the mock doctor' }] });
    await expect(tests.addCase('src/test/wso2mi/Doctors.xml', { name: 'NoAssertions', requestMethod: 'GET', requestPath: '/', assertions: [] })).rejects.toThrow(/at least one assertion/);
    const result = await tests.run({ suite: 'src/test/wso2mi/Doctors.xml', testCase: 'WrongExpectation' });
    expect(result.summary).toMatchObject({ cases: 1, failed: 1 });
    const failed = result.suites[0]!.cases[0]!;
    expect(failed.name).toBe('WrongExpectation');
    const assertion = failed.assertions.find((a) => a.status === 'failed')!;
    expect(assertion).toMatchObject({ expression: '$body', message: 'not the mock doctor' });
    expect(assertion.expected).toContain('someone else');
    expect(assertion.actual).toContain('mock doctor');
  });

  it('records a Try-it exchange as a case whose backend call becomes a mock service, and the case passes without the backend', async () => {
    const backend = await hospital.start({ port: backendPort });
    let response;
    try {
      const res = await fetch(`${backend.url}/healthcare/surgery`);
      const body = await res.text();
      // What Try-it showed for GET /healthcare/doctors/surgery: the API answers the backend's list.
      response = { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body, timeMs: 1 };
      const recorded = await tests.record({ request: { method: 'GET', path: '/healthcare/doctors/surgery', headers: { Accept: 'application/json' } }, response, artifact: API });
      expect(recorded.suite).toBe('src/test/wso2mi/HealthcareAPIRecordedTest.xml'); // recorded cases get a suite of their own
      expect(recorded.testCase).toBe('GET_healthcare_doctors_surgery');
      expect(recorded.mocks).toHaveLength(1);
      expect(recorded.notes).toEqual([]);
      const mock = readFileSync(path.join(h.project, recorded.mocks[0]!), 'utf8');
      expect(mock).toContain('<service-name>HospitalServiceEP</service-name>');
      expect(mock).toContain('<context>/healthcare</context>');
      expect(mock).toContain('<sub-context>/surgery</sub-context>');
      expect(mock).toContain('thomas collins');
    } finally {
      await backend.close();
    }
    // A second exchange (no backend call) joins the same suite.
    const health = await tests.record({ request: { method: 'GET', path: '/healthcare/health', headers: {} }, response: { status: 200, statusText: 'OK', headers: {}, body: '{"status": "UP", "service": "HealthcareAPI"}', timeMs: 1 } });
    expect(health).toMatchObject({ suite: 'src/test/wso2mi/HealthcareAPIRecordedTest.xml', testCase: 'GET_healthcare_health', mocks: [] });
    const result = await tests.run({ suite: 'src/test/wso2mi/HealthcareAPIRecordedTest.xml' });
    expect(result.suites[0]!.problems).toEqual([]);
    expect(result.suites[0]!.cases.map((c) => [c.name, c.status])).toEqual([
      ['GET_healthcare_doctors_surgery', 'passed'],
      ['GET_healthcare_health', 'passed'],
    ]);
  });

  it('re-runs the last selection after a save when re-run on save is on', async () => {
    expect((await tests.setRerunOnSave(true)).rerunOnSave).toBe(true);
    expect(existsSync(path.join(h.project, '.mediate/tests.json'))).toBe(true);
    const before = progress.length;
    const file = path.join(h.project, API);
    writeFileSync(file, readFileSync(file, 'utf8') + '\n');
    const finished = await waitFor(() => progress.slice(before).find((e) => e.type === 'run-finished'), 'a re-run after the save', 15000);
    expect(finished.type === 'run-finished' && finished.result.trigger).toBe('save');
    expect(finished.type === 'run-finished' && finished.result.selection).toEqual({ suite: 'src/test/wso2mi/HealthcareAPIRecordedTest.xml' });
    await tests.setRerunOnSave(false);
  });

  it('pauses a case run under the debugger at a breakpoint set by step path, until it is resumed', async () => {
    const debug = h.client.service('debug');
    await debug.setBreakpoint('api:HealthcareAPI/resource[0]/in/1');
    const before = debugEvents.length;
    const run = tests.run({ suite: 'src/test/wso2mi/Doctors.xml', testCase: 'ListSurgeons' }, { debug: true });
    const paused = await waitFor(() => debugEvents.slice(before).find((e) => e.cause === 'paused'), 'the case to pause', 15000);
    const at = paused.state.paused[0]!;
    expect(at.stepPath).toBe('api:HealthcareAPI/resource[0]/in/1');
    expect(at.file).toBe(API);
    await debug.resume(at.messageId, 'continue');
    const result = await run;
    expect(result.debug).toBe(true);
    expect(result.summary).toMatchObject({ passed: 1 });
    expect((await debug.state()).active).toBe(false); // the studio left the test engine's debugger
    await debug.clearBreakpoint('api:HealthcareAPI/resource[0]/in/1');
  });
});
