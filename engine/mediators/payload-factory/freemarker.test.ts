import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.join(path.resolve(repoRoot, '../shared'), 'corpus/transformation/payloadfactory-literal-arg');
const snippet = (f: string) => fs.readFileSync(path.join(corpus, f), 'utf8');
const faultSeq = '<faultSequence><payloadFactory media-type="json"><format>{"fault":"${properties.synapse.ERROR_MESSAGE}"}</format></payloadFactory><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>';

async function run(mediators: string, contentType: string, body: string, headers: Record<string, string> = {}) {
  const t = testEngine({ 'api.xml': apiWith(`${mediators}<respond/>`, faultSeq) });
  expect(t.deployed.failed).toEqual([]);
  const res = await t.request('POST', '/test', { headers: { 'Content-Type': contentType, ...headers }, body });
  return { t, res };
}

const userXml = '<user><first_name>John</first_name><last_name>Deo</last_name><age>35</age><location><state code="NY">New York</state><city>Manhattan</city></location></user>';

describe('payloadFactory template-type="freemarker"', () => {
  it('round-trips its configuration', () => {
    roundTrip(snippet('snippet_freemarker_xml_to_json.xml'));
    roundTrip('<payloadFactory media-type="json" template-type="freemarker"><format key="conf:/t.ftl"/><args><arg expression="$ctx:x"/></args></payloadFactory>');
  });

  it('docs XML → JSON (payload.user..., .@attr)', async () => {
    const { res } = await run(snippet('snippet_freemarker_xml_to_json.xml'), 'application/xml', userXml);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.json()).toEqual({ Name: 'John Deo', Age: 35, Address: 'Manhattan,NY' });
  });

  it('docs JSON → XML', async () => {
    const { res } = await run(snippet('snippet_freemarker_json_to_xml.xml'), 'application/json', '{"first_name":"John","last_name":"Deo","age":35,"location":{"state":{"code":"NY","name":"New York"},"city":"Manhattan"}}');
    expect(res.text.replace(/>\s+</g, '><')).toBe('<user><Name>John Deo</Name><Age>35</Age><Address>Manhattan, NY</Address></user>');
  });

  it('docs JSON array → XML with #list', async () => {
    const { res } = await run(snippet('snippet_freemarker_json_array_to_xml.xml'), 'application/json', '[{"id":1,"first_name":"Veronika","last_name":"Lacroux"},{"id":2,"first_name":"Trescha","last_name":"Campaigne"},{"id":3,"first_name":"Mayor","last_name":"Moscrop"}]');
    expect(res.text.replace(/>\s+</g, '><')).toBe(
      '<people><person><index>1</index><name>Veronika Lacroux</name></person><person><index>2</index><name>Trescha Campaigne</name></person><person><index>3</index><name>Mayor Moscrop</name></person></people>',
    );
  });

  it('docs XML → CSV (text), stripping directive-only lines', async () => {
    const { res } = await run(
      snippet('snippet_freemarker_xml_to_csv.xml'),
      'application/xml',
      '<people><person><id>1</id><first_name>Veronika</first_name><last_name>Lacroux</last_name></person><person><id>2</id><first_name>Trescha</first_name><last_name>Campaigne</last_name></person></people>',
    );
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text.split('\n').map((l) => l.trim())).toEqual(['ID,First Name, Last Name', '1,Veronika,Lacroux', '2,Trescha,Campaigne']);
  });

  it('reads args, ctx, axis2, trp and vars; if/elseif/else, defaults, ?c/?string/?json_string, #sep, ?has_content', async () => {
    const template = `<![CDATA[{
  "a1": "\${args.arg1}", "a2": \${args.arg2?c}, "ctx": "\${ctx.who}", "ax": "\${axis2.mode}", "trp": "\${trp["X-Id"]}", "var": "\${vars.v!'none'}",
  "missing": "\${payload.nope!"dflt"}", "has": \${(payload.items?has_content)?c}, "big": "\${payload.n}", "c": \${payload.n?c},
  "flag": "\${payload.ok?string('Y','N')}", "esc": "\${payload.q?json_string}",
  "kind": "<#if payload.n gt 1000>large<#elseif payload.n gt 10>medium<#else>small</#if>",
  "list": [<#list payload.items as i>"\${i?upper_case}-\${i?counter}"<#sep>, </#list>], "exists": \${(payload.zzz??)?c}
}]]>`;
    const { res } = await run(
      `<property name="who" value="ann"/><property name="mode" value="fast" scope="axis2"/><payloadFactory media-type="json" template-type="freemarker"><format>${template}</format><args><arg value="lit"/><arg expression="json-eval($.n)"/></args></payloadFactory>`,
      'application/json',
      '{"n":12345.5,"ok":true,"q":"say \\"hi\\"","items":["a","b"]}',
      { 'X-Id': '42' },
    );
    expect(res.json()).toEqual({ a1: 'lit', a2: 12345.5, ctx: 'ann', ax: 'fast', trp: '42', var: 'none', missing: 'dflt', has: true, big: '12,345.5', c: 12345.5, flag: 'Y', esc: 'say "hi"', kind: 'large', list: ['A-1', 'B-2'], exists: false });
  });

  it('refuses templates outside the subset at deploy, naming the construct and its place', () => {
    const cases: Array<[string, string]> = [
      ['<#macro greet>hi</#macro>', 'directive <#macro> is not supported (template line 1, column 1)'],
      ['{"a": "${x?url}"}', 'built-in ?url is not supported (template line 1, column 12)'],
      ['line\n<@greet/>', 'macro calls (<@...>) are not supported (template line 2, column 1)'],
      ['<#if x>open', '<#if> is not closed (template line 1, column 1)'],
      ['#{n}', '#{...} numerical interpolation is not supported; use ${...} (template line 1, column 1)'],
    ];
    for (const [tpl, message] of cases) {
      const t = testEngine({ 'api.xml': apiWith(`<payloadFactory media-type="text" template-type="freemarker"><format><![CDATA[${tpl}]]></format></payloadFactory>`) });
      expect(t.deployed.failed, tpl).toHaveLength(1);
      expect(t.deployed.failed[0]!.diagnostics[0]!.message).toBe(`FreeMarker template: ${message}`);
    }
  });

  it('a missing value faults into the fault sequence (as FreeMarker does), and the next request is served', async () => {
    const { t, res } = await run('<payloadFactory media-type="json" template-type="freemarker"><format><![CDATA[{"n": "${payload.name}"}]]></format></payloadFactory>', 'application/json', '{"other":1}');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ fault: 'Error while processing the FreeMarker template: The following has evaluated to null or missing: ==> payload.name' });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.artifact === 'api:TestAPI')).toBe(true);
    const ok = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"name":"Zed"}' });
    expect(ok.json()).toEqual({ n: 'Zed' });
  });
});
