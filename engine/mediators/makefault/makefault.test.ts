import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const soapReq = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><h:Trace xmlns:h="http://h">t1</h:Trace></soapenv:Header><soapenv:Body><m:getQuote xmlns:m="http://services.samples"><m:symbol>IBM</m:symbol></m:getQuote></soapenv:Body></soapenv:Envelope>';
const soap12Req = '<soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"><soapenv:Body><a/></soapenv:Body></soapenv:Envelope>';

describe('makefault mediator', () => {
  it('round-trips', () => {
    roundTrip('<makefault version="soap11" response="true"><code xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/" value="soap11Env:Server"/><reason value="Bad"/><role>http://r</role><detail>oops</detail></makefault>');
    roundTrip('<makefault version="soap12"><code xmlns:s="http://www.w3.org/2003/05/soap-envelope" value="s:Receiver"/><reason expression="$ctx:ERROR_MESSAGE"/><node>http://n</node><detail expression="//a"/></makefault>');
    roundTrip('<makefault version="pox"><reason value="x"/><detail><e>1</e></detail></makefault>');
  });

  it('builds a SOAP 1.1 fault with HTTP 500, keeping header blocks; send returns it to the client', async () => {
    const t = testEngine({
      'api.xml': apiWith('<makefault version="soap11"><code xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/" value="soap11Env:Client"/><reason expression="fn:concat(\'Bad symbol \', //*[local-name()=\'symbol\'])"/><role>http://role</role><detail>see docs</detail></makefault><send/>'),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'text/xml' }, body: soapReq });
    expect(res.status).toBe(500);
    expect(res.headers.get('Content-Type')).toContain('text/xml');
    expect(res.text).toContain('<h:Trace xmlns:h="http://h">t1</h:Trace>');
    expect(res.text).toMatch(/<soapenv:Fault><faultcode xmlns:soap11Env="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/">soap11Env:Client<\/faultcode><faultstring>Bad symbol IBM<\/faultstring><faultactor>http:\/\/role<\/faultactor><detail>see docs<\/detail><\/soapenv:Fault>/);
    expect(res.text).not.toContain('getQuote');
  });

  it('builds a SOAP 1.2 fault with Code/Reason/Node/Role/Detail', async () => {
    const t = testEngine({ 'api.xml': apiWith('<makefault version="soap12"><code xmlns:s12="http://www.w3.org/2003/05/soap-envelope" value="s12:Receiver"/><reason value="Down"/><node>http://node</node><role>http://role</role><detail><x:info xmlns:x="http://x">d</x:info></detail></makefault><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/soap+xml' }, body: soap12Req });
    expect(res.status).toBe(500);
    expect(res.text).toContain('<soapenv:Code><soapenv:Value xmlns:s12="http://www.w3.org/2003/05/soap-envelope">s12:Receiver</soapenv:Value></soapenv:Code>');
    expect(res.text).toContain('<soapenv:Reason><soapenv:Text xml:lang="en">Down</soapenv:Text></soapenv:Reason><soapenv:Node>http://node</soapenv:Node><soapenv:Role>http://role</soapenv:Role><soapenv:Detail><x:info xmlns:x="http://x">d</x:info></soapenv:Detail>');
  });

  it('builds a POX fault (<Exception>) from the detail, else the reason', async () => {
    const t = testEngine({ 'api.xml': apiWith('<makefault version="pox"><reason value="r"/><detail expression="$trp:X-D"/></makefault><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml', 'X-D': 'detail text' }, body: '<a/>' });
    expect(res.status).toBe(500);
    expect(res.text).toBe('<Exception>detail text</Exception>');
  });

  it('in a fault sequence, reports the error to a JSON client as a JSON fault', async () => {
    const t = testEngine({
      'api.xml': apiWith('<throwError type="E1" errorMessage="broken"/>', '<faultSequence><makefault version="soap11"><code xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" value="soapenv:Server"/><reason expression="$ctx:ERROR_MESSAGE"/></makefault><respond/></faultSequence>'),
    });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ Fault: { faultcode: 'soapenv:Server', faultstring: 'broken' } });
  });

  it('FAULTS_AS_HTTP_200 keeps status 200', async () => {
    const t = testEngine({ 'api.xml': apiWith('<property name="FAULTS_AS_HTTP_200" value="true" scope="axis2"/><makefault version="pox"><reason value="r"/></makefault><respond/>') });
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<a/>' })).status).toBe(200);
  });

  it('refuses codes MI refuses: no prefix, wrong namespace, unknown code, missing code/reason', () => {
    const bad = [
      '<makefault version="soap11"><code value="Server"/><reason value="r"/></makefault>',
      '<makefault version="soap11"><code xmlns:x="http://x" value="x:Server"/><reason value="r"/></makefault>',
      '<makefault version="soap12"><code xmlns:s="http://www.w3.org/2003/05/soap-envelope" value="s:Server"/><reason value="r"/></makefault>',
      '<makefault version="soap11"><reason value="r"/></makefault>',
    ];
    const t = testEngine(Object.fromEntries(bad.map((m, i) => [`a${i}.xml`, apiWith(m).replace('TestAPI', `A${i}`).replace('/test', `/a${i}`)])));
    expect(t.deployed.failed).toHaveLength(4);
    const msgs = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.message)).join('\n');
    expect(msgs).toContain('A QName is expected for fault code');
    expect(msgs).toContain('Invalid namespace in fault code for soap11');
    expect(msgs).toContain('Invalid code value for soap12');
    expect(msgs).toContain('The fault code is a required attribute');
  });
});
