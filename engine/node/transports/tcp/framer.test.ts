import { describe, expect, it } from 'vitest';
import { RecordFramer } from './framer.js';

const text = (events: ReturnType<RecordFramer['push']>) => events.map((e) => ('record' in e ? e.record.toString() : e));

describe('TCP record framer', () => {
  it('splits on a character delimiter across chunks and gives the undelimited tail at close', () => {
    const f = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from('|') }, 100);
    expect(text(f.push(Buffer.from('<a/>|<b')))).toEqual(['<a/>']);
    expect(text(f.push(Buffer.from('/>|<c/>')))).toEqual(['<b/>']);
    expect(text(f.end())).toEqual(['<c/>']);
  });

  it('splits on a string delimiter that straddles two chunks', () => {
    const f = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from('split') }, 100);
    expect(text(f.push(Buffer.from('one sp')))).toEqual([]);
    expect(text(f.push(Buffer.from('littwo')))).toEqual(['one ']);
    expect(text(f.end())).toEqual(['two']);
  });

  it('refuses an oversized record, then serves the next one', () => {
    const f = new RecordFramer({ kind: 'delimiter', delimiter: Buffer.from([0x03]) }, 5);
    expect(text(f.push(Buffer.from('0123456789\x03ok\x03')))).toEqual([{ oversized: 10 }, 'ok']);
  });

  it('cuts fixed-length records and reports a short tail', () => {
    const f = new RecordFramer({ kind: 'length', length: 4 }, 100);
    expect(text(f.push(Buffer.from('abcdefgh12')))).toEqual(['abcd', 'efgh']);
    expect(f.end()).toEqual([{ incompleteTail: 2 }]);
  });

  it('takes the whole stream as one record when there is no delimiter, refusing it past the limit', () => {
    const small = new RecordFramer({ kind: 'stream' }, 10);
    small.push(Buffer.from('<a>'));
    small.push(Buffer.from('</a>'));
    expect(text(small.end())).toEqual(['<a></a>']);
    const big = new RecordFramer({ kind: 'stream' }, 3);
    big.push(Buffer.from('<a></a>'));
    expect(big.pendingBytes).toBe(0);
    expect(big.end()).toEqual([{ oversized: 7 }]);
  });

  it('rejects an empty delimiter and a record length of zero', () => {
    expect(() => new RecordFramer({ kind: 'delimiter', delimiter: Buffer.alloc(0) }, 1)).toThrow('a record delimiter cannot be empty');
    expect(() => new RecordFramer({ kind: 'length', length: 0 }, 1)).toThrow('a record length must be positive');
  });
});
