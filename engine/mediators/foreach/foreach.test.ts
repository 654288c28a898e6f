import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared');
const corpus = (f: string) => readFileSync(path.join(shared, 'corpus/json/foreach-transform', f), 'utf8');

describe('foreach mediator', () => {
  it('round-trips v1 and v2 configurations', () => {
    roundTrip('<foreach id="f" expression="json-eval($.a)"><sequence><log/></sequence></foreach>');
    roundTrip('<foreach collection="${payload.items}" parallel-execution="false" update-original="false" target-variable="out" result-content-type="XML" result-enclosing-element="Items" counter-variable="i"><sequence><log/></sequence></foreach>');
  });

  it('v1 transforms JSON parts in place (corpus JSONPath snippet)', async () => {
    const t = testEngine({ 'api.xml': apiWith(`${corpus('snippet_foreach_modify_jsonpath.xml')}<respond/>`) });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"getQuote":{"request":[{"symbol":"IBM"},{"symbol":"MSFT"}]}}' });
    expect(res.json()).toEqual({ getQuote: { request: [{ symbol: 'IBM_0' }, { symbol: 'MSFT_0' }] } });
  });

  it('v1 transforms XML parts in place and counts them', async () => {
    const t = testEngine({ 'api.xml': apiWith(`<foreach id="f" expression="//item"><sequence><payloadFactory media-type="xml"><format><item xmlns="">$1-$2</item></format><args><arg expression="//item/text()"/><arg expression="get-property('f_FOREACH_COUNTER')"/></args></payloadFactory></sequence></foreach><respond/>`) });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<list><item>a</item><item>b</item></list>' });
    expect(res.text).toBe('<list><item>a-0</item><item>b-1</item></list>');
  });

  it('refuses the corpus XPath snippet (docs bug: unbalanced fn:concat) and call inside a v1 loop', () => {
    const t = testEngine({ 'a.xml': apiWith(corpus('snippet_foreach_modify_xpath.xml')) });
    expect(t.deployed.failed[0]!.diagnostics.some((d) => d.code === 'SYN007')).toBe(true);
    const t2 = testEngine({ 'a.xml': apiWith('<foreach expression="//a"><sequence><call/></sequence></foreach>') });
    expect(t2.deployed.failed[0]!.diagnostics[0]!.message).toContain('<call> is not allowed inside a foreach');
  });

  it('v2 updates the original collection, in parallel by default', async () => {
    const t = testEngine({ 'api.xml': apiWith('<foreach collection="${payload.items}"><sequence><payloadFactory media-type="json"><format>{"v": ${payload.n * 10}}</format></payloadFactory></sequence></foreach><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[{"n":1},{"n":2}],"keep":true}' });
    expect(res.json()).toEqual({ items: [{ v: 10 }, { v: 20 }], keep: true });
  });

  it('v2 writes results to a variable with a counter when update-original is false', async () => {
    const t = testEngine({ 'api.xml': apiWith('<foreach collection="${payload.items}" parallel-execution="false" update-original="false" target-variable="out" result-content-type="JSON" counter-variable="i"><sequence><payloadFactory media-type="json"><format>{"i": ${vars.i}, "n": ${payload}}</format></payloadFactory></sequence></foreach><payloadFactory media-type="json"><format>{"out": ${vars.out}, "orig": ${payload}}</format></payloadFactory><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[5,6]}' });
    expect(res.json()).toEqual({ out: [{ i: 0, n: 5 }, { i: 1, n: 6 }], orig: { items: [5, 6] } });
  });

  it('faults when an item fails and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<foreach collection="${payload.items}"><sequence><log level="custom"><property name="x" expression="${payload.missing.deep}"/></log></sequence></foreach><respond/>', '<faultSequence><respond/></faultSequence>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"items":[1]}' });
    expect(res.status).toBe(200);
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
  });
});
