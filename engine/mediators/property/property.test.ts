import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const echoProps = (names: string[]) =>
  `<payloadFactory media-type="json"><format>{${names.map((n, i) => `"${n}":"$${i + 1}"`).join(',')}}</format><args>${names.map((n) => `<arg expression="get-property('${n}')"/>`).join('')}</args></payloadFactory><respond/>`;

describe('property mediator', () => {
  it('round-trips', () => {
    roundTrip('<property name="a" value="1" type="INTEGER" scope="default"/>');
    roundTrip('<property name="messageType" value="application/json" scope="axis2"/>');
    roundTrip('<property name="x" action="remove" scope="transport"/>');
    roundTrip('<property name="om" type="OM"><a xmlns=""><b>1</b></a></property>');
    roundTrip('<property name="p" expression="$trp:Host" pattern="([a-z]+):.*" group="1"/>');
  });

  it('sets values and expressions, converts types, applies pattern/group', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        `<property name="s" value="hello"/>
         <property name="n" value="41" type="INTEGER"/>
         <property name="fromJson" expression="json-eval($.user.id)"/>
         <property name="host" expression="$trp:X-Host" pattern="([a-z]+):(\\d+)" group="2"/>
         <property name="b" value="TRUE" type="BOOLEAN"/>
         ${echoProps(['s', 'n', 'fromJson', 'host', 'b'])}`,
      ),
    });
    expect(t.deployed.failed).toEqual([]);
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json', 'X-Host': 'example:8080' }, body: '{"user":{"id":"u-7"}}' });
    expect(r.json()).toEqual({ s: 'hello', n: '41', fromJson: 'u-7', host: '8080', b: 'true' });
  });

  it('stores an inline XML value as an element whatever the type, and reads it as text where a string is wanted', async () => {
    const t = testEngine({
      'api.xml': apiWith(
        '<property name="X"><a xmlns=""><b>1</b></a></property><property name="S" type="STRING" expression="get-property(\'X\')"/>' +
          '<log level="custom"><property name="s" expression="get-property(\'S\')"/><property name="b" expression="$ctx:X/b"/></log><respond/>',
      ),
    });
    const res = await t.request('GET', '/test');
    expect(res.status).toBe(200);
    expect(t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message).toMatch(/^s = <a( xmlns="")?><b>1<\/b><\/a>, b = 1$/);
  });

  it('transport scope sets a response header; axis2 HTTP_SC sets the status; remove removes', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<property name="X-Trace" value="abc" scope="transport"/><property name="X-Gone" value="1" scope="transport"/><property name="X-Gone" action="remove" scope="transport"/><property name="HTTP_SC" value="201" scope="axis2"/><payloadFactory media-type="json"><format>{}</format></payloadFactory><respond/>`),
    });
    const r = await t.request('GET', '/test');
    expect(r.status).toBe(201);
    expect(r.headers.get('x-trace')).toBe('abc');
    expect(r.headers.has('x-gone')).toBe(false);
  });

  it('messageType in axis2 scope converts the response', async () => {
    const t = testEngine({ 'api.xml': apiWith('<property name="messageType" value="application/xml" scope="axis2"/><respond/>') });
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":{"b":1}}' });
    expect(r.headers.get('content-type')).toBe('application/xml');
    expect(r.text).toBe('<jsonObject><a><b>1</b></a></jsonObject>');
  });

  it('a value that cannot be converted faults the message, names the mediator, and the runtime keeps serving', async () => {
    const t = testEngine({
      'api.xml': `<api xmlns="http://ws.apache.org/ns/synapse" name="Conv" context="/conv">
        <resource methods="GET" uri-template="/bad"><inSequence><property name="n" value="abc" type="INTEGER"/><respond/></inSequence></resource>
        <resource methods="GET" uri-template="/good"><inSequence><payloadFactory media-type="json"><format>{"ok":true}</format></payloadFactory><respond/></inSequence></resource>
      </api>`,
    });
    const bad = await t.request('GET', '/conv/bad', { headers: { Accept: 'application/json' } });
    expect(bad.status).toBe(500);
    expect(JSON.stringify(bad.json())).toContain('INTEGER');
    const line = t.logger.records.find((r) => r.level === 'error' && r.fields.component === 'PropertyMediator');
    expect(line?.fields.artifact).toBe('api:Conv');
    expect(line?.message).toContain('PropertyMediator at api:Conv/resource[0]/in/0 failed');
    const good = await t.request('GET', '/conv/good');
    expect(good.json()).toEqual({ ok: true });
  });

  it('refuses a missing name and an unknown scope at deploy, with positions', () => {
    const t = testEngine({ 'api.xml': apiWith('<property value="x"/>'), 'b.xml': apiWith('<property name="x" value="1" scope="session"/>').replace('TestAPI', 'Other').replace('/test', '/other') });
    const codes = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.code));
    expect(codes).toContain('SYN003');
    expect(codes).toContain('SYN004');
  });
});
