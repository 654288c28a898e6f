import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('builder mediator', () => {
  it('round-trips its configuration', () => {
    roundTrip('<builder><messageBuilder contentType="application/binary" class="org.apache.axis2.format.BinaryBuilder" formatterClass="org.apache.axis2.format.BinaryFormatter"/></builder>');
    roundTrip('<builder/>');
  });

  it('deploys with a warning naming the ignored classes and builds the message', async () => {
    const t = testEngine({ 'api.xml': apiWith('<builder><messageBuilder contentType="text/csv" class="com.acme.CsvBuilder"/></builder><log level="full"/><respond/>') });
    expect(t.deployed.failed).toEqual([]);
    // One warning per use (the test API has two resources).
    expect(new Set(t.deployed.warnings.map((w) => w.message))).toEqual(new Set(["messageBuilder for 'text/csv': Java classes (com.acme.CsvBuilder) are ignored; the built-in builder for the content type is used"]));
    const res = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(res.json()).toEqual({ a: 1 });
  });

  it('refuses a messageBuilder without class', () => {
    const t = testEngine({ 'api.xml': apiWith('<builder><messageBuilder contentType="text/csv"/></builder>') });
    expect(t.deployed.failed).toHaveLength(1);
    expect(t.deployed.failed[0]!.diagnostics[0]!.message).toContain('class');
  });
});
