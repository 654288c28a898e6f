import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('log mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<log level="custom" category="WARN" separator=" | "><property name="a" value="1"/><property name="b" expression="$body/x"/></log>');
    roundTrip('<log><message>Hello ${payload.name}</message></log>');
  });

  it('logs custom properties with MI separators, values and expressions', async () => {
    const t = testEngine({ 'api.xml': apiWith('<log level="custom"><property name="greeting" value="hi"/><property name="name" expression="json-eval($.name)"/></log><respond/>') });
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}' });
    expect(res.status).toBe(200);
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator');
    expect(line?.message).toBe('greeting = hi, name = Ann');
    expect(line?.fields.artifact).toBe('api:TestAPI');
  });

  it('logs the payload at level full and the MI 4.4 message template', async () => {
    const t = testEngine({ 'api.xml': apiWith('<log level="full" category="WARN"><message>name is ${payload.name}</message></log><respond/>') });
    await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ann"}' });
    const line = t.logger.records.find((r) => r.fields.component === 'LogMediator')!;
    expect(line.level).toBe('warn');
    expect(line.message).toMatch(/^name is Ann, To: \/test, MessageID: urn:uuid:[0-9a-f-]+, Direction: request, Content-Type = application\/json, Payload: \{"name":"Ann"\}$/);
  });

  it('prints only the message template at level simple, as MI 4.4 does', async () => {
    const t = testEngine({ 'api.xml': apiWith('<log><message>Order ${payload.id} received</message><property name="by" value="api"/></log><respond/>') });
    await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"id":7}' });
    expect(t.logger.records.find((r) => r.fields.component === 'LogMediator')?.message).toBe('Order 7 received, by = api');
  });

  it('refuses an unknown level with the position of the attribute', () => {
    const t = testEngine({ 'api.xml': apiWith('<log level="loud"/>') });
    expect(t.deployed.failed).toHaveLength(1);
    const d = t.deployed.failed[0]!.diagnostics[0]!;
    expect(d.code).toBe('SYN004');
    expect(d.line).toBe(1);
    expect(d.message).toContain("invalid value 'loud' for level");
  });
});
