import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('drop mediator', () => {
  it('round-trips', () => {
    roundTrip('<drop/>');
  });

  it('stops the flow; a client still waiting gets 202 Accepted with no body', async () => {
    const t = testEngine({ 'api.xml': apiWith('<drop/><log level="custom"><property name="after" value="drop"/></log><respond/>') });
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    expect(t.logger.records.some((l) => l.message.includes('after = drop'))).toBe(false);
  });

  it('refuses content inside it', () => {
    const t = testEngine({ 'api.xml': apiWith('<drop>now</drop>') });
    expect(t.deployed.failed[0]!.diagnostics[0]).toMatchObject({ code: 'SYN005' });
  });
});
