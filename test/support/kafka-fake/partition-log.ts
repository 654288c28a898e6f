/**
 * One partition's log, kept as the record batches producers sent (magic 2). A batch is
 * stored as sent with its base offset rewritten to the log's end: the base offset is outside
 * the batch CRC, so the batch stays valid and is served back to consumers byte for byte.
 */

/** Offsets inside a v2 record batch header. */
const BATCH = { baseOffset: 0, batchLength: 8, magic: 16, lastOffsetDelta: 23, maxTimestamp: 35, overhead: 12 } as const;

export class PartitionLog {
  private readonly batches: { base: bigint; last: bigint; bytes: Buffer }[] = [];
  private end = 0n;
  private readonly waiters = new Set<() => void>();

  /** The next offset (the high watermark: everything is committed at once here). */
  get highWatermark(): bigint {
    return this.end;
  }

  /** Appends every batch of a RECORDS field; returns the base offset of the first. Throws on a format the fake does not speak. */
  append(records: Buffer): bigint {
    const first = this.end;
    let at = 0;
    while (at + BATCH.overhead <= records.length) {
      const length = records.readInt32BE(at + BATCH.batchLength);
      const bytes = Buffer.from(records.subarray(at, at + BATCH.overhead + length));
      if (bytes.readInt8(BATCH.magic) !== 2) throw new Error(`record batch magic ${bytes.readInt8(BATCH.magic)} (the fake speaks magic 2 only)`);
      const count = BigInt(bytes.readInt32BE(BATCH.lastOffsetDelta)) + 1n;
      bytes.writeBigInt64BE(this.end, BATCH.baseOffset);
      this.batches.push({ base: this.end, last: this.end + count - 1n, bytes });
      this.end += count;
      at += BATCH.overhead + length;
    }
    for (const w of [...this.waiters]) w();
    return first;
  }

  /** The batches holding `offset` and after, up to about `maxBytes` (at least one batch, as Kafka does). */
  read(offset: bigint, maxBytes: number): Buffer {
    const out: Buffer[] = [];
    let size = 0;
    for (const b of this.batches) {
      if (b.last < offset) continue;
      if (out.length > 0 && size + b.bytes.length > maxBytes) break;
      out.push(b.bytes);
      size += b.bytes.length;
    }
    return Buffer.concat(out);
  }

  /** Resolves when records are appended or after `ms`. */
  waitForData(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Offset of the first record with a timestamp at or after `ts` (ListOffsets by time), else the end. */
  offsetForTime(ts: bigint): bigint {
    for (const b of this.batches) if (b.bytes.readBigInt64BE(BATCH.maxTimestamp) >= ts) return b.base;
    return this.end;
  }
}
