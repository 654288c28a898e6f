import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { HeaderMap } from '../../core/headers.js';
import { utf8 } from '../../core/bytes.js';
import type { HttpClient } from '../../core/transport.js';

const NS = 'xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" xmlns:throttle="http://www.wso2.org/products/wso2commons/throttle"';
function policy(opts: { concurrent?: number; count?: number; unit?: number; prohibit?: number }): string {
  const control =
    opts.count !== undefined
      ? `<wsp:Policy><throttle:ID throttle:type="IP">other</throttle:ID><wsp:Policy><throttle:Control><wsp:Policy><throttle:MaximumCount>${opts.count}</throttle:MaximumCount><throttle:UnitTime>${opts.unit}</throttle:UnitTime>${opts.prohibit !== undefined ? `<throttle:ProhibitTimePeriod wsp:Optional="true">${opts.prohibit}</throttle:ProhibitTimePeriod>` : ''}</wsp:Policy></throttle:Control></wsp:Policy></wsp:Policy>`
      : '';
  const concurrent = opts.concurrent !== undefined ? `<throttle:MaximumConcurrentAccess>${opts.concurrent}</throttle:MaximumConcurrentAccess>` : '';
  return `<wsp:Policy ${NS}><throttle:MediatorThrottleAssertion>${concurrent}${control}</throttle:MediatorThrottleAssertion></wsp:Policy>`;
}
const accepted = '<onAccept><payloadFactory media-type="json"><format>{"ok":true}</format><args/></payloadFactory><respond/></onAccept>';
const rejected = '<onReject><payloadFactory media-type="json"><format>{"ok":false}</format><args/></payloadFactory><property name="HTTP_SC" value="429" scope="axis2"/><respond/></onReject>';

describe('throttle mediator', () => {
  it('round-trips inline and keyed forms', () => {
    roundTrip(`<throttle id="A"><policy>${policy({ concurrent: 2, count: 4, unit: 800000, prohibit: 10000 })}</policy>${accepted}${rejected}</throttle>`);
    roundTrip('<throttle id="B" onAccept="okSeq" onReject="noSeq"><policy key="gov:throttle/policy.xml"/></throttle>');
  });

  it('admits MaximumCount requests per unit time, then rejects until ProhibitTimePeriod has passed', async () => {
    let now = 1_000_000;
    const t = testEngine({ 'api.xml': apiWith(`<throttle id="rate"><policy>${policy({ count: 2, unit: 60000, prohibit: 5000 })}</policy>${accepted}${rejected}</throttle>`) }, { now: () => now });
    const send = async () => (await t.request('GET', '/test')).status;
    expect([await send(), await send(), await send()]).toEqual([200, 200, 429]);
    now += 4000;
    expect(await send()).toBe(429);
    now += 1500;
    expect(await send()).toBe(200);
  });

  it('without ProhibitTimePeriod, rejects until the unit time ends', async () => {
    let now = 0;
    const t = testEngine({ 'api.xml': apiWith(`<throttle id="rate"><policy>${policy({ count: 1, unit: 1000 })}</policy>${accepted}${rejected}</throttle>`) }, { now: () => now });
    expect((await t.request('GET', '/test')).status).toBe(200);
    now = 999;
    expect((await t.request('GET', '/test')).status).toBe(429);
    now = 1000;
    expect((await t.request('GET', '/test')).status).toBe(200);
  });

  it('limits concurrent requests and frees the slot when the accepted branch ends', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slowClient: HttpClient = {
      async send() {
        await gate;
        const body = utf8('{"backend":true}');
        return { status: 200, statusText: 'OK', headers: new HeaderMap({ 'Content-Type': 'application/json' }), body: { length: body.length, read: async () => body } };
      },
    };
    const t = testEngine(
      { 'api.xml': apiWith(`<throttle id="conc"><policy>${policy({ concurrent: 1 })}</policy><onAccept><call><endpoint><http method="get" uri-template="http://backend.test/x"/></endpoint></call><respond/></onAccept>${rejected}</throttle>`) },
      { httpClient: slowClient },
    );
    const first = t.request('GET', '/test');
    await new Promise((r) => setTimeout(r, 20));
    const second = await t.request('GET', '/test');
    expect(second.status).toBe(429);
    release();
    expect((await first).json()).toEqual({ backend: true });
    // The client has its answer at respond; the slot is freed when the branch returns, a tick later.
    await new Promise((r) => setTimeout(r, 0));
    expect((await t.request('GET', '/test')).json()).toEqual({ backend: true });
  });

  it('runs onAccept/onReject sequences given by key and continues after the throttle without onAccept', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<throttle id="k" onReject="rejectSeq"><policy>${policy({ count: 1, unit: 60000 })}</policy></throttle><log level="custom"><property name="passed" value="yes"/></log><respond/>`),
      'rejectSeq.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="rejectSeq"><property name="HTTP_SC" value="503" scope="axis2"/><respond/></sequence>',
    });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('GET', '/test')).status).toBe(200);
    expect(t.logger.records.filter((r) => r.fields.component === 'LogMediator')).toHaveLength(1);
    expect((await t.request('GET', '/test')).status).toBe(503);
    expect(t.logger.records.filter((r) => r.fields.component === 'LogMediator')).toHaveLength(1);
  });

  it('reads a keyed policy at run time and faults when the key is missing', async () => {
    const t = testEngine(
      { 'api.xml': apiWith(`<throttle id="p"><policy key="conf:throttle.xml"/>${accepted}${rejected}</throttle>`, '<faultSequence><payloadFactory media-type="json"><format>{"error":"$1"}</format><args><arg expression="get-property(\'ERROR_MESSAGE\')"/></args></payloadFactory><respond/></faultSequence>') },
      { registry: { get: (k) => (k === 'conf:throttle.xml' ? policy({ count: 1, unit: 60000 }) : undefined), property: () => undefined } },
    );
    expect((await t.request('GET', '/test')).status).toBe(200);
    expect((await t.request('GET', '/test')).status).toBe(429);
    const missing = testEngine({ 'api.xml': apiWith(`<throttle id="m"><policy key="conf:none.xml"/>${accepted}</throttle>`, '<faultSequence><payloadFactory media-type="json"><format>{"error":"$1"}</format><args><arg expression="get-property(\'ERROR_MESSAGE\')"/></args></payloadFactory><respond/></faultSequence>') });
    const res = await missing.request('GET', '/test');
    expect(res.json()).toEqual({ error: 'Cannot find the throttle policy with key conf:none.xml' });
    expect(missing.logger.records.find((r) => r.level === 'error')?.fields.component).toBe('ThrottleMediator');
  });

  it('refuses a policy with a broken Control and a throttle without id', () => {
    const bad = testEngine({ 'api.xml': apiWith(`<throttle id="x"><policy><wsp:Policy ${NS}><throttle:ID throttle:type="IP">other</throttle:ID><throttle:Control><throttle:MaximumCount>many</throttle:MaximumCount><throttle:UnitTime>1</throttle:UnitTime></throttle:Control></wsp:Policy></policy></throttle>`) });
    expect(bad.deployed.failed[0]?.diagnostics[0]?.message).toContain("MaximumCount must be a non-negative integer, got 'many'");
    const noId = testEngine({ 'api.xml': apiWith('<throttle/>') });
    expect(noId.deployed.failed[0]?.diagnostics[0]?.message).toContain('id');
  });
});
