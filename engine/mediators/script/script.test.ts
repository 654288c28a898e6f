import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { createNodeScriptRunner } from '../../node/script/vm-runner.js';
import type { RegistryProvider } from '../../runtime/engine.js';

const shared = path.resolve(__dirname, '../../../../shared');
const corpus = (p: string) => path.join(shared, 'corpus', p);
const scriptRunner = createNodeScriptRunner();

function registryOf(entries: Record<string, string>): RegistryProvider {
  return { get: (k) => entries[k], property: () => undefined };
}

function scripted(mediators: string, opts: { registry?: Record<string, string>; config?: Record<string, string>; faultSequence?: string } = {}) {
  const extra = opts.faultSequence ? `<faultSequence>${opts.faultSequence}</faultSequence>` : '';
  return testEngine({ 'api.xml': apiWith(mediators, extra) }, { scriptRunner, registry: opts.registry ? registryOf(opts.registry) : undefined, configProperties: opts.config });
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('script mediator', () => {
  it('round-trips inline, registry and include forms', () => {
    roundTrip('<script language="js"><![CDATA[mc.setProperty("a", 1 < 2);]]></script>');
    roundTrip('<script language="js" key="conf:/scripts/t.js" function="transform"><include key="conf:/scripts/lib.js"/></script>');
    roundTrip('<script language="nashornJs" key="{get-property(\'k\')}"/>');
  });

  it('runs the docs inline example: edits a JSON array and logs it (corpus json/script-inline-json-edit)', async () => {
    const proxy = fs.readFileSync(corpus('json/script-inline-json-edit/proxy_transformjson.xml'), 'utf8');
    const t = testEngine({ 'transformjson.xml': proxy }, { scriptRunner });
    expect(t.deployed.failed).toEqual([]);
    const body = '[{"id":"ID:7eaf7","tags":["bar","restaurant","food","establishment"],"name":"Biaggio Cafe"},{"id":"ID:3ef98","tags":["food","establishment"],"name":"Doltone House"}]';
    const res = await t.request('POST', '/services/transformjson', { headers: JSON_HEADERS, body });
    expect(res.status).toBe(200);
    const expected = [
      { name: 'Biaggio Cafe', tags: ['bar', 'restaurant', 'food', 'establishment', 'pub'], id_str: 'ID:7eaf7' },
      { name: 'Doltone House', tags: ['food', 'establishment', 'pub'], id_str: 'ID:3ef98' },
    ];
    expect(res.json()).toEqual(expected);
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator')!;
    expect(JSON.parse(line.message.slice(line.message.indexOf('JSON-Payload = ') + 'JSON-Payload = '.length))).toEqual(expected);
  });

  it('calls a registry function with mc (corpus json/script-json-transform), also answering as XML', async () => {
    const dir = corpus('json/script-json-transform');
    const registry = registryOf({ 'conf:/repository/MI/transform.js': fs.readFileSync(path.join(dir, 'registry/conf/repository/MI/transform.js'), 'utf8') });
    const request = fs.readFileSync(path.join(dir, 'request.json'), 'utf8');
    const t = testEngine({ 'locations.xml': fs.readFileSync(path.join(dir, 'proxy_locations.xml'), 'utf8') }, { scriptRunner, registry });
    expect(t.deployed.failed).toEqual([]);
    const res = await t.request('POST', '/services/locations', { headers: JSON_HEADERS, body: request });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual([
      { id: 'ID:7eaf7', tags: ['bar', 'restaurant', 'food', 'establishment'], name: 'Biaggio Cafe' },
      { id: 'ID:3ef98', tags: ['food', 'establishment'], name: 'Doltone House' },
    ]);

    const variant = fs.readFileSync(path.join(dir, 'snippet_inSequence_xml_variant.xml'), 'utf8');
    const t2 = testEngine({ 'locations.xml': `<proxy xmlns="http://ws.apache.org/ns/synapse" name="locations"><target>${variant}</target></proxy>` }, { scriptRunner, registry });
    const xml = await t2.request('POST', '/services/locations', { headers: JSON_HEADERS, body: request });
    expect(xml.headers.get('content-type')).toContain('application/xml');
    // Elements follow the script's assignment order (name, tags, id); the docs print id first (case.md: key order differs).
    expect(xml.text.replace(/\s+/g, '')).toBe(
      '<jsonArray><jsonElement><name>BiaggioCafe</name><tags>bar</tags><tags>restaurant</tags><tags>food</tags><tags>establishment</tags><id>ID:7eaf7</id></jsonElement><jsonElement><name>DoltoneHouse</name><tags>food</tags><tags>establishment</tags><id>ID:3ef98</id></jsonElement></jsonArray>',
    );
  });

  it('reads and writes properties in scopes, variables and the XML payload', async () => {
    const t = scripted(
      `<property name="greeting" value="hello"/>
       <script language="graalJs"><![CDATA[
         var xml = mc.getPayloadXML();
         mc.setProperty("seen", mc.getProperty("greeting") + " " + xml.length);
         mc.setProperty("X-Script", "yes", "transport");
         mc.setVariable("count", 3);
         mc.setPayloadXML('<out><n>' + (mc.getVariable("count") + 1) + '</n><g>' + mc.getProperty("greeting") + '</g></out>');
       ]]></script>
       <log level="custom"><property name="seen" expression="get-property('seen')"/></log>
       <respond/>`,
    );
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<in>abc</in>' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('<out><n>4</n><g>hello</g></out>');
    expect(res.headers.get('X-Script')).toBe('yes');
    expect(t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message).toBe('seen = hello 12');
  });

  it('gives {} from getPayloadJSON for a non-JSON payload and runs include scripts first', async () => {
    const t = scripted('<script language="js" key="conf:/main.js" function="go"><include key="conf:/lib.js"/></script><respond/>', {
      registry: { 'conf:/lib.js': 'function twice(x) { return x + x; }', 'conf:/main.js': 'function go(mc) { mc.setPayloadJSON({ empty: JSON.stringify(mc.getPayloadJSON()), t: twice("ab") }); }' },
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<empty>{}</empty><t>abab</t>');
  });

  it('stops the flow when the function returns false', async () => {
    const t = scripted('<script language="js" key="conf:/gate.js" function="gate"/><log level="custom"><property name="after" value="yes"/></log><respond/>', {
      registry: { 'conf:/gate.js': 'function gate(mc) { return false; }' },
    });
    await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{}' });
    expect(t.logger.records.some((r) => r.fields.component === 'LogMediator')).toBe(false);
  });

  it('turns a throwing script into a fault handled by the fault sequence, and keeps serving', async () => {
    const t = scripted('<script language="js"><![CDATA[ if (mc.getPayloadJSON().bad) throw new Error("boom"); mc.setPayloadJSON({ ok: true }); ]]></script><respond/>', {
      faultSequence: '<payloadFactory media-type="json"><format>{"error":"$1","code":"$2"}</format><args><arg expression="get-property(\'ERROR_MESSAGE\')"/><arg expression="get-property(\'ERROR_CODE\')"/></args></payloadFactory><respond/>',
    });
    const bad = await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{"bad":true}' });
    expect(bad.json()).toEqual({ error: 'The script engine returned an error executing the inlined js script function mediate', code: '500001' });
    const log = t.logger.records.find((r) => r.level === 'error')!;
    expect(log.fields.component).toBe('ScriptMediator');
    expect(log.fields.artifact).toBe('api:TestAPI');
    expect(log.message).toContain('Error: boom');
    const good = await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{}' });
    expect(good.json()).toEqual({ ok: true });
  });

  it('stops an endless loop after the configured limit with a fault, then serves the next request', async () => {
    const t = scripted('<script language="js"><![CDATA[ var p = mc.getPayloadJSON(); while (p.spin) {} mc.setPayloadJSON({ done: true }); ]]></script><respond/>', {
      config: { 'mediate.script.timeout.ms': '200' },
    });
    const stuck = await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{"spin":true}' });
    expect(stuck.status).toBe(500);
    const log = t.logger.records.find((r) => r.level === 'error' && r.fields.component === 'ScriptMediator')!;
    expect(log.message).toContain('Script execution timed out after 200 ms');
    const next = await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{}' });
    expect(next.json()).toEqual({ done: true });
  });

  it('faults when the registry script or its function is missing', async () => {
    const t = scripted('<script language="js" key="{get-property(\'which\')}" function="nope"/><respond/>', { registry: { 'conf:/x.js': 'function other(mc) {}' } });
    const res = await t.request('POST', '/test', { headers: JSON_HEADERS, body: '{}' });
    expect(res.status).toBe(500);
    expect(t.logger.records.find((r) => r.fields.component === 'ScriptMediator')?.message).toContain('Cannot find the script with key');
  });

  it('refuses at deploy time a script that does not parse, an empty script and other languages', () => {
    const broken = testEngine({ 'api.xml': apiWith('<script language="js"><![CDATA[ var = ; ]]></script>') }, { scriptRunner });
    expect(broken.deployed.failed[0]?.diagnostics[0]?.message).toContain('script does not parse');
    const empty = testEngine({ 'api.xml': apiWith('<script language="js"/>') }, { scriptRunner });
    expect(empty.deployed.failed[0]?.diagnostics[0]?.message).toContain('needs inline script text or a key');
    const groovy = testEngine({ 'api.xml': apiWith('<script language="groovy">x</script>') }, { scriptRunner });
    expect(groovy.deployed.failed[0]?.diagnostics[0]?.message).toContain("script language 'groovy' is not available");
  });
});
