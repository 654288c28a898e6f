import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';
import { compileJavaRegex } from './java-regex.js';

const json = { 'Content-Type': 'application/json' };

describe('filter mediator', () => {
  it('round-trips source/regex, xpath, then/else, sequence keys and the legacy form', () => {
    roundTrip('<filter source="get-property(\'To\')" regex=".*/StockQuote.*"><then><log/></then><else><drop/></else></filter>');
    roundTrip('<filter xpath="${payload.age > 18}"><then sequence="adults"/><else sequence="minors"/></filter>');
    roundTrip('<filter xmlns:m="http://services.samples" xpath="//m:symbol = \'IBM\'"><log level="full"/><respond/></filter>');
  });

  it('runs then or else on a ${} condition', async () => {
    const t = testEngine({ 'api.xml': apiWith('<filter xpath="${payload.age >= 18}"><then><payloadFactory media-type="json"><format>{"r":"adult"}</format></payloadFactory></then><else><payloadFactory media-type="json"><format>{"r":"minor"}</format></payloadFactory></else></filter><respond/>') });
    expect((await t.request('POST', '/test', { headers: json, body: '{"age":30}' })).json()).toEqual({ r: 'adult' });
    expect((await t.request('POST', '/test', { headers: json, body: '{"age":3}' })).json()).toEqual({ r: 'minor' });
  });

  it('matches source against regex as a whole value (Java matches())', async () => {
    const t = testEngine({ 'api.xml': apiWith('<filter source="$trp:X-Kind" regex="gold|silver"><then><property name="HTTP_SC" value="201" scope="axis2"/></then><else><property name="HTTP_SC" value="403" scope="axis2"/></else></filter><respond/>') });
    expect((await t.request('GET', '/test', { headers: { 'X-Kind': 'gold' } })).status).toBe(201);
    expect((await t.request('GET', '/test', { headers: { 'X-Kind': 'golden' } })).status).toBe(403);
    expect((await t.request('GET', '/test')).status).toBe(403);
  });

  it('runs legacy child mediators only when the XPath condition holds', async () => {
    const t = testEngine({ 'api.xml': apiWith('<filter xpath="//symbol = \'IBM\'"><property name="HTTP_SC" value="299" scope="axis2"/></filter><respond/>') });
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<q><symbol>IBM</symbol></q>' })).status).toBe(299);
    expect((await t.request('POST', '/test', { headers: { 'Content-Type': 'application/xml' }, body: '<q><symbol>SUN</symbol></q>' })).status).toBe(200);
  });

  it('runs a named sequence for then/else and stops when it halts', async () => {
    const t = testEngine({
      'api.xml': apiWith('<filter xpath="${headers[\'X-A\'] == \'1\'}"><then sequence="yes"/><else sequence="no"/></filter><payloadFactory media-type="json"><format>{"r":"after"}</format></payloadFactory><respond/>'),
      'yes.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="yes"><payloadFactory media-type="json"><format>{"r":"yes"}</format></payloadFactory><respond/></sequence>',
      'no.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="no"><log level="custom"><property name="branch" value="no"/></log></sequence>',
    });
    expect((await t.request('GET', '/test', { headers: { 'X-A': '1' } })).json()).toEqual({ r: 'yes' });
    expect((await t.request('GET', '/test', { headers: { 'X-A': '2' } })).json()).toEqual({ r: 'after' });
    expect(t.logger.records.some((r) => r.message === 'branch = no')).toBe(true);
  });

  it('refuses a filter without a condition and a bad regex, with positions', () => {
    const t = testEngine({ 'a.xml': apiWith('<filter><log/></filter>'), 'b.xml': apiWith('<filter source="$trp:x" regex="(unclosed"><log/></filter>').replace('TestAPI', 'B').replace('/test', '/b') });
    expect(t.deployed.failed).toHaveLength(2);
    const codes = [...new Set(t.deployed.failed.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort();
    expect(codes).toEqual(['SYN003', 'SYN007']);
    const bad = t.deployed.failed.flatMap((f) => f.diagnostics).find((d) => d.code === 'SYN007')!;
    expect(bad.message).toContain('(unclosed');
    expect(bad.line).toBe(1);
  });

  it('faults at run time when the condition cannot be evaluated, and keeps serving', async () => {
    const t = testEngine({ 'api.xml': apiWith('<filter xpath="${vars.missing == 1}"><then><log/></then></filter><respond/>', '<faultSequence><payloadFactory media-type="json"><format>{"fault":"$1"}</format><args><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence>') });
    const res = await t.request('GET', '/test');
    expect(res.json()).toEqual({ fault: expect.stringContaining('missing') });
    expect(t.logger.records.some((r) => r.level === 'error' && r.fields.component === 'FilterMediator' && r.fields.artifact === 'api:TestAPI')).toBe(true);
  });

  it('java regex helper: inline flags and whole-value matching', () => {
    const r = compileJavaRegex('(?i)abc');
    expect('error' in r).toBe(false);
    if (!('error' in r)) {
      expect(r.matches('ABC')).toBe(true);
      expect(r.matches('xABC')).toBe(false);
    }
  });
});
