import { describe, it, expect, vi } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const logs = (t: ReturnType<typeof testEngine>) => t.logger.records.filter((r) => r.fields.component === 'LogMediator').map((r) => r.message);
const gatherSeq = '<sequence xmlns="http://ws.apache.org/ns/synapse" name="Gather"><aggregate id="c"><onComplete expression="json-eval($)"><respond/></onComplete></aggregate></sequence>';

describe('clone mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<clone id="c" continueParent="true" sequential="true"><target sequence="A"/><target to="http://x/y" soapAction="urn:a"><sequence><log/></sequence></target><target><endpoint key="Ep"/></target></clone>');
  });

  it('gives each target its own copy and aggregates them by the clone id', async () => {
    const t = testEngine({
      'g.xml': gatherSeq,
      'api.xml': apiWith(`<clone id="c"><target><sequence><payloadFactory media-type="json"><format>{"t":"a","in":\${payload.v}}</format></payloadFactory><sequence key="Gather"/></sequence></target><target><sequence><payloadFactory media-type="json"><format>{"t":"b","in":\${payload.v}}</format></payloadFactory><sequence key="Gather"/></sequence></target></clone>`),
    });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"v":3}' });
    expect(res.status).toBe(200);
    expect((res.json() as { t: string }[]).map((x) => x.t).sort()).toEqual(['a', 'b']);
    expect((res.json() as { in: number }[]).every((x) => x.in === 3)).toBe(true);
  });

  it('runs targets in order when sequential, marks each copy and continues the parent when asked', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<clone continueParent="true" sequential="true"><target><sequence><log level="custom"><property name="seq" expression="get-property('messageSequence')"/></log></sequence></target><target><sequence><log level="custom"><property name="seq" expression="get-property('messageSequence')"/></log></sequence></target></clone><log level="custom"><property name="parent" value="continues"/></log><respond/>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"v":1}' });
    expect(res.text).toBe('{"v":1}');
    // The parent runs on while the copies are in flight (as in MI); the copies keep their order.
    await vi.waitFor(() => expect(logs(t)).toHaveLength(3));
    expect(logs(t).filter((l) => l.startsWith('seq'))).toEqual(['seq = 0/2', 'seq = 1/2']);
    expect(logs(t)).toContain('parent = continues');
  });

  it('stops the parent without continueParent (nothing answers: 202)', async () => {
    const t = testEngine({ 'api.xml': apiWith('<clone><target><sequence><log level="custom"><property name="b" value="1"/></log></sequence></target></clone><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(202);
  });

  it('handles a fault in one copy with the fault sequence while the other copy answers', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<clone><target><sequence><log level="custom"><property name="x" expression="\${payload.a.b.c}"/></log></sequence></target><target><sequence><respond/></sequence></target></clone>`, '<faultSequence><log level="custom"><property name="fault" value="handled"/></log></faultSequence>'),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"ok":1}' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"ok":1}');
    expect(logs(t)).toContain('fault = handled');
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"ok":2}' })).text).toBe('{"ok":2}');
  });

  it('refuses a clone without targets', () => {
    const t = testEngine({ 'api.xml': apiWith('<clone/>') });
    expect(t.deployed.failed).toHaveLength(1);
  });
});
