import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.join(path.resolve(repoRoot, '../shared'), 'corpus/json/enrich-json');
const read = (f: string) => fs.readFileSync(path.join(corpus, f), 'utf8');

/** Runs one docs snippet inside the corpus wrapper API with the docs' request. */
async function runSnippet(file: string) {
  const api = read('api_EnrichTest.wrapper.xml').replace('<!-- SNIPPET -->', read(file));
  const t = testEngine({ 'api.xml': api });
  expect(t.deployed.failed).toEqual([]);
  const res = await t.request('POST', '/enrich', { headers: { 'Content-Type': 'application/json' }, body: read('request.json') });
  return { t, res };
}

const docsExpected: Record<string, unknown> = {
  'snippet_ex1_extract_to_body.xml': { students: [{ id: '01', name: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003'] }, { id: '02', name: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012'] }] },
  'snippet_ex2_property_as_child.xml': { data: { students: [{ id: '01', name: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003', 'CS004'] }, { id: '02', name: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012'] }] } },
  'snippet_ex3_inline_as_child.xml': {
    data: {
      students: [
        { id: '01', name: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003'] },
        { id: '02', name: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012'] },
        { id: '03', name: 'Mary', lastName: 'Jane', modules: ['CS001', 'CS002', 'CS004'] },
      ],
    },
  },
  'snippet_ex5_remove_from_body.xml': { data: { students: [{ id: '02', name: 'Nick', lastname: 'Thameson' }] } },
  'snippet_ex7_replace_value.xml': { data: { students: [{ id: '01', name: 'Tom', lastName: 'Price', modules: [] }, { id: '02', name: 'Nick', lastname: 'Thameson', modules: [] }] } },
  'snippet_ex8_rename_key.xml': { data: { students: [{ id: '01', firstName: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003'] }, { id: '02', firstName: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012'] }] } },
  'snippet_ex9_json_primitive.xml': { data: { students: [{ id: '01', name: 'Tom', lastName: 'Price', modules: ['CS001', 'CS002', 'CS003'] }, { id: '02', name: 'Nick', lastname: 'Thameson', modules: ['CS011', 'CS012', 'CS013 II'] }] } },
};

