import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { connectMllp, unframe } from '../../../../engine/node/transports/hl7/mllp-test-client.js';
import { ackSummary, fieldText, parseEr7 } from '../../../../engine/hl7/index.js';
import { consuming } from './_listening.js';

/** The page's port 20000 moved to one of this run. */
const PORT = 21000 + Math.floor(Math.random() * 20000);

/** The case's ADT^A01 (v2.2), shortened to the segments the checks need. */
const ADT = [
  'MSH|^~\\&|HIS|RIH|EKG|EKG|199904140038||ADT^A01|12345|P|2.2',
  'PID|0001|00009874|00001122|A00977|SMITH^JOHN^M|MOM|19581119|F|NOTREAL^LINDA^M|C|564 SPRING ST^^NEEDHAM^MA^02494^US|0002|(818)565-1551|(425)828-3344|E|S|C|0000444444|252-00-4414',
].join('\r');

export default defineCase({
  id: 'inbound-endpoints/hl7-inbound-auto-ack',
  title: 'HL7 inbound endpoint (MLLP, auto ACK) → main sequence logs the message as MI\'s HL7 XML; the client gets ACK AA with the control id; a non-HL7 frame gets the default NACK AR',
  status: 'pass',
  docsWrong: [
    'the page prints neither the log nor the ACK; the checks follow MI\'s source: a full log of the envelope with <hl7:message> around HAPI\'s XML, and HAPI generateACK (MSA AA, MSA-2 = MSH-10, MSH-3/4 and MSH-5/6 swapped)',
    'the main sequence\'s <out><send/></out> is never reached: nothing is sent out',
  ],
  deviates: [
    'the runtime has no legacy <in>/<out> mediators yet: sequence_main.xml is deployed with <in> unwrapped (an injected request runs the in branch) and the unreachable <out><send/></out> removed',
  ],
  artifacts: [
    { file: 'inboundendpoint_Sample1.xml', edits: [replace('>20000<', `>${PORT}<`)] },
    { file: 'sequence_main.xml', edits: [replace(/<in>\s*([\s\S]*?)\s*<\/in>/, '$1'), replace(/<out>[\s\S]*?<\/out>/, '')] },
    { file: 'sequence_fault.xml' },
  ],
  async run(t) {
    await consuming(t, 'inbound-endpoint:Sample1');
    const c = await connectMllp(PORT);
    try {
      c.send(ADT);
      const frame = await c.nextFrame(1000);
      // MLLP on the wire: 0x0B, the message, 0x1C 0x0D, and nothing else.
      expect(frame[0]).toBe(0x0b);
      expect([...frame.subarray(-2)]).toEqual([0x1c, 0x0d]);
      expect(frame.subarray(1, -2).includes(0x0b)).toBe(false);
      const text = unframe(frame);
      expect(text.endsWith('\r')).toBe(true);
      const ack = parseEr7(text);
      expect(ack.segments.map((s) => s.name)).toEqual(['MSH', 'MSA']);
      expect(t.logs().some((l) => l.includes('Could not find inbound sequence'))).toBe(false);
      expect(ackSummary(ack)).toMatchObject({ code: 'AA', controlId: '12345' });
      const msh = ack.segments[0]!;
      expect([fieldText(msh, 3), fieldText(msh, 4), fieldText(msh, 5), fieldText(msh, 6)]).toEqual(['EKG', 'EKG', 'HIS', 'RIH']);
      expect(fieldText(msh, 9)).toBe('ACK');
      expect(fieldText(msh, 9, 2)).toBe('A01');
      expect(fieldText(msh, 12)).toBe('2.2');
      expect(fieldText(msh, 10)).not.toBe('12345');
      expect(fieldText(msh, 7)).toMatch(/^\d{14}\.\d{3}[+-]\d{4}$/);

      const logged = await t.waitForLog(/http:\/\/wso2\.org\/hl7/);
      expect(logged).toContain('<hl7:message xmlns:hl7="http://wso2.org/hl7"><ADT_A01 xmlns="urn:hl7-org:v2xml">');
      expect(logged).toMatch(/<PID\.5><PN\.1>SMITH<\/PN\.1>/);
      expect(logged).toContain('<MSH.10>12345</MSH.10>');

      // Not HL7: the default NACK (MSA-1 AR), nothing injected, the listener keeps listening.
      c.write('\x0bhello\x1c\x0d');
      const nack = unframe(await c.nextFrame(1000));
      expect(nack.split('\r').find((s) => s.startsWith('MSA|'))).toBe('MSA|AR|123456789');
      c.send(ADT.replace('|12345|', '|12346|'));
      expect(ackSummary(parseEr7(unframe(await c.nextFrame(1000))))).toMatchObject({ code: 'AA', controlId: '12346' });
      await t.waitForLog(/<MSH\.10>12346<\/MSH\.10>/);
      expect(t.logs().filter((l) => l.includes('http://wso2.org/hl7'))).toHaveLength(2);
      expect(t.logs().some((l) => l.includes('hello') && l.includes('Envelope'))).toBe(false);
    } finally {
      c.close();
    }
  },
});
