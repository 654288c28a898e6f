import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testEngine, type TestEngine } from '../testing/harness.js';
import { createNodeHttpClient } from '../node/http-client.js';
import { Debugger, type DebugEvent } from './index.js';
import { propertiesOf, setPropertyOf, envelopeText, variablesOf } from './inspect.js';
// @ts-expect-error plain ESM JavaScript module without type declarations
import * as recording from '../../test/backends/recording.mjs';

type Recording = { url: string; requests: { method: string; path: string; headers: Record<string, string>; body: string; receivedAt: number }[]; close(): Promise<void> };

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

function pauses(dbg: Debugger) {
  const events: DebugEvent[] = [];
  const waiters: { match: (e: DebugEvent) => boolean; resolve: (e: DebugEvent) => void }[] = [];
  dbg.onEvent((e) => {
    events.push(e);
    for (const w of [...waiters]) {
      if (w.match(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  });
  return {
    events,
    /** The next breakpoint event (optionally at a step path). */
    next(stepPath?: string): Promise<Extract<DebugEvent, { event: 'breakpoint' }>> {
      const seen = events.find((e) => e.event === 'breakpoint' && (!stepPath || e.stepPath === stepPath) && dbg.pausedMessages().some((p) => p.messageId === (e as { messageId: string }).messageId && p.stepPath === (e as { stepPath: string }).stepPath));
      if (seen) events.splice(events.indexOf(seen), 1);
      if (seen) return Promise.resolve(seen as Extract<DebugEvent, { event: 'breakpoint' }>);
      return new Promise((resolve) =>
        waiters.push({
          match: (e) => e.event === 'breakpoint' && (!stepPath || e.stepPath === stepPath),
          resolve: (e) => {
            events.splice(events.indexOf(e), 1);
            resolve(e as Extract<DebugEvent, { event: 'breakpoint' }>);
          },
        }),
      );
    },
  };
}

const ordersApi = `<api ${SYN} name="Orders" context="/orders">
  <resource methods="POST" uri-template="/{id}">
    <inSequence>
      <property name="stage" value="one"/>
      <log level="custom"><property name="id" expression="$ctx:uri.var.id"/></log>
      <filter xpath="$ctx:uri.var.id = '1'">
        <then><property name="branch" value="then"/></then>
        <else><property name="branch" value="else"/></else>
      </filter>
      <payloadFactory media-type="json"><format>{"stage":"$1","note":"$2","branch":"$3"}</format><args><arg evaluator="xml" expression="$ctx:stage"/><arg evaluator="json" expression="$.note"/><arg evaluator="xml" expression="$ctx:branch"/></args></payloadFactory>
      <respond/>
    </inSequence>
  </resource>
</api>`;

function apiPoint(position: string, extra: Record<string, unknown> = {}) {
  return { api: { 'api-key': 'Orders', resource: { method: 'POST', 'uri-template': '/{id}' }, 'sequence-type': 'api_inseq', 'mediator-position': position, ...extra } };
}

function post(t: TestEngine, id: string, note: string) {
  return t.request('POST', `/orders/${id}`, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note }) });
}

