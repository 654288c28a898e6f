import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const json = { 'Content-Type': 'application/json' };

describe('variable mediator', () => {
  it('round-trips', () => {
    roundTrip('<variable name="n" value="5" type="INTEGER"/>');
    roundTrip('<variable name="o" expression="${payload.order}" type="JSON"/>');
    roundTrip('<variable name="o" action="remove"/>');
  });

  it('stores typed values visible as vars.* and $var:', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<variable name="n" value="5" type="INTEGER"/><variable name="ok" value="true" type="BOOLEAN"/><variable name="order" expression="${payload.order}" type="JSON"/><variable name="x" value="&lt;a&gt;&lt;b&gt;1&lt;/b&gt;&lt;/a&gt;" type="XML"/><variable name="s" expression="${payload.order.qty}"/>' +
          '<payloadFactory media-type="json"><format>{"n":${vars.n + 1},"ok":${vars.ok},"qty":${vars.order.qty},"b":"$1","s":"${vars.s}"}</format><args><arg expression="string($var:x//b)"/></args></payloadFactory><respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: json, body: '{"order":{"qty":3}}' });
    expect(res.json()).toEqual({ n: 6, ok: true, qty: 3, b: '1', s: '3' });
  });

  it('removes a variable', async () => {
    const t = testEngine({ 'api.xml': apiWith('<variable name="v" value="1"/><variable name="v" action="remove"/><filter xpath="${exists(vars.v)}"><then><property name="HTTP_SC" value="500" scope="axis2"/></then><else><property name="HTTP_SC" value="204" scope="axis2"/></else></filter><respond/>') });
    expect((await t.request('GET', '/test')).status).toBe(204);
  });

  it('refuses a literal that does not fit the type, at the attribute', () => {
    const t = testEngine({ 'api.xml': apiWith('<variable name="n" value="abc" type="INTEGER"/>') });
    const d = t.deployed.failed[0]!.diagnostics[0]!;
    expect(d.code).toBe('SYN009');
    expect(d.message).toContain("'abc'");
  });

  it('faults when an expression result does not match the type, then keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<variable name="n" expression="${payload.v}" type="INTEGER"/><respond/>', '<faultSequence><payloadFactory media-type="json"><format>{"e":"$1"}</format><args><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence>') });
    const bad = await t.request('POST', '/test', { headers: json, body: '{"v":"text"}' });
    expect(bad.json()).toEqual({ e: "Expression '${payload.v}' result does not match the expected data type 'INTEGER'" });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'VariableMediator')).toBe(true);
    expect((await t.request('POST', '/test', { headers: json, body: '{"v":2}' })).status).toBe(200);
  });
});
