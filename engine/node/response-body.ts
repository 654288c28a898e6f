/**
 * The body of a backend's response as undici's dispatcher delivers it (chunks
 * pushed by the parser), exposed as a BodySource without a Node stream per
 * response. Until someone consumes it, it buffers up to HIGH_WATER bytes and
 * then pauses the connection (backpressure), so an unread large body holds
 * no more memory than a stream would.
 */
import type { BodySource } from '../core/message.js';
import { PayloadTooLargeError } from '../core/errors.js';
import { asBytes } from './body-source.js';

const HIGH_WATER = 64 * 1024;

export class ResponseBody implements BodySource {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  private failure: Error | undefined;
  private consumed = false;
  /** The consumer's limit while read() collects; Infinity while streaming. */
  private limit = Infinity;
  private received = 0;
  private wake: (() => void) | undefined;
  private paused = false;

  constructor(
    readonly length: number | undefined,
    private readonly maxBytes: number,
    /** Resumes the paused connection. */
    private readonly resumeConnection: () => void,
    /** Aborts the exchange (body too large for a reader). */
    private readonly abort: (reason: Error) => void,
  ) {}

  // ---- producer side (the dispatch handler) ----

  /** Returns false to pause the connection until the consumer catches up. */
  push(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.received > this.limit) {
      this.fail(new PayloadTooLargeError(this.maxBytes));
      this.abort(this.failure!);
      return false;
    }
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.notify();
    if (this.limit === Infinity && this.buffered >= HIGH_WATER) {
      this.paused = true;
      return false;
    }
    return true;
  }

  end(): void {
    this.done = true;
    this.notify();
  }

  fail(e: Error): void {
    if (this.done) return;
    this.done = true;
    this.failure = e;
    this.notify();
  }

  // ---- consumer side (BodySource) ----

  completed(): Uint8Array | undefined {
    if (this.consumed || !this.done || this.failure) return undefined;
    this.consumed = true;
    return this.drain();
  }

  async read(): Promise<Uint8Array> {
    this.take();
    if (this.length !== undefined && this.length > this.maxBytes) {
      const e = new PayloadTooLargeError(this.maxBytes);
      this.abort(e);
      throw e;
    }
    this.limit = this.maxBytes;
    if (this.received > this.limit) {
      this.abort(new PayloadTooLargeError(this.maxBytes));
      throw new PayloadTooLargeError(this.maxBytes);
    }
    this.resume();
    while (!this.done) await this.next();
    if (this.failure) throw this.failure;
    return this.drain();
  }

  stream(): AsyncIterable<Uint8Array> {
    this.take();
    return this.iterate();
  }

  private async *iterate(): AsyncGenerator<Uint8Array> {
    for (;;) {
      if (this.chunks.length > 0) {
        const out = this.drain();
        this.resume();
        yield out;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await this.next();
    }
  }

  private take(): void {
    if (this.consumed) throw new Error('body already consumed');
    this.consumed = true;
  }

  private drain(): Uint8Array {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    return asBytes(all);
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumeConnection();
  }

  private next(): Promise<void> {
    return new Promise((r) => (this.wake = r));
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
