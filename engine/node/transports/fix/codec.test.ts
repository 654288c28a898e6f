/** The FIX wire format: BodyLength and CheckSum as the spec computes them, and the decoder's handling of split, glued and broken input. */
import { describe, expect, it } from 'vitest';
import { encodeFix, FixDecoder, printable, fieldOf } from './codec.js';

const bytes = (s: string) => new TextEncoder().encode(s.replace(/\|/g, '\x01'));

describe('FIX codec', () => {
  it('writes BodyLength and CheckSum as the FIX spec example computes them', () => {
    // Body "35=0|49=A|56=B|34=1|52=20260101-00:00:00|" is 41 bytes.
    const out = encodeFix([[8, 'FIX.4.2'], [35, '0'], [49, 'A'], [56, 'B'], [34, '1'], [52, '20260101-00:00:00']]);
    const text = printable(out);
    expect(text.startsWith('8=FIX.4.2|9=41|35=0|49=A|')).toBe(true);
    let sum = 0;
    const at = text.lastIndexOf('10=');
    for (const b of out.subarray(0, at)) sum += b;
    expect(text.slice(at)).toBe(`10=${String(sum % 256).padStart(3, '0')}|`);
  });

  it('reads messages split across reads and several in one read', () => {
    const a = encodeFix([[8, 'FIX.4.0'], [35, 'D'], [11, 'ord1'], [55, 'IBM']]);
    const b = encodeFix([[8, 'FIX.4.4'], [35, '8'], [11, 'ord1'], [39, '2']]);
    const all = new Uint8Array([...a, ...b]);
    const d = new FixDecoder();
    const events = [...d.push(all.subarray(0, 7)), ...d.push(all.subarray(7, a.length + 3)), ...d.push(all.subarray(a.length + 3))];
    expect(events.map((e) => e.kind)).toEqual(['message', 'message']);
    const [m1, m2] = events.map((e) => (e.kind === 'message' ? e.message : undefined));
    expect(fieldOf(m1!, 55)).toBe('IBM');
    expect(fieldOf(m2!, 8)).toBe('FIX.4.4');
    expect(fieldOf(m2!, 39)).toBe('2');
  });

  it('reports a bad checksum as garbled with both sums, and reads the next message', () => {
    const good = encodeFix([[8, 'FIX.4.0'], [35, '0'], [34, '2']]);
    const bad = printable(encodeFix([[8, 'FIX.4.0'], [35, '0'], [34, '1']])).replace(/10=\d{3}\|$/, '10=000|');
    const events = new FixDecoder().push(new Uint8Array([...bytes(bad), ...good]));
    expect(events[0]).toMatchObject({ kind: 'garbled' });
    expect(events[0]!.kind === 'garbled' && events[0]!.reason).toMatch(/^CheckSum \(10\) is 000, expected \d{3}$/);
    expect(events[1]!.kind).toBe('message');
  });

  it('reports a wrong BodyLength as garbled and resynchronises on the next 8=FIX', () => {
    const good = encodeFix([[8, 'FIX.4.1'], [35, '0'], [34, '7']]);
    const wrong = bytes('8=FIX.4.1|9=5|35=0|34=6|10=123|');
    const events = new FixDecoder().push(new Uint8Array([...wrong, ...good]));
    expect(events[0]!.kind === 'garbled' && events[0]!.reason).toMatch(/BodyLength \(9\) 5 does not end at CheckSum/);
    const last = events.at(-1)!;
    expect(last.kind === 'message' && fieldOf(last.message, 34)).toBe('7');
  });

  it('skips noise before a message and refuses SOH inside a value', () => {
    const good = encodeFix([[8, 'FIX.4.3'], [35, '1'], [112, 'x']]);
    const events = new FixDecoder().push(new Uint8Array([...bytes('garbage|||'), ...good]));
    expect(events.map((e) => e.kind)).toEqual(['message']);
    expect(() => encodeFix([[8, 'FIX.4.3'], [58, 'a\x01b']])).toThrow(/field 58 contains SOH/);
  });
});
