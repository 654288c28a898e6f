/** Kafka wire primitives (big-endian, non-flexible versions only): what the fake reads from requests and writes into responses. */

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  int8(): number {
    return this.buf.readInt8(this.advance(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.advance(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.advance(4));
  }
  int64(): bigint {
    return this.buf.readBigInt64BE(this.advance(8));
  }
  /** STRING / NULLABLE_STRING (null for length -1). */
  string(): string | null {
    const n = this.int16();
    if (n < 0) return null;
    return this.buf.toString('utf8', this.advance(n), this.pos);
  }
  /** BYTES / NULLABLE_BYTES / RECORDS. */
  bytes(): Buffer | null {
    const n = this.int32();
    if (n < 0) return null;
    const start = this.advance(n);
    return this.buf.subarray(start, start + n);
  }
  array<T>(item: (r: Reader) => T): T[] {
    const n = this.int32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  private advance(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) throw new RangeError(`request truncated at byte ${at} (needs ${n} more)`);
    this.pos += n;
    return at;
  }
}

export class Writer {
  private readonly parts: Buffer[] = [];

  int8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v);
    return this.push(b);
  }
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    return this.push(b);
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.push(b);
  }
  int64(v: bigint | number): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(v));
    return this.push(b);
  }
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const b = Buffer.from(v, 'utf8');
    return this.int16(b.length).push(b);
  }
  bytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1);
    return this.int32(v.length).push(v);
  }
  array<T>(items: readonly T[], item: (w: Writer, v: T, index: number) => void): this {
    this.int32(items.length);
    items.forEach((v, i) => item(this, v, i));
    return this;
  }
  raw(b: Buffer): this {
    return this.push(b);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }

  private push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
}
