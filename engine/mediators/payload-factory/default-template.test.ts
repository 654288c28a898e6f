import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const corpus = path.resolve(__dirname, '../../../../shared/corpus');

describe('payloadFactory (default template)', () => {
  it('round-trips', () => {
    roundTrip('<payloadFactory media-type="json"><format>{"a":"$1"}</format><args><arg evaluator="json" expression="$.x"/></args></payloadFactory>');
    roundTrip('<payloadFactory media-type="xml"><format><m:r xmlns:m="urn:m"><m:v>$1</m:v></m:r></format><args><arg value="lit"/></args></payloadFactory>');
    roundTrip('<payloadFactory media-type="text"><format key="conf:t.txt"/></payloadFactory>');
  });

  it('corpus json/payloadfactory-jsonpath-args: an array placed in a quoted placeholder stays an array', async () => {
    const dir = path.join(corpus, 'json/payloadfactory-jsonpath-args');
    const t = testEngine({ 'proxy.xml': readFileSync(path.join(dir, 'proxy_singleresponse.xml'), 'utf8') });
    expect(t.deployed.failed).toEqual([]);
    const request = readFileSync(path.join(dir, 'case.md'), 'utf8').split('request.json:\n```json\n')[1]!.split('```')[0]!;
    const r = await t.request('POST', '/services/singleresponse', { headers: { 'Content-Type': 'application/json' }, body: request });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ location_response: { name: 'Biaggio Cafe', tags: ['bar', 'restaurant', 'food', 'establishment'] } });
  });

  it('xml media type: escapes text values, inserts selected XML, takes the text of a text-only element', async () => {
    const t = testEngine({
      'api.xml': apiWith('<payloadFactory media-type="xml"><format><r xmlns=""><name>$1</name><copy>$2</copy><text>$3</text><lit>$4</lit></r></format><args><arg value="a&lt;b"/><arg expression="//item"/><arg expression="//item/v"/><arg expression="//item" literal="true"/></args></payloadFactory><respond/>'),
    });
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<in><item id="1"><v>x</v></item></in>' });
    expect(r.headers.get('content-type')).toBe('application/xml');
    expect(r.text).toBe('<r><name>a&lt;b</name><copy><item id="1"><v>x</v></item></copy><text>x</text><lit>&lt;item id="1"&gt;&lt;v&gt;x&lt;/v&gt;&lt;/item&gt;</lit></r>');
  });

  it('MI 4.4 inline ${} expressions take their JSON type when unquoted', async () => {
    const t = testEngine({ 'api.xml': apiWith('<payloadFactory media-type="json"><format>{"n": ${payload.n}, "s": "${payload.s}", "o": ${payload.o}}</format></payloadFactory><respond/>') });
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"n": 3, "s": "x\\"y", "o": {"k": [1]}}' });
    expect(r.json()).toEqual({ n: 3, s: 'x"y', o: { k: [1] } });
  });

  it('text media type and a format from a local entry', async () => {
    const t = testEngine({
      'le.xml': '<localEntry xmlns="http://ws.apache.org/ns/synapse" key="greeting">Hello $1!</localEntry>',
      'api.xml': apiWith('<payloadFactory media-type="text"><format key="greeting"/><args><arg expression="$url:name"/></args></payloadFactory><respond/>'),
    });
    const r = await t.request('GET', '/test?name=Ann');
    expect(r.headers.get('content-type')).toBe('text/plain');
    expect(r.text).toBe('Hello Ann!');
  });

  it('a format that yields invalid JSON faults, and the next request is served', async () => {
    const t = testEngine({
      'api.xml': `<api xmlns="http://ws.apache.org/ns/synapse" name="PF" context="/pf">
        <resource methods="GET" uri-template="/bad"><inSequence><payloadFactory media-type="json"><format>{"a": $1,,}</format><args><arg value="1"/></args></payloadFactory><respond/></inSequence></resource>
        <resource methods="GET" uri-template="/good"><inSequence><payloadFactory media-type="json"><format>{"a": $1}</format><args><arg expression="$url:v"/></args></payloadFactory><respond/></inSequence></resource>
      </api>`,
    });
    const bad = await t.request('GET', '/pf/bad', { headers: { Accept: 'application/json' } });
    expect(bad.status).toBe(500);
    expect(t.logger.records.some((r) => r.fields.component === 'PayloadFactoryMediator' && r.fields.artifact === 'api:PF' && r.message.includes('invalid JSON'))).toBe(true);
    const ok = await t.request('GET', '/pf/good?v=5');
    expect(ok.json()).toEqual({ a: 5 });
  });
});
