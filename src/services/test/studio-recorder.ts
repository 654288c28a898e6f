/**
 * The recorder: a Try-it exchange becomes a test case, and the backend calls
 * the exchange makes become mock services.
 *
 * The runtime the studio runs is a child process whose outbound calls the
 * studio cannot see, so the recorder sends the same request once more
 * through an engine of its own, in this process, deployed from the project's
 * files, whose HTTP client forwards every call to the real backend and keeps
 * what went out and what came back. A step hook tells which mediator (so
 * which named endpoint) made each call. The case asserts the status and body
 * the Try-it exchange showed; a replay that answered differently is noted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Engine, HeaderMap, createNodeHttpClient, fileRegistry, scanProject, silentLogger, type FlowHooks } from '../../../engine/index.js';
import type { FlowEndpoint, FlowList, FlowNode, NewMockService, NewTestCase, TestRecording, TestTarget } from '../../contract/index.js';
import { NodeCanvasService } from '../canvas/canvas-service.js';

/** One outbound call the replay made. */
export interface RecordedCall {
  /** Step path of the mediator that made it (call, send, callout …). */
  stepPath?: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface Replay {
  status: number;
  body: string;
  calls: RecordedCall[];
}

const MAX_BODY = 16 * 1024 * 1024;
const decoder = new TextDecoder();

function bodyOf(bytes: Uint8Array) {
  return { length: bytes.length, read: async () => bytes, completed: () => bytes };
}

/** Sends the exchange's request through an in-process engine of the project, recording its backend calls. */
export async function replayExchange(root: string, recording: TestRecording): Promise<Replay> {
  const scan = await scanProject(root);
  const inner = createNodeHttpClient({ maxBodyBytes: MAX_BODY });
  const calls: RecordedCall[] = [];
  let currentStep: string | undefined;
  const tracker: FlowHooks = {
    beforeStep(step) {
      currentStep = step.path;
    },
  };
  const engine = new Engine({
    logger: silentLogger,
    hooks: [tracker],
    registry: fileRegistry(scan.resources),
    configProperties: scan.configProperties,
    env: process.env,
    httpClient: {
      async send(req) {
        const stepPath = currentStep;
        const body = req.body === undefined ? new Uint8Array() : req.body instanceof Uint8Array ? req.body : await req.body.read();
        const requestHeaders = Object.fromEntries(req.headers.entries());
        const res = await inner.send({ ...req, body: body.length ? body : undefined });
        const bytes = await res.body.read();
        calls.push({ stepPath, method: req.method.toUpperCase(), url: req.url, requestHeaders, requestBody: decoder.decode(body), status: res.status, responseHeaders: Object.fromEntries(res.headers.entries()), responseBody: decoder.decode(bytes) });
        return { ...res, body: bodyOf(bytes) };
      },
    },
  });
  try {
    const files = await Promise.all(scan.artifacts.map(async (a) => ({ file: a.file, text: await readFile(a.file, 'utf8') })));
    engine.deploy(files);
    const request = recording.request;
    const hasBody = request.body !== undefined && request.body !== '' && !/^(GET|HEAD)$/i.test(request.method);
    const out = await engine.handle({ method: request.method.toUpperCase(), url: request.path, headers: new HeaderMap(request.headers ?? {}), body: bodyOf(hasBody ? new TextEncoder().encode(request.body) : new Uint8Array()), protocol: 'http' });
    const bytes = out.body instanceof Uint8Array ? out.body : await out.body.read();
    await engine.idle();
    return { status: out.status, body: decoder.decode(bytes), calls };
  } finally {
    await inner.close();
  }
}

/** The named endpoint a mediator at `stepPath` calls, read from the artifact's source (the canvas model). */
export async function endpointOfStep(root: string, targets: { kind: string; name: string; file: string }[], stepPath: string): Promise<string | undefined> {
  const owner = /^(api|proxy|sequence|template):([^/]+)/.exec(stepPath);
  if (!owner) return undefined;
  const file = targets.find((t) => t.kind === owner[1] && t.name === owner[2])?.file;
  if (!file) return undefined;
  const text = await readFile(path.join(root, file), 'utf8');
  const model = await new NodeCanvasService().flow(file, text);
  const lists: FlowList[] = model.sections.flatMap((s) => (s.list ? [s.list] : []));
  const find = (nodes: FlowNode[]): FlowNode | undefined => {
    for (const n of nodes) {
      if (n.id === stepPath) return n;
      const inner = find((n.branches ?? []).flatMap((b) => b.nodes));
      if (inner) return inner;
    }
    return undefined;
  };
  const node = find(lists.flatMap((l) => l.nodes));
  const key = (ep: FlowEndpoint | undefined): string | undefined => ep?.key ?? ep?.children?.map(key).find(Boolean);
  return key(node?.endpoint);
}

/** The API or proxy an exchange's path goes to (longest API context wins). */
export function targetOfPath(targets: TestTarget[], contexts: Map<string, string>, requestPath: string): TestTarget | undefined {
  const pathOnly = requestPath.split('?')[0]!;
  const proxy = /^\/services\/([^/?#.]+)/.exec(pathOnly);
  if (proxy) return targets.find((t) => t.kind === 'proxy' && t.name === proxy[1]);
  let best: TestTarget | undefined;
  let bestLength = -1;
  for (const t of targets) {
    const context = contexts.get(t.file);
    if (t.kind !== 'api' || context === undefined) continue;
    if ((pathOnly === context || pathOnly.startsWith(context.endsWith('/') ? context : context + '/')) && context.length > bestLength) {
      best = t;
      bestLength = context.length;
    }
  }
  return best;
}

/** Request headers worth replaying in a test (transport properties); hop-by-hop ones and the like are left out. */
const SKIPPED_REQUEST_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding', 'user-agent', 'transfer-encoding']);
/** Response headers of a backend a mock service gives back. */
const KEPT_RESPONSE_HEADERS = new Set(['content-type']);

/** The test case for the exchange: its request as the input, its status and body as assertions. */
export function caseOfExchange(recording: TestRecording, target: TestTarget, context: string, name: string): NewTestCase {
  const { request, response } = recording;
  const properties = Object.entries(request.headers ?? {})
    .filter(([k]) => !SKIPPED_REQUEST_HEADERS.has(k.toLowerCase()))
    .map(([k, v]) => ({ name: k, scope: 'transport', value: v }));
  const testCase: NewTestCase = { name, properties, assertions: [] };
  if (target.kind === 'api') {
    const rest = request.path.slice(context.replace(/\/$/, '').length);
    testCase.requestPath = rest === '' ? '/' : rest;
    testCase.requestMethod = request.method.toUpperCase();
  }
  if (request.body && !/^(GET|HEAD)$/i.test(request.method)) testCase.payload = request.body;
  testCase.assertions.push({ type: 'assertEquals', actual: '$statusCode', expected: String(response.status), message: `the status is ${response.status}` });
  if (response.body.trim() !== '') testCase.assertions.push({ type: 'assertEquals', actual: '$body', expected: response.body, message: 'the body is the recorded one' });
  return testCase;
}

/** Splits a backend URL into a mock service's context (first path segment) and sub-context (the rest, with the query). */
export function mockAddress(url: string): { context: string; subContext: string } {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean);
  const context = segments.length ? `/${segments[0]}` : '/';
  const rest = segments.length > 1 ? `/${segments.slice(1).join('/')}` : '';
  return { context, subContext: (rest || '/') + u.search };
}

/** Mock services for the recorded calls, one per endpoint; calls by an unnamed (inline) endpoint are returned as notes. */
export function mocksOfCalls(calls: (RecordedCall & { endpoint?: string })[], portFor: (endpoint: string) => number): { mocks: NewMockService[]; notes: string[] } {
  const mocks = new Map<string, NewMockService>();
  const notes: string[] = [];
  for (const call of calls) {
    if (!call.endpoint) {
      notes.push(`${call.method} ${call.url} was made by an endpoint without a name (an inline endpoint): MI's mock services stand in for named endpoints only, so it is not mocked`);
      continue;
    }
    const { context, subContext } = mockAddress(call.url);
    let mock = mocks.get(call.endpoint);
    if (!mock) {
      mock = { serviceName: call.endpoint, port: portFor(call.endpoint), context, resources: [] };
      mocks.set(call.endpoint, mock);
    }
    if (mock.context !== context) {
      notes.push(`${call.endpoint} was called on ${call.url}, outside the context ${mock.context} of its first call: not mocked`);
      continue;
    }
    if (mock.resources.some((r) => r.method === call.method && r.subContext === subContext)) continue;
    const responseHeaders = Object.entries(call.responseHeaders)
      .filter(([k]) => KEPT_RESPONSE_HEADERS.has(k.toLowerCase()))
      .map(([name, value]) => ({ name, value }));
    mock.resources.push({ method: call.method, subContext, statusCode: call.status, responsePayload: call.responseBody, responseHeaders });
  }
  return { mocks: [...mocks.values()], notes };
}