describe('Debugger: breakpoints on an API resource', () => {
  it('pauses at the mediator, shows properties and payload, and a changed property and Envelope change the response', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Orders.xml': ordersApi }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('1'))).toEqual({ ok: true });

    const response = post(t, '7', 'hello');
    const hit = await p.next();
    expect(hit.stepPath).toBe('api:Orders/resource[0]/in/1');
    expect(hit.point).toEqual({ sequence: { api: { 'api-key': 'Orders', resource: { mapping: '/{id}', method: 'POST' }, 'sequence-type': 'api_inseq', 'mediator-position': '1' } } });
    expect(dbg.pausedMessages().map((m) => m.messageId)).toEqual([hit.messageId]);

    const ctx = dbg.pausedContext()!;
    const synapse = (await propertiesOf(ctx, 'synapse')) as { 'synapse-properties': Record<string, unknown> };
    expect(synapse['synapse-properties']).toMatchObject({ stage: 'one', 'uri.var.id': '7', REST_METHOD: 'POST' });
    const axis2 = (await propertiesOf(ctx, 'axis2')) as { 'axis2-properties': Record<string, unknown> };
    expect(JSON.parse(axis2['axis2-properties'].Envelope as string)).toEqual({ note: 'hello' });
    expect(axis2['axis2-properties'].Direction).toBe('request');

    expect(await setPropertyOf(ctx, 'default', 'stage', 'two')).toBe(true);
    expect(await setPropertyOf(ctx, 'Envelope', 'Envelope', '{"note":"changed"}')).toBe(true);
    expect(JSON.parse(await envelopeText(ctx))).toEqual({ note: 'changed' });
    expect(dbg.resume()).toBe(true);

    const res = await response;
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ stage: 'two', note: 'changed', branch: 'else' });
    expect(p.events.map((e) => e.event)).toEqual(expect.arrayContaining(['started', 'resumed', 'terminated']));
  });

  it('a breakpoint inside a filter\'s then-branch stops only when the branch is taken', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Orders.xml': ordersApi }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('2 1 0'))).toEqual({ ok: true });

    const elseRes = await post(t, '5', 'x');
    expect(elseRes.json()).toMatchObject({ branch: 'else' });
    expect(dbg.pausedMessages()).toEqual([]);

    const thenRes = post(t, '1', 'x');
    const hit = await p.next();
    expect(hit.stepPath).toBe('api:Orders/resource[0]/in/2/then/0');
    expect((hit.point.sequence as { api: Record<string, unknown> }).api['mediator-position']).toBe('2 1 0');
    dbg.resume(hit.messageId);
    expect((await thenRes).json()).toMatchObject({ branch: 'then' });
  });

  it('answers MI\'s failure reasons for a wrong API key, a wrong resource and a position that does not exist', () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Orders.xml': ordersApi }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    expect(dbg.setPoint('breakpoint', 'sequence', { api: { ...apiPoint('0').api, 'api-key': 'Nope' } })).toEqual({ ok: false, reason: 'api not found' });
    expect(dbg.setPoint('breakpoint', 'sequence', { api: { ...apiPoint('0').api, resource: { method: 'GET', 'uri-template': '/{id}' } } })).toEqual({ ok: false, reason: 'api resource not found' });
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('9'))).toEqual({ ok: false, reason: 'non existing mediator position' });
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('2 1 5'))).toEqual({ ok: false, reason: 'non existing mediator position' });
    expect(dbg.setPoint('breakpoint', 'sequence', { 'sequence-type': 'named', 'sequence-key': 'missing', 'mediator-position': '0' })).toEqual({ ok: false, reason: 'non existing sequence' });
    expect(dbg.setPoint('breakpoint', 'template', { 'template-key': 'missing', 'mediator-position': '0' })).toEqual({ ok: false, reason: 'non existing template' });
    expect(dbg.setPoint('breakpoint', 'sequence', { proxy: { 'proxy-key': 'P', 'sequence-type': 'proxy_inseq', 'mediator-position': '0' } })).toEqual({ ok: false, reason: 'proxy not found' });
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('0'))).toEqual({ ok: true });
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('0'))).toEqual({ ok: false, reason: 'already breakpoint enabled at mediator position' });
    expect(dbg.clearPoint('breakpoint', 'sequence', apiPoint('0'))).toEqual({ ok: true });
    expect(dbg.clearPoint('breakpoint', 'sequence', apiPoint('0'))).toEqual({ ok: false, reason: 'already breakpoint disabled at mediator position' });
    expect(dbg.clearPoint('skip', 'sequence', apiPoint('0'))).toEqual({ ok: false, reason: 'already skip disabled at mediator position' });
  });
});

