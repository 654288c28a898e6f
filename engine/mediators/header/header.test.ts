import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const soap = (headers = '') => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>${headers}</soapenv:Header><soapenv:Body><a/></soapenv:Body></soapenv:Envelope>`;

describe('header mediator', () => {
  it('round-trips SOAP, WS-Addressing, transport and inline forms', () => {
    roundTrip('<header name="Action" scope="default" value="urn:getQuote"/>');
    roundTrip('<header xmlns:c="http://c" name="c:Token" expression="$trp:x"/>');
    roundTrip('<header name="X-Trace" scope="transport" action="remove"/>');
    roundTrip('<header><c:Auth xmlns:c="http://c"><c:user>u</c:user></c:Auth></header>');
  });

  it('sets and removes HTTP headers with scope=transport', async () => {
    const t = testEngine({ 'api.xml': apiWith('<header name="X-Out" scope="transport" expression="fn:concat(\'v-\', $trp:X-In)"/><header name="X-Drop" scope="transport" action="remove"/><respond/>') });
    const res = await t.request('GET', '/test', { headers: { 'X-In': '7' } });
    expect(res.headers.get('X-Out')).toBe('v-7');
    expect(res.headers.has('X-Drop')).toBe(false);
  });

  it('adds a namespaced SOAP header block and removes one by QName', async () => {
    const t = testEngine({ 'api.xml': apiWith('<header xmlns:c="http://c" name="c:Token" value="abc"/><header xmlns:o="http://old" name="o:Old" action="remove"/><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'text/xml' }, body: soap('<o:Old xmlns:o="http://old">x</o:Old><o:Keep xmlns:o="http://old">y</o:Keep>') });
    expect(res.text).toContain('<c:Token xmlns:c="http://c">abc</c:Token>');
    expect(res.text).not.toContain('o:Old');
    expect(res.text).toContain('o:Keep');
  });

  it('adds inline XML header blocks', async () => {
    const t = testEngine({ 'api.xml': apiWith('<header><c:Auth xmlns:c="http://c"><c:user>u</c:user></c:Auth></header><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'text/xml' }, body: soap() });
    expect(res.text).toMatch(/<soapenv:Header><c:Auth xmlns:c="http:\/\/c"><c:user>u<\/c:user><\/c:Auth><\/soapenv:Header>/);
  });

  it('sets WS-Addressing To/Action/ReplyTo as message fields, readable with get-property', async () => {
    const t = testEngine({ 'api.xml': apiWith('<header name="To" value="http://example.org/svc"/><header name="Action" value="urn:getQuote"/><header name="ReplyTo" value="http://me"/><log level="custom"><property name="to" expression="get-property(\'To\')"/><property name="action" expression="get-property(\'Action\')"/><property name="replyTo" expression="get-property(\'ReplyTo\')"/></log><respond/>') });
    await t.request('GET', '/test');
    expect(t.logger.records.map((r) => r.message)).toContain('to = http://example.org/svc, action = urn:getQuote, replyTo = http://me');
  });

  it('refuses an unqualified non-addressing SOAP header and an unknown prefix', () => {
    const t = testEngine({ 'a.xml': apiWith('<header name="Token" value="x"/>'), 'b.xml': apiWith('<header name="q:Token" value="x"/>').replace('TestAPI', 'B').replace('/test', '/b') });
    const msgs = t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.message));
    expect(msgs.some((m) => m.includes('All SOAP headers must be namespace qualified'))).toBe(true);
    expect(msgs.some((m) => m.includes("Invalid namespace prefix 'q'"))).toBe(true);
  });

  it('refuses a set without value or expression', () => {
    const t = testEngine({ 'a.xml': apiWith('<header name="X" scope="transport"/>') });
    expect(t.deployed.failed[0]!.diagnostics[0]!.message).toContain("'value' or 'expression'");
  });
});
