import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const branch = (tag: string) => `<sequence><payloadFactory media-type="json"><format>{"from":"${tag}","id":\${payload.id}}</format></payloadFactory></sequence>`;

describe('scatter-gather mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<scatter-gather parallel-execution="false" result-content-type="XML" target="variable" target-variable="v" result-enclosing-element="All"><aggregation expression="xpath(\'$body/node()\')" condition="${true}" timeout="100" min-messages="1" max-messages="2"/><sequence><log/></sequence><sequence><log/></sequence></scatter-gather>');
  });

  it('replaces a JSON body with the array of branch results', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<scatter-gather result-content-type="JSON"><aggregation expression="\${payload}"/>${branch('a')}${branch('b')}</scatter-gather><respond/>`) });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"id":4}' });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toEqual([{ from: 'a', id: 4 }, { from: 'b', id: 4 }]);
  });

  it('stores XML results in a variable inside the enclosing element, keeping the body, honouring condition', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<scatter-gather parallel-execution="false" result-content-type="XML" target="variable" target-variable="all" result-enclosing-element="All"><aggregation expression="//r" condition="//r != 'skip'"/><sequence><payloadFactory media-type="xml"><format><r xmlns="">one</r></format></payloadFactory></sequence><sequence><payloadFactory media-type="xml"><format><r xmlns="">skip</r></format></payloadFactory></sequence><sequence><payloadFactory media-type="xml"><format><r xmlns="">two</r></format></payloadFactory></sequence></scatter-gather><log level="custom"><property name="all" expression="\${vars.all}"/></log><respond/>`),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<in/>' });
    expect(res.text).toBe('<in/>');
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator')!.message;
    expect(line).toContain('<All><r>one</r><r>two</r></All>');
  });

  it('refuses a single branch and a variable target without a name', () => {
    expect(testEngine({ 'a.xml': apiWith('<scatter-gather result-content-type="JSON"><aggregation expression="${payload}"/><sequence><log/></sequence></scatter-gather>') }).deployed.failed).toHaveLength(1);
    expect(testEngine({ 'a.xml': apiWith(`<scatter-gather result-content-type="JSON" target="variable"><aggregation expression="\${payload}"/>${branch('a')}${branch('b')}</scatter-gather>`) }).deployed.failed).toHaveLength(1);
  });

  it('faults when the aggregation expression fails and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<scatter-gather result-content-type="JSON"><aggregation expression="\${payload.nope.deeper}"/>${branch('a')}${branch('b')}</scatter-gather><respond/>`, '<faultSequence><respond/></faultSequence>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"id":1}' });
    expect(res.status).toBe(200);
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"id":2}' })).status).toBe(200);
  });
});