describe('Debugger: skip points and conditional breakpoints', () => {
  it('a skip point skips the mediator and reports a skip event; clearing it runs the mediator again', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Orders.xml': ordersApi }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    expect(dbg.setPoint('skip', 'sequence', apiPoint('0'))).toEqual({ ok: true });
    expect((await post(t, '3', 'n')).json()).toEqual({ stage: '', note: 'n', branch: 'else' });
    const skip = p.events.find((e) => e.event === 'skip');
    expect(skip).toMatchObject({ stepPath: 'api:Orders/resource[0]/in/0', point: { sequence: { api: { 'mediator-position': '0' } } } });
    expect(dbg.setPoint('skip', 'sequence', apiPoint('0'))).toEqual({ ok: false, reason: 'already skip enabled at mediator position' });
    expect(dbg.clearPoint('skip', 'sequence', apiPoint('0'))).toEqual({ ok: true });
    expect((await post(t, '3', 'n')).json()).toEqual({ stage: 'one', note: 'n', branch: 'else' });
  });

  it('a conditional breakpoint pauses only messages for which its expression is true', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Orders.xml': ordersApi }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('1'), { condition: "${payload.note == 'stop'}" })).toEqual({ ok: true });
    expect((await post(t, '3', 'go')).json()).toMatchObject({ note: 'go' });
    expect(dbg.pausedMessages()).toEqual([]);
    const stopped = post(t, '3', 'stop');
    const hit = await p.next();
    expect(hit.reason).toBe('breakpoint');
    dbg.resume(hit.messageId);
    expect((await stopped).json()).toMatchObject({ note: 'stop' });
    expect(dbg.setPoint('breakpoint', 'sequence', apiPoint('1'), { condition: '${payload.' }).ok).toBe(false);
  });
});

