import { describe, it, expect } from 'vitest';
import { testEngine, apiWith } from '../../testing/harness.js';
import { roundTrip } from '../../testing/round-trip.js';

const seq = (name: string, body: string) => `<sequence xmlns="http://ws.apache.org/ns/synapse" name="${name}">${body}</sequence>`;
const answer = (v: string) => `<payloadFactory media-type="json"><format>{"ran":"${v}"}</format></payloadFactory><respond/>`;

describe('sequence mediator with a key expression', () => {
  it('round-trips dynamic keys', () => {
    roundTrip('<sequence key="{get-property(\'target\')}"/>');
    roundTrip('<sequence key="${headers[\'X-Seq\']}"/>');
  });

  it('picks the sequence per message from an XPath or ${} key', async () => {
    const t = testEngine({
      'api.xml': apiWith('<property name="target" expression="$trp:X-Seq"/><sequence key="{get-property(\'target\')}"/>'),
      'b.xml': apiWith('<sequence key="${headers[\'X-Seq\']}"/>').replace('TestAPI', 'B').replace('/test', '/b'),
      'one.xml': seq('one', answer('one')),
      'two.xml': seq('two', answer('two')),
    });
    expect(t.deployed.failed).toEqual([]);
    expect((await t.request('GET', '/test', { headers: { 'X-Seq': 'one' } })).json()).toEqual({ ran: 'one' });
    expect((await t.request('GET', '/test', { headers: { 'X-Seq': 'two' } })).json()).toEqual({ ran: 'two' });
    expect((await t.request('GET', '/b', { headers: { 'X-Seq': 'two' } })).json()).toEqual({ ran: 'two' });
  });

  it('an unknown dynamic key faults naming the sequence, and the API keeps serving', async () => {
    const t = testEngine({
      'api.xml': apiWith('<sequence key="${headers[\'X-Seq\']}"/>', '<faultSequence><payloadFactory media-type="json"><format>{"e":"$1"}</format><args><arg expression="$ctx:ERROR_MESSAGE"/></args></payloadFactory><respond/></faultSequence>'),
      'one.xml': seq('one', answer('one')),
    });
    expect((await t.request('GET', '/test', { headers: { 'X-Seq': 'nope' } })).json()).toEqual({ e: 'Sequence named nope cannot be found' });
    expect((await t.request('GET', '/test', { headers: { 'X-Seq': 'one' } })).json()).toEqual({ ran: 'one' });
  });
});
