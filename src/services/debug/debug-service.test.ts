/**
 * The debug service over the in-memory transport, against the real runtime in
 * a child process: breakpoints by source line and step path, persisted per
 * project; a paused Try-it request, its payload changed, stepped over a call
 * mediator (after the backend answered) and continued.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startHarness, waitFor, type Harness } from '../test-helpers.js';
import type { DebugState, DebugStateEvent } from '../../contract/index.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as hospital from '../../../test/backends/hospital.mjs';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';
const ENDPOINTS = 'src/main/wso2mi/artifacts/endpoints';

/** 1-based line of the first line containing `text` after the line containing `after`. */
function lineOf(file: string, text: string, after?: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  return lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;
}

describe('debug service', () => {
  let h: Harness;
  let backend: { url: string; close(): Promise<void> };
  const events: DebugStateEvent[] = [];
  const latest = () => events.at(-1)?.state;

  beforeAll(async () => {
    backend = await hospital.start({ port: 0 });
    h = await startHarness({ runtimePort: 0 });
    for (const f of readdirSync(path.join(h.project, ENDPOINTS))) {
      const file = path.join(h.project, ENDPOINTS, f);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('http://localhost:9090', backend.url));
    }
    h.client.on('debug.state', (e) => events.push(e));
    await h.client.service('workspace').openFolder(h.project);
  });
  afterAll(async () => {
    await h?.cleanup();
    await backend?.close();
  });

  it('maps source lines to the runtime step paths of the innermost mediator', async () => {
    const points = await h.client.service('debug').sourcePoints(API);
    const factoryLine = lineOf(path.join(h.project, API), '<payloadFactory', 'uri-template="/health"');
    expect(points.find((p) => p.line === factoryLine)).toMatchObject({ stepPath: 'api:HealthcareAPI/resource[2]/in/0', kind: 'payloadFactory', file: API });
    expect(points.map((p) => p.stepPath)).toContain('api:HealthcareAPI/resource[0]/in/1');
  });

  it('toggles a breakpoint by line, keeps it in .mediate/breakpoints.json, and sets one by step path', async () => {
    const factoryLine = lineOf(path.join(h.project, API), '<payloadFactory', 'uri-template="/health"');
    let state = await h.client.service('debug').toggleBreakpointAtLine(API, factoryLine);
    expect(state.breakpoints).toEqual([{ stepPath: 'api:HealthcareAPI/resource[2]/in/0', file: API, line: factoryLine }]);
    state = await h.client.service('debug').toggleBreakpointAtLine(API, factoryLine);
    expect(state.breakpoints).toEqual([]);
    // A line without a mediator start changes nothing.
    state = await h.client.service('debug').toggleBreakpointAtLine(API, 1);
    expect(state.breakpoints).toEqual([]);
    await h.client.service('debug').toggleBreakpointAtLine(API, factoryLine);
    state = await h.client.service('debug').setBreakpoint('api:HealthcareAPI/resource[0]/in/1');
    expect(state.breakpoints.map((b) => b.stepPath)).toEqual(['api:HealthcareAPI/resource[2]/in/0', 'api:HealthcareAPI/resource[0]/in/1']);
    const stored = JSON.parse(readFileSync(path.join(h.project, '.mediate/breakpoints.json'), 'utf8'));
    expect(stored.breakpoints).toEqual([{ stepPath: 'api:HealthcareAPI/resource[2]/in/0' }, { stepPath: 'api:HealthcareAPI/resource[0]/in/1' }]);
  });

  it('restarts a plain run in debug mode and pauses a request at the breakpoint; the changed payload is the response', async () => {
    // A plain run is restarted with the debugger ports open.
    expect((await h.client.service('runtime').start()).state).toBe('running');
    const state = await h.client.service('debug').start();
    expect(state.active).toBe(true);
    expect(state.commandPort).toBeGreaterThan(0);
    expect(state.breakpoints.every((b) => !b.error)).toBe(true);
    expect((await h.client.service('runtime').status()).state).toBe('running');

    const response = h.client.service('tryit').send({ method: 'GET', path: '/healthcare/health', headers: {} });
    const paused = await waitFor(() => latest()?.paused[0], 'a paused message');
    expect(paused).toMatchObject({ stepPath: 'api:HealthcareAPI/resource[2]/in/0', stepKind: 'payloadFactory', reason: 'breakpoint', artifact: 'api:HealthcareAPI', file: API });

    // Step over the payloadFactory: the payload is the factory's.
    await h.client.service('debug').resume(paused.messageId, 'over');
    await waitFor(() => latest()?.paused.find((p) => p.stepPath === 'api:HealthcareAPI/resource[2]/in/1'), 'the step to respond');
    const details = await h.client.service('debug').details(paused.messageId);
    expect(JSON.parse(details.payload)).toEqual({ status: 'UP', service: 'HealthcareAPI' });
    expect(details.contentType).toBe('application/json');

    const changed = await h.client.service('debug').setPayload(paused.messageId, '{"status":"DEBUGGED"}');
    expect(JSON.parse(changed.payload)).toEqual({ status: 'DEBUGGED' });
    const withProperty = await h.client.service('debug').setProperty(paused.messageId, 'default', 'seenBy', 'debugger');
    expect(withProperty.properties.default.seenBy).toBe('debugger');
    const withVariable = await h.client.service('debug').setVariable(paused.messageId, 'v', '{"n":1}');
    expect(JSON.parse(withVariable.variables.v!)).toEqual({ n: 1 });
    expect((await h.client.service('debug').removeProperty(paused.messageId, 'default', 'seenBy')).properties.default.seenBy).toBeUndefined();

    await h.client.service('debug').resume(paused.messageId, 'continue');
    const answer = await response;
    expect(JSON.parse(answer.body)).toEqual({ status: 'DEBUGGED' });
    await waitFor(() => latest()?.paused.length === 0, 'no paused message');

    const trace = await h.client.service('debug').trace(paused.messageId);
    expect(trace?.steps.map((s) => s.path)).toEqual(['api:HealthcareAPI/resource[2]/in/0', 'api:HealthcareAPI/resource[2]/in/1']);
  });

  it('steps over a call mediator: it pauses again after the backend answered, with its payload', async () => {
    const response = h.client.service('tryit').send({ method: 'GET', path: '/healthcare/doctors/surgery', headers: {} });
    const paused = await waitFor(() => latest()?.paused.find((p) => p.stepPath === 'api:HealthcareAPI/resource[0]/in/1'), 'the pause at the call');
    expect(paused.stepKind).toBe('call');
    await h.client.service('debug').resume(paused.messageId, 'over');
    await waitFor(() => latest()?.paused.find((p) => p.stepPath === 'api:HealthcareAPI/resource[0]/in/2'), 'the pause after the call');
    const details = await h.client.service('debug').details(paused.messageId);
    expect(JSON.parse(details.payload)).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'surgery' })]));
    await h.client.service('debug').resume(paused.messageId, 'continue');
    expect((await response).status).toBe(200);
  });

  it('keeps a conditional breakpoint from stopping messages for which its condition is false, and shows a refused condition', async () => {
    const call = 'api:HealthcareAPI/resource[0]/in/1';
    let state = await h.client.service('debug').setBreakpoint(call, "get-property('uri.var.category') = 'cardiology'");
    expect(state.breakpoints.find((b) => b.stepPath === call)).toEqual(expect.objectContaining({ condition: "get-property('uri.var.category') = 'cardiology'" }));
    expect(state.breakpoints.find((b) => b.stepPath === call)?.error).toBeUndefined();
    const surgery = await h.client.service('tryit').send({ method: 'GET', path: '/healthcare/doctors/surgery', headers: {} });
    expect(surgery.status).toBe(200);
    expect(latest()?.paused ?? []).toEqual([]);

    const response = h.client.service('tryit').send({ method: 'GET', path: '/healthcare/doctors/cardiology', headers: {} });
    const paused = await waitFor(() => latest()?.paused.find((p) => p.stepPath === call), 'the conditional pause');
    await h.client.service('debug').resume(paused.messageId, 'continue');
    expect((await response).status).toBe(200);

    state = await h.client.service('debug').setBreakpoint(call, 'fn:concat(');
    expect(state.breakpoints.find((b) => b.stepPath === call)?.error).toMatch(/invalid condition/);
    state = await h.client.service('debug').setBreakpoint(call);
    expect(state.breakpoints.find((b) => b.stepPath === call)).toEqual({ stepPath: call, file: API, line: lineOf(path.join(h.project, API), '<call>', '/doctors/') });
  });

  it('turns break on fault on and off, kept with the breakpoints', async () => {
    expect((await h.client.service('debug').setBreakOnFault(true)).breakOnFault).toBe(true);
    expect(JSON.parse(readFileSync(path.join(h.project, '.mediate/breakpoints.json'), 'utf8')).breakOnFault).toBe(true);
    expect((await h.client.service('debug').setBreakOnFault(false)).breakOnFault).toBe(false);
  });

  it('reads the breakpoints back after a restart of the backend (persisted per project)', async () => {
    await h.client.service('debug').stop();
    expect((await h.client.service('runtime').status()).state).toBe('stopped');
    const again = await startHarnessOn(h.project);
    try {
      const state: DebugState = await again.client.service('debug').state();
      expect(state.active).toBe(false);
      expect(state.breakpoints.map((b) => b.stepPath)).toEqual(['api:HealthcareAPI/resource[2]/in/0', 'api:HealthcareAPI/resource[0]/in/1']);
    } finally {
      await again.cleanup();
    }
  });
});

/** A second backend on the same project folder (a studio restart). */
async function startHarnessOn(project: string) {
  const second = await startHarness({ runtimePort: 0 });
  await second.client.service('workspace').openFolder(project);
  return second;
}