describe('enrich mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<enrich><source clone="false" type="custom" xpath="json-eval($.data)"/><target action="replace" type="body"/></enrich>');
    roundTrip('<enrich description="d"><source type="inline" clone="true"><a xmlns="">x</a></source><target action="child" xpath="//b"/></enrich>');
    roundTrip('<enrich><source type="inline">firstName</source><target type="key" xpath="json-eval($.a)"/></enrich>');
    roundTrip('<enrich><source type="variable" variable="v"/><target type="property" property="p" action="sibling"/></enrich>');
    roundTrip('<enrich><source type="inline" key="conf:/x.xml"/><target type="variable" variable="v"/></enrich>');
  });

  for (const [file, expected] of Object.entries(docsExpected)) {
    it(`docs JSON example ${file.replace(/^snippet_|\.xml$/g, '')} gives the documented payload`, async () => {
      const { res } = await runSnippet(file);
      expect(res.status).toBe(200);
      expect(res.json()).toEqual(expected);
      // Key order is part of what the user sees (ex8 keeps the renamed key in place).
      expect(res.text).toBe(JSON.stringify(expected));
    });
  }

  it('docs JSON example ex4 stores a JSON primitive in a property (logged with its quotes)', async () => {
    const { t, res } = await runSnippet('snippet_ex4_custom_to_property.xml');
    expect(res.json()).toEqual(JSON.parse(read('request.json')));
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator');
    expect(line?.message).toBe('Student name is :  = "Tom"');
  });

  it('docs JSON example ex6 removes from a property copy of the body', async () => {
    const { t, res } = await runSnippet('snippet_ex6_remove_from_property.xml');
    expect(res.json()).toEqual(JSON.parse(read('request.json')));
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator');
    expect(line?.message).toMatch(/, result = \{"data":\{"students":\[\{"id":"02","name":"Nick","lastname":"Thameson"\}\]\}\}$/);
  });

  it('builds an XML property and appends a child through $ctx (docs _TestEnrich proxy)', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source clone="true" type="inline"><Cars/></source><target action="child" type="property" property="Cars"/></enrich>' +
          '<enrich><source clone="true" type="inline"><Car>Lamborghini</Car></source><target action="child" xpath="$ctx:Cars"/></enrich>' +
          '<log level="custom"><property name="after" expression="get-property(\'Cars\')"/></log><respond/>',
      ),
    });
    await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator');
    // Inline content written inside the Synapse config keeps the Synapse default namespace, as in MI.
    expect(line?.message).toBe('after = <Cars xmlns="http://ws.apache.org/ns/synapse"><Car>Lamborghini</Car></Cars>');
  });

  it('enriches XML: child, sibling, replace on custom targets, body replace, attribute values', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source type="inline"><s xmlns="">SUN</s></source><target action="child" xpath="//request"/></enrich>' +
          '<enrich><source type="custom" xpath="//request/s[1]"/><target action="sibling" xpath="//request"/></enrich>' +
          '<enrich><source type="inline">IBM</source><target xpath="//old"/></enrich>' +
          '<enrich><source type="custom" xpath="//old/text()"/><target xpath="//request/@id"/></enrich>' +
          '<respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<q><request id="1"><old>x</old></request></q>' });
    expect(res.text).toBe('<q><request id="IBM"><old>IBM</old><s>SUN</s></request><s>SUN</s></q>');
  });

  it('adds inline nodes as children of the payload root for a body child target (issue 21, defect 2)', async () => {
    const t = testEngine({
      'api.xml': apiWith('<enrich><source type="inline" clone="true"><tag xmlns="">x</tag></source><target type="body" action="child"/></enrich><respond/>'),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order><id>1</id></order>' });
    expect(res.text).toBe('<order><id>1</id><tag>x</tag></order>');
  });

  it('adds a property holding XML as a child of the payload root for a body child target', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source type="inline" clone="true"><note xmlns="">late</note></source><target type="property" property="N"/></enrich>' +
          '<enrich><source type="property" property="N"/><target type="body" action="child"/></enrich><respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order><id>1</id></order>' });
    expect(res.text).toBe('<order><id>1</id><note>late</note></order>');
  });

  it('copies the body to a property and back (ORIGINAL_PAYLOAD pattern), with clone keeping the copy independent', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source type="body" clone="true"/><target type="property" property="ORIGINAL_PAYLOAD"/></enrich>' +
          '<payloadFactory media-type="xml"><format><changed xmlns=""/></format></payloadFactory>' +
          '<enrich><source type="property" property="ORIGINAL_PAYLOAD"/><target type="body"/></enrich><respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<order><id>7</id></order>' });
    expect(res.text).toBe('<order><id>7</id></order>');
  });

  it('copies the envelope to a property and replaces the envelope from it', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source type="envelope"/><target type="property" property="env"/></enrich>' +
          '<payloadFactory media-type="xml"><format><other xmlns=""/></format></payloadFactory>' +
          '<enrich><source type="property" property="env"/><target type="envelope"/></enrich><respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<keep>1</keep>' });
    expect(res.text).toBe('<keep>1</keep>');
  });

  it('enriches variables and uses ${} paths on JSON', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<enrich><source type="custom" xpath="${payload.item}"/><target type="variable" variable="it"/></enrich>' +
          '<enrich><source type="variable" variable="it"/><target action="child" xpath="${payload.list}"/></enrich>' +
          '<enrich><source type="inline">{"x":1}</source><target action="sibling" xpath="json-eval($.list[0])"/></enrich><respond/>',
      ),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"item":{"n":"a"},"list":[{"n":"b"}]}' });
    expect(res.json()).toEqual({ item: { n: 'a' }, list: [{ n: 'b' }, { x: 1 }, { n: 'a' }] });
  });

  it('refuses incomplete configurations at deploy with positions', () => {
    const t = testEngine({ 'api.xml': apiWith('<enrich><source type="property"/><target type="key" action="child" xpath="//a"/></enrich>') });
    expect(t.deployed.failed).toHaveLength(1);
    const messages = t.deployed.failed[0]!.diagnostics.map((d) => d.message);
    expect(messages).toContain('<source type="property"> needs a property attribute');
    expect(messages).toContain('enrich target type "key" only supports action "replace"');
    expect(messages).toContain('enrich target type "key" needs a JSONPath (json-eval(...) or ${...})');
  });

  it('faults into the fault sequence when the target selects nothing, and keeps serving', async () => {
    const t = testEngine({
      'api.xml': apiWith('<enrich><source type="inline">v</source><target xpath="//missing"/></enrich><respond/>', '<faultSequence><payloadFactory media-type="json"><format>{"fault":"${properties.synapse.ERROR_MESSAGE}"}</format></payloadFactory><respond/></faultSequence>'),
    });
    const bad = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    expect(bad.json()).toEqual({ fault: "Enrich target '//missing' selected nothing" });
    const err = t.logger.records.find((r) => r.level === 'error');
    expect(err?.fields.artifact).toBe('api:TestAPI');
    const good = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a><missing/></a>' });
    expect(good.text).toBe('<a><missing>v</missing></a>');
  });
});
