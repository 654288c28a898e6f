import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeScriptRunner } from '../../node/script/vm-runner.js';

const scriptRunner = createNodeScriptRunner();
const registryOf = (entries: Record<string, string>) => ({ get: (k: string) => entries[k], property: () => undefined });
const faultSeq = '<faultSequence><payloadFactory media-type="json"><format>{"fault":"${properties.synapse.ERROR_MESSAGE}"}</format></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>';

/** What MI 4.4's studio emits for a TS mapping: helpers plus an exported mapFunction. */
const mapping = `
function fullName(first, last) { return first + ' ' + last; }
export function mapFunction(input) {
  return {
    name: fullName(input.first_name, input.last_name),
    age: Number(input.age),
    city: input.location.city,
    tags: (input.tags || []).map(function (t) { return t.toUpperCase(); })
  };
}`;
const registry = {
  'gov:dm/Map.dmc': mapping,
  'gov:dm/in.json': '{"title":"user","type":"object"}',
  'gov:dm/out.json': '{"title":"person","type":"object"}',
  'gov:dm/throws.dmc': 'function mapFunction(input) { return input.missing.deeper; }',
};
const dm = (config: string, extra = '') => `<datamapper config="gov:dm/${config}" inputSchema="gov:dm/in.json" outputSchema="gov:dm/out.json"${extra}/>`;
const make = (mediators: string) => testEngine({ 'api.xml': apiWith(`${mediators}<respond/>`, faultSeq) }, { scriptRunner, registry: registryOf(registry) });

describe('datamapper mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<datamapper config="gov:dm/Map.dmc" inputSchema="gov:dm/in.json" outputSchema="gov:dm/out.json" inputType="XML" outputType="JSON" description="d"/>');
  });

  it('maps JSON to JSON with the compiled mapFunction', async () => {
    const t = make(dm('Map.dmc'));
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"first_name":"John","last_name":"Deo","age":"35","location":{"city":"Manhattan"},"tags":["a","b"]}' });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toEqual({ name: 'John Deo', age: 35, city: 'Manhattan', tags: ['A', 'B'] });
  });

  it('maps XML input to XML output under the output schema title', async () => {
    const t = make(dm('Map.dmc', ' inputType="XML" outputType="XML"'));
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<user><first_name>John</first_name><last_name>Deo</last_name><age>35</age><location><city>Manhattan</city></location></user>' });
    expect(res.text).toBe('<person><name>John Deo</name><age>35</age><city>Manhattan</city></person>');
  });

  it('refuses unsupported types at deploy', () => {
    const t = make(dm('Map.dmc', ' inputType="CSV"'));
    expect(t.deployed.failed).toHaveLength(1);
    expect(t.deployed.failed[0]!.diagnostics[0]!.message).toBe('datamapper inputType "CSV" is not supported by this runtime (only JSON and XML)');
  });

  it('a throwing mapping faults into the fault sequence and the runtime keeps serving', async () => {
    const t = make(`<filter source="$trp:X-Map" regex="bad"><then>${dm('throws.dmc')}</then><else>${dm('Map.dmc')}</else></filter>`);
    const thrown = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json', 'X-Map': 'bad' }, body: '{}' });
    expect(thrown.status).toBe(500);
    expect((thrown.json() as { fault: string }).fault).toMatch(/^Data mapper mapping 'gov:dm\/throws.dmc' failed: .*deeper/);
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
    const good = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"first_name":"A","last_name":"B","age":1,"location":{"city":"C"}}' });
    expect(good.status).toBe(200);
  });

  it('a mapping key missing from the registry is refused at deploy', () => {
    const t = make('<datamapper config="gov:dm/none.dmc" inputSchema="gov:dm/in.json" outputSchema="gov:dm/out.json"/>');
    expect(t.deployed.failed).toHaveLength(1);
    expect(t.deployed.failed[0]!.diagnostics.map((d) => d.message).join('\n')).toContain('gov:dm/none.dmc');
  });
});
