import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const sw = `<switch source="$trp:CustomHeader">
  <case regex="application/json"><payloadFactory media-type="json"><format>{"case":"json"}</format></payloadFactory></case>
  <case regex="application/.*"><payloadFactory media-type="json"><format>{"case":"other-app"}</format></payloadFactory></case>
  <default><payloadFactory media-type="json"><format>{"case":"default"}</format></payloadFactory></default>
</switch><respond/>`;

describe('switch mediator', () => {
  it('round-trips cases and default', () => {
    roundTrip('<switch xmlns:ns="http://org.apache.synapse/xsd" source="get-property(\'transport\',\'CustomHeader\')"><case regex="a"><log/></case><case regex="b.*"><drop/></case><default><respond/></default></switch>');
    roundTrip('<switch source="${payload.kind}"><case regex="x"/></switch>');
  });

  it('runs the first matching case only, else default (header-based routing)', async () => {
    const t = testEngine({ 'api.xml': apiWith(sw) });
    const ask = async (h?: string) => (await t.request('GET', '/test', { headers: h ? { CustomHeader: h } : {} })).json();
    expect(await ask('application/json')).toEqual({ case: 'json' });
    expect(await ask('application/xml')).toEqual({ case: 'other-app' });
    expect(await ask('text/xml')).toEqual({ case: 'default' });
    expect(await ask()).toEqual({ case: 'default' });
  });

  it('routes on the payload with namespaces declared on <switch>', async () => {
    const t = testEngine({
      'api.xml': apiWith(`<switch xmlns:m0="http://services.samples" source="//m0:getQuote/m0:request/m0:symbol"><case regex="IBM"><property name="HTTP_SC" value="201" scope="axis2"/></case><default><log level="custom"><property name="Error" expression="fn:concat('Invalid request for symbol - ', //m0:getQuote/m0:request/m0:symbol)"/></log></default></switch><respond/>`),
    });
    const body = (s: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>${s}</m0:symbol></m0:request></m0:getQuote></soapenv:Body></soapenv:Envelope>`;
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'text/xml' }, body: body('IBM') })).status).toBe(201);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'text/xml' }, body: body('SUN') })).status).toBe(200);
    expect(t.logger.records.some((r) => r.message === 'Error = Invalid request for symbol - SUN')).toBe(true);
  });

  it('continues unchanged when nothing matches and there is no default', async () => {
    const t = testEngine({ 'api.xml': apiWith('<switch source="$trp:x"><case regex="1"><drop/></case></switch><property name="HTTP_SC" value="204" scope="axis2"/><respond/>') });
    expect((await t.request('GET', '/test', { headers: { x: '2' } })).status).toBe(204);
  });

  it('refuses a switch without source and a case without regex', () => {
    const t = testEngine({ 'api.xml': apiWith('<switch><case><log/></case></switch>') });
    expect(t.deployed.failed).toHaveLength(1);
    const messages = t.deployed.failed[0]!.diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.includes("'source'"))).toBe(true);
    expect(messages.some((m) => m.includes("'regex'"))).toBe(true);
  });
});
