import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('respond mediator', () => {
  it('round-trips', () => {
    roundTrip('<respond/>');
    roundTrip('<respond description="back to the client"/>');
  });

  it('sends the current message back and stops the flow', async () => {
    const t = testEngine({ 'api.xml': apiWith('<respond/><log level="custom"><property name="after" value="respond"/></log>') });
    const r = await t.request('POST', '/test', { headers: { 'Content-Type': 'application/json' }, body: '{"echo":true}' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ echo: true });
    expect(t.logger.records.some((l) => l.message.includes('after = respond'))).toBe(false);
  });

  it('refuses children and unknown attribute values', () => {
    const t = testEngine({ 'api.xml': apiWith('<respond><log/></respond>') });
    expect(t.deployed.failed[0]!.diagnostics[0]).toMatchObject({ code: 'SYN005' });
  });
});
