/**
 * Runs one test case on the running engine and judges its assertions.
 * API and proxy cases are HTTP requests to the runtime's listener (https
 * cases go to the engine directly as https requests: the embedded listener
 * speaks plain HTTP); sequence cases inject a synthetic message into the
 * sequence in-process, as MI does.
 */
import http from 'node:http';
import { compileExpression, HeaderMap, Message, type Engine } from '../../../engine/index.js';
import type { AssertionResult, TestCaseResult, TestResponse } from './types.js';
import type { AssertionSpec, CaseSpec, ParsedSuite, TestArtifact } from './suite-model.js';
import { planRequest, contentTypeOf, transportHeaders, type PlannedRequest } from './case-input.js';
import { judgeEquals } from './compare.js';
import type { FlowContext, FlowProbe } from './flow-probe.js';

export interface CaseEnvironment {
  engine: Engine;
  port: number;
  agent: http.Agent;
  probe: FlowProbe;
  timeoutMs: number;
}

/** What assertions read after a case ran. */
interface Observed {
  response?: TestResponse;
  ctx?: FlowContext;
  /** The payload of a sequence case after mediation. */
  body?: string | null;
}

export async function runCase(env: CaseEnvironment, suite: ParsedSuite, artifact: TestArtifact, spec: CaseSpec): Promise<TestCaseResult> {
  const started = performance.now();
  const base = { suite: suite.info.file, name: spec.name, position: spec.position };
  const done = (r: Omit<TestCaseResult, 'suite' | 'name' | 'position' | 'durationMs'>): TestCaseResult => ({ ...base, ...r, durationMs: Math.round((performance.now() - started) * 10) / 10 });
  if (spec.problems.length) {
    return done({ status: 'error', assertions: [], error: spec.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n') });
  }
  let observed: Observed;
  try {
    observed = artifact.kind === 'sequence' ? await runSequenceCase(env, artifact, spec) : await runRequestCase(env, artifact, spec);
  } catch (e) {
    return done({ status: 'error', assertions: [], error: `mediation failed: ${e instanceof Error ? e.message : String(e)}` });
  } finally {
    env.probe.stop();
  }
  const assertions = spec.assertions.map((a) => judge(a, observed));
  const status = assertions.every((a) => a.status === 'passed') ? 'passed' : 'failed';
  return done({ status, assertions, response: observed.response });
}

async function runSequenceCase(env: CaseEnvironment, artifact: TestArtifact, spec: CaseSpec): Promise<Observed> {
  const headers = transportHeaders(spec.input);
  const type = contentTypeOf(spec.input, headers, false);
  const payload = spec.input.payload ?? '';
  const message = payload.trim() === '' ? Message.empty() : Message.fromBytes(type, Buffer.from(payload, 'utf8'));
  env.probe.watch(`sequence:${artifact.name}`, spec.input.properties.filter((p) => p.scope !== 'transport'));
  const ctx = await env.engine.inject(artifact.name, message, new HeaderMap(headers));
  return { ctx, body: await bodyOf(ctx) };
}

async function runRequestCase(env: CaseEnvironment, artifact: TestArtifact, spec: CaseSpec): Promise<Observed> {
  const plan = planRequest(artifact, spec.input);
  env.probe.watch(`${artifact.kind}:${artifact.name}`);
  const response = plan.protocol === 'https' ? await viaEngine(env, plan) : await viaHttp(env, plan);
  return { response, ctx: env.probe.last };
}

function viaHttp(env: CaseEnvironment, plan: PlannedRequest): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const body = plan.body === undefined ? undefined : Buffer.from(plan.body, 'utf8');
    const headers: Record<string, string | number> = { ...plan.headers };
    if (body) headers['Content-Length'] = body.length;
    const req = http.request({ host: '127.0.0.1', port: env.port, method: plan.method, path: plan.url, headers, agent: env.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) h[res.rawHeaders[i]!] = res.rawHeaders[i + 1]!;
        resolve({ status: res.statusCode ?? 0, httpVersion: `HTTP/${res.httpVersion}`, headers: h, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(env.timeoutMs, () => req.destroy(new Error(`no response to ${plan.method} ${plan.url} within ${env.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function viaEngine(env: CaseEnvironment, plan: PlannedRequest): Promise<TestResponse> {
  const bytes = Buffer.from(plan.body ?? '', 'utf8');
  const res = await env.engine.handle({ method: plan.method, url: plan.url, headers: new HeaderMap(plan.headers), body: { length: bytes.length, read: async () => bytes }, protocol: 'https', remoteAddress: '127.0.0.1' });
  const body = res.body instanceof Uint8Array ? res.body : await res.body.read();
  const headers: Record<string, string> = {};
  for (const [k, v] of res.headers) headers[k] = v;
  return { status: res.status, httpVersion: 'HTTP/1.1', headers, body: Buffer.from(body).toString('utf8') };
}

/** `$body` of a sequence case: the JSON payload if JSON, else the first body child serialized (text unwrapped), as MI reads it. */
async function bodyOf(ctx: FlowContext): Promise<string | null> {
  const m = ctx.message;
  await m.build();
  switch (m.payloadKind) {
    case 'empty':
      return '';
    case 'json':
      return JSON.stringify(m.json());
    case 'xml': {
      const el = m.bodyElement();
      return el ? String(el) : '';
    }
    default:
      return m.text();
  }
}

function judge(a: AssertionSpec, observed: Observed): AssertionResult {
  let actual: string | null;
  try {
    actual = evaluate(a.expression, observed);
  } catch (e) {
    return { type: a.type, expression: a.expression, expected: a.expected, actual: null, message: a.message, status: 'failed', reason: `cannot evaluate ${a.expression}: ${e instanceof Error ? e.message : String(e)}`, position: a.position };
  }
  const result: AssertionResult = { type: a.type, expression: a.expression, actual, message: a.message, status: 'passed', position: a.position };
  if (a.type === 'assertNotNull') {
    // MI: the value exists (and is not the literal "null").
    if (actual === null || actual === 'null') Object.assign(result, { status: 'failed', reason: `${a.expression} has no value` });
    return result;
  }
  result.expected = a.expected;
  const j = judgeEquals(a.expected ?? '', actual);
  if (!j.equal) Object.assign(result, { status: 'failed', reason: j.reason });
  return result;
}

function evaluate(expression: string, o: Observed): string | null {
  if (expression === '$body') return o.response ? o.response.body : (o.body ?? null);
  if (expression === '$statusCode') return o.response ? String(o.response.status) : null;
  if (expression === '$httpVersion') return o.response ? o.response.httpVersion : null;
  if (expression.startsWith('${')) {
    if (!o.ctx) return null;
    return compileExpression(expression, {}).evaluateString(o.ctx);
  }
  const colon = expression.indexOf(':');
  const prefix = expression.slice(0, colon);
  const name = expression.slice(colon + 1);
  switch (prefix) {
    case '$trp':
    case '$header':
    case '$transport': {
      if (o.response) return Object.entries(o.response.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
      return o.ctx?.getHeader(name) ?? null;
    }
    case '$ctx':
      return stringOf(o.ctx?.getProperty('default', name));
    case '$axis2':
      return stringOf(o.ctx?.getProperty('axis2', name));
    case '$url':
      return o.ctx?.getQueryParam(name) ?? null;
    default:
      return null;
  }
}

function stringOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'object' && 'nodeType' in v) return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return JSON.stringify(v);
}