describe('Debugger: several paused messages', () => {
  it('two messages pause independently, each with its own id, while a third request without a breakpoint is served', async () => {
    const twoResources = `<api ${SYN} name="Two" context="/two">
      <resource methods="GET" uri-template="/slow"><inSequence><property name="r" value="slow"/><payloadFactory media-type="json"><format>{"r":"$1"}</format><args><arg evaluator="xml" expression="$ctx:r"/></args></payloadFactory><respond/></inSequence></resource>
      <resource methods="GET" uri-template="/fast"><inSequence><payloadFactory media-type="json"><format>{"r":"fast"}</format><args/></payloadFactory><respond/></inSequence></resource>
    </api>`;
    const dbg = new Debugger();
    const t = testEngine({ 'Two.xml': twoResources }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    expect(dbg.setPoint('breakpoint', 'sequence', { api: { 'api-key': 'Two', resource: { method: 'GET', 'uri-template': '/slow' }, 'sequence-type': 'api_inseq', 'mediator-position': '1' } })).toEqual({ ok: true });
    const first = t.request('GET', '/two/slow');
    const hit1 = await p.next();
    const second = t.request('GET', '/two/slow');
    const hit2 = await p.next();
    expect(hit1.messageId).not.toBe(hit2.messageId);
    expect(dbg.pausedMessages().map((m) => m.messageId).sort()).toEqual([hit1.messageId, hit2.messageId].sort());

    expect((await t.request('GET', '/two/fast')).json()).toEqual({ r: 'fast' });

    // Change only the second, resume it first: the first stays paused.
    await setPropertyOf(dbg.pausedContext(hit2.messageId)!, 'default', 'r', 'second');
    dbg.resume(hit2.messageId);
    expect((await second).json()).toEqual({ r: 'second' });
    expect(dbg.pausedMessages().map((m) => m.messageId)).toEqual([hit1.messageId]);
    dbg.resume(hit1.messageId);
    expect((await first).json()).toEqual({ r: 'slow' });
  });
});

describe('Debugger: stepping', () => {
  let backend: Recording;
  const httpClient = createNodeHttpClient({ maxBodyBytes: 1 << 24 });
  beforeAll(async () => {
    backend = await recording.start({ port: 0, routes: { 'POST /orders': (req: { body: string }) => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: { received: JSON.parse(req.body), at: Date.now() } }) } });
  });
  afterAll(async () => {
    await backend.close();
    await httpClient.close();
  });

  const callApi = () => `<api ${SYN} name="Calls" context="/calls">
    <resource methods="POST" uri-template="/">
      <inSequence>
        <property name="X-Trace" value="original" scope="transport"/>
        <call><endpoint><http method="post" uri-template="${backend.url}/orders"/></endpoint></call>
        <property name="afterCall" expression="json-eval($.received.item)"/>
        <sequence key="Enrich"/>
        <respond/>
      </inSequence>
    </resource>
  </api>`;
  const enrich = `<sequence ${SYN} name="Enrich"><property name="enriched" value="yes"/><log level="custom"><property name="m" value="enriched"/></log></sequence>`;
  const callsPoint = (position: string) => ({ api: { 'api-key': 'Calls', resource: { method: 'POST', 'uri-template': '/' }, 'sequence-type': 'api_inseq', 'mediator-position': position } });

  it('step over a call mediator pauses at the next mediator after the backend answered (not inside the call)', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Calls.xml': callApi(), 'Enrich.xml': enrich }, { hooks: [dbg], httpClient });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    dbg.setPoint('breakpoint', 'sequence', callsPoint('1'));
    const before = backend.requests.length;
    const res = t.request('POST', '/calls', { headers: { 'Content-Type': 'application/json' }, body: '{"item":"book"}' });
    const atCall = await p.next();
    expect(atCall.stepPath).toBe('api:Calls/resource[0]/in/1');
    expect(backend.requests.length).toBe(before);

    // While paused before the call: the changed header and envelope are what the backend receives.
    const ctx = dbg.pausedContext(atCall.messageId)!;
    await setPropertyOf(ctx, 'transport', 'X-Trace', 'changed-by-debugger');
    await setPropertyOf(ctx, 'Envelope', 'Envelope', '{"item":"pen"}');
    dbg.resume(atCall.messageId, 'over');

    const afterCall = await p.next();
    expect(afterCall.reason).toBe('step');
    expect(afterCall.stepPath).toBe('api:Calls/resource[0]/in/2');
    expect(backend.requests.length).toBe(before + 1);
    const received = backend.requests[backend.requests.length - 1]!;
    expect(received.headers['x-trace']).toBe('changed-by-debugger');
    expect(JSON.parse(received.body)).toEqual({ item: 'pen' });
    // Paused after the call: the payload is already the backend's answer.
    expect(JSON.parse(await envelopeText(dbg.pausedContext()!))).toMatchObject({ received: { item: 'pen' } });

    dbg.resume(afterCall.messageId);
    expect((await res).status).toBe(200);
  });

  it('step into enters a named sequence; step out returns to the caller\'s next mediator', async () => {
    const dbg = new Debugger();
    const t = testEngine({ 'Calls.xml': callApi(), 'Enrich.xml': enrich }, { hooks: [dbg], httpClient });
    dbg.useEngine(t.engine);
    const p = pauses(dbg);
    dbg.setPoint('breakpoint', 'sequence', callsPoint('3'));
    const res = t.request('POST', '/calls', { headers: { 'Content-Type': 'application/json' }, body: '{"item":"cup"}' });
    const atSeq = await p.next();
    expect(atSeq.stepPath).toBe('api:Calls/resource[0]/in/3');
    expect((await propertiesOf(dbg.pausedContext()!, 'default')) as object).toMatchObject({ 'synapse-properties': { afterCall: 'cup' } });

    dbg.resume(atSeq.messageId, 'into');
    const inside = await p.next();
    expect(inside.stepPath).toBe('sequence:Enrich/0');
    expect(inside.point).toEqual({ sequence: { 'sequence-type': 'named', 'sequence-key': 'Enrich', 'mediator-position': '0' } });

    dbg.resume(inside.messageId, 'over');
    expect((await p.next()).stepPath).toBe('sequence:Enrich/1');

    dbg.resume(inside.messageId, 'out');
    const back = await p.next();
    expect(back.stepPath).toBe('api:Calls/resource[0]/in/4');
    expect(variablesOf(dbg.pausedContext()!)).toEqual({});
    dbg.resume(back.messageId);
    expect((await res).status).toBe(200);
  });

  it('records a trace of the message: each step, its payloads, property changes and duration', async () => {
    const dbg = new Debugger({ traceLimit: 2 });
    const t = testEngine({ 'Calls.xml': callApi(), 'Enrich.xml': enrich }, { hooks: [dbg], httpClient });
    dbg.useEngine(t.engine);
    await t.request('POST', '/calls', { headers: { 'Content-Type': 'application/json' }, body: '{"item":"a"}' });
    await t.request('POST', '/calls', { headers: { 'Content-Type': 'application/json' }, body: '{"item":"b"}' });
    const res = await t.request('POST', '/calls', { headers: { 'Content-Type': 'application/json' }, body: '{"item":"c"}' });
    expect(res.status).toBe(200);
    const traces = dbg.traces();
    expect(traces).toHaveLength(2);
    const last = traces[1]!;
    expect(last.endedAt).toBeDefined();
    expect(last.steps.map((s) => s.path)).toEqual([
      'api:Calls/resource[0]/in/0',
      'api:Calls/resource[0]/in/1',
      'api:Calls/resource[0]/in/2',
      'api:Calls/resource[0]/in/3',
      'sequence:Enrich/0',
      'sequence:Enrich/1',
      'api:Calls/resource[0]/in/4',
    ]);
    const call = last.steps[1]!;
    expect(call.kind).toBe('call');
    // Nothing read the request body before the call: it passed through unread, and the trace says so.
    expect(call.input.kind).toBe('unbuilt');
    // The call's answer is still a stream when the call ends (pass-through); the next, content-aware step shows it.
    expect(call.output!.kind).toBe('unbuilt');
    expect(JSON.parse(last.steps[2]!.input.text)).toMatchObject({ received: { item: 'c' } });
    expect(last.steps[0]!.propertyChanges).toEqual([{ scope: 'transport', name: 'X-Trace', after: 'original' }]);
    expect(last.steps[2]!.propertyChanges).toEqual([{ scope: 'default', name: 'afterCall', after: 'c' }]);
    expect(last.steps.every((s) => s.durationMs >= 0 && s.outcome !== 'running')).toBe(true);
    expect(last.steps[6]!.outcome).toBe('halt');
  });
});

