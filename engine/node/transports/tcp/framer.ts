/**
 * Splits a TCP byte stream into records the way a TCP proxy's parameters say:
 *   delimiter  each record ends with the delimiter bytes (byte, character or string delimiter);
 *              what is left when the client closes is a last record, as MI dispatches it
 *   length     records of exactly `length` bytes (transport.tcp.recordLength); a short tail at
 *              close is dropped and reported
 *   stream     the whole connection up to the client's close is one record (no delimiter set)
 * A record longer than `maxBytes` is not kept: its bytes are discarded up to its end and it is
 * reported as `oversized`, so the records after it are served. Memory stays bounded by
 * `maxBytes` (plus one chunk) whatever the client sends.
 */
export type Framing = { kind: 'delimiter'; delimiter: Uint8Array } | { kind: 'length'; length: number } | { kind: 'stream' };

export type FramerEvent = { record: Buffer } | { oversized: number } | { incompleteTail: number };

export class RecordFramer {
  private buffered: Buffer = Buffer.alloc(0);
  /** Bytes thrown away of the current oversized record (undefined: not discarding). */
  private discarded: number | undefined;

  constructor(
    private readonly framing: Framing,
    private readonly maxBytes: number,
  ) {
    if (framing.kind === 'delimiter' && framing.delimiter.length === 0) throw new Error('a record delimiter cannot be empty');
    if (framing.kind === 'length' && !(framing.length > 0)) throw new Error('a record length must be positive');
  }

  /** Bytes held for the record in progress (bounded by maxBytes plus the delimiter's length). */
  get pendingBytes(): number {
    return this.buffered.length;
  }

  push(chunk: Uint8Array): FramerEvent[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : Buffer.from(chunk);
    switch (this.framing.kind) {
      case 'delimiter':
        return this.splitByDelimiter(Buffer.from(this.framing.delimiter));
      case 'length':
        return this.splitByLength(this.framing.length);
      case 'stream':
        this.capStream();
        return [];
    }
  }

  /** The client closed its side: whatever is pending. */
  end(): FramerEvent[] {
    const rest = this.buffered;
    this.buffered = Buffer.alloc(0);
    if (this.discarded !== undefined) {
      const n = this.discarded + rest.length;
      this.discarded = undefined;
      return [{ oversized: n }];
    }
    if (rest.length === 0) return [];
    if (this.framing.kind === 'length') return [{ incompleteTail: rest.length }];
    // A tail may hold up to a delimiter's length more than the limit while the delimiter could still come.
    return [rest.length > this.maxBytes ? { oversized: rest.length } : { record: rest }];
  }

  private splitByDelimiter(delimiter: Buffer): FramerEvent[] {
    const events: FramerEvent[] = [];
    for (;;) {
      const at = this.buffered.indexOf(delimiter);
      if (at < 0) break;
      const record = this.buffered.subarray(0, at);
      this.buffered = this.buffered.subarray(at + delimiter.length);
      if (this.discarded !== undefined) {
        events.push({ oversized: this.discarded + record.length });
        this.discarded = undefined;
      } else if (record.length > this.maxBytes) events.push({ oversized: record.length });
      else events.push({ record: Buffer.from(record) });
    }
    // No delimiter in what is left: past the limit, drop all but a possible delimiter prefix.
    const keep = delimiter.length - 1;
    if (this.discarded !== undefined || this.buffered.length > this.maxBytes + keep) {
      const drop = Math.max(0, this.buffered.length - keep);
      this.discarded = (this.discarded ?? 0) + drop;
      this.buffered = Buffer.from(this.buffered.subarray(drop));
    }
    return events;
  }

  private splitByLength(length: number): FramerEvent[] {
    const events: FramerEvent[] = [];
    while (this.buffered.length >= length) {
      const record = Buffer.from(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
      events.push(length > this.maxBytes ? { oversized: length } : { record });
    }
    return events;
  }

  private capStream(): void {
    if (this.discarded === undefined && this.buffered.length <= this.maxBytes) return;
    this.discarded = (this.discarded ?? 0) + this.buffered.length;
    this.buffered = Buffer.alloc(0);
  }
}
