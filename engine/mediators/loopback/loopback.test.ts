import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

describe('loopback mediator', () => {
  it('round-trips', () => {
    roundTrip('<loopback/>');
    roundTrip('<loopback description="to out"/>');
  });

  it('moves to the out sequence and skips the rest of the in flow', async () => {
    const t = testEngine({
      'api.xml': apiWith('<payloadFactory media-type="json"><format>{"step":"in"}</format></payloadFactory><loopback/><log level="custom"><property name="after" value="loopback"/></log>', '<outSequence><log level="custom"><property name="direction" expression="get-property(\'FAULT\')"/></log><payloadFactory media-type="json"><format>{"step":"out","was":"${payload.step}"}</format></payloadFactory><respond/></outSequence>'),
    });
    const res = await t.request('GET', '/test');
    expect(res.json()).toEqual({ step: 'out', was: 'in' });
    expect(t.logger.records.some((r) => r.message === 'after = loopback')).toBe(false);
  });

  it('without an out sequence the message goes back to the client', async () => {
    const t = testEngine({ 'api.xml': apiWith('<payloadFactory media-type="json"><format>{"echo":true}</format></payloadFactory><loopback/>') });
    expect((await t.request('GET', '/test')).json()).toEqual({ echo: true });
  });

  it('runs the proxy out sequence', async () => {
    const t = testEngine({
      'p.xml': '<proxy xmlns="http://ws.apache.org/ns/synapse" name="P"><target><inSequence><loopback/></inSequence><outSequence><property name="HTTP_SC" value="203" scope="axis2"/><send/></outSequence></target></proxy>',
    });
    const res = await t.request('POST', '/services/P', { headers: { 'Content-Type': 'application/xml' }, body: '<a>1</a>' });
    expect(res.status).toBe(203);
    expect(res.text).toBe('<a>1</a>');
  });

  it('refuses content inside <loopback>', () => {
    const t = testEngine({ 'api.xml': apiWith('<loopback><log/></loopback>') });
    expect(t.deployed.failed[0]!.diagnostics[0]!.code).toBe('SYN005');
  });
});