describe('Debugger: break on fault', () => {
  it('pauses at the failing mediator with ERROR_* set, then the fault sequence runs', async () => {
    const api = `<api ${SYN} name="F" context="/f"><resource methods="GET" uri-template="/"><inSequence>
      <call><endpoint><http method="get" uri-template="http://127.0.0.1:1/nothing"/></endpoint></call>
      <respond/>
    </inSequence><faultSequence><payloadFactory media-type="json"><format>{"fault":"$1"}</format><args><arg evaluator="xml" expression="$ctx:ERROR_CODE"/></args></payloadFactory><respond/></faultSequence></resource></api>`;
    const dbg = new Debugger();
    const t = testEngine({ 'F.xml': api }, { hooks: [dbg] });
    dbg.useEngine(t.engine);
    dbg.breakOnFault = true;
    const p = pauses(dbg);
    const res = t.request('GET', '/f');
    const hit = await p.next();
    expect(hit.reason).toBe('fault');
    expect(hit.stepPath).toBe('api:F/resource[0]/in/0');
    const props = (await propertiesOf(dbg.pausedContext()!, 'default')) as { 'synapse-properties': Record<string, unknown> };
    expect(props['synapse-properties'].ERROR_CODE).toBe(101503);
    dbg.resume(hit.messageId);
    expect((await res).json()).toEqual({ fault: '101503' });
    const trace = dbg.traces()[0]!;
    expect(trace.steps[0]).toMatchObject({ path: 'api:F/resource[0]/in/0', outcome: 'fault' });
    expect(trace.steps.at(-1)!.path).toBe('api:F/resource[0]/fault/1');
  });
});
