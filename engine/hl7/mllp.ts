/**
 * MLLP framing (HL7 v2 minimal lower layer protocol, as MI's HL7 codec and HAPI's
 * MinLowerLayerProtocol use it): a frame is 0x0B, the message bytes, 0x1C 0x0D.
 *
 * MllpDecoder is a stream reader over socket chunks. It yields complete frames, and errors
 * for what cannot be a frame, then goes on reading, so one bad frame costs only that frame:
 * - bytes outside a frame that are not whitespace (a peer that does not frame at all);
 * - a start byte inside an open frame (the open frame was never terminated; it is dropped and
 *   the new one read);
 * - a frame longer than maxFrameBytes (dropped up to its end block).
 * A 0x1C not followed by 0x0D is message content, not an end.
 */
import { concatBytes } from '../core/bytes.js';

export const MLLP_START = 0x0b;
export const MLLP_END = 0x1c;
export const MLLP_CR = 0x0d;

export type MllpEvent = { frame: Uint8Array } | { error: string };

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** One frame's bytes, always a copy (the parts may be views of socket buffers that get reused). */
function concat(parts: Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]!.slice() : concatBytes(parts);
}

export class MllpDecoder {
  private inFrame = false;
  private parts: Uint8Array[] = [];
  private size = 0;
  /** The previous chunk ended in 0x1C inside a frame: the next byte decides whether it was the end. */
  private pendingEnd = false;
  private oversized = false;
  private junk = 0;

  constructor(private readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {}

  /** Feeds one chunk; returns the frames and errors it completed, in order. */
  push(chunk: Uint8Array): MllpEvent[] {
    const events: MllpEvent[] = [];
    let i = 0;
    let from = 0;
    const n = chunk.length;
    while (i < n) {
      if (!this.inFrame) {
        const b = chunk[i]!;
        if (b === MLLP_START) {
          this.flushJunk(events);
          this.open();
          from = i + 1;
        } else if (!isWhitespace(b)) this.junk++;
        i++;
        continue;
      }
      if (this.pendingEnd) {
        this.pendingEnd = false;
        if (chunk[i] === MLLP_CR) {
          this.finish(events, 0);
          i++;
          continue;
        }
        this.append(Uint8Array.of(MLLP_END));
      }
      const b = chunk[i]!;
      if (b === MLLP_END) {
        if (i + 1 < n) {
          if (chunk[i + 1] === MLLP_CR) {
            this.append(chunk.subarray(from, i));
            this.finish(events, 0);
            i += 2;
            continue;
          }
          i++;
          continue;
        }
        this.append(chunk.subarray(from, i));
        this.pendingEnd = true;
        i++;
        from = i;
        continue;
      }
      if (b === MLLP_START) {
        this.append(chunk.subarray(from, i));
        events.push({ error: `An MLLP frame of ${this.size} bytes was not terminated (0x1C 0x0D) before the next frame started; it is dropped` });
        this.open();
        from = i + 1;
      }
      i++;
    }
    if (this.inFrame && !this.pendingEnd) this.append(chunk.subarray(from, n));
    return events;
  }

  /** Called when the connection ends: an open frame or trailing junk is reported. */
  end(): MllpEvent[] {
    const events: MllpEvent[] = [];
    this.flushJunk(events);
    if (this.inFrame) events.push({ error: `The connection closed inside an MLLP frame (${this.size} bytes read, no 0x1C 0x0D)` });
    this.inFrame = false;
    this.parts = [];
    this.size = 0;
    return events;
  }

  private open(): void {
    this.inFrame = true;
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.pendingEnd = false;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    if (this.oversized) return;
    if (this.size > this.maxFrameBytes) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(bytes.slice());
  }

  private finish(events: MllpEvent[], _extra: number): void {
    if (this.oversized) events.push({ error: `An MLLP frame of ${this.size} bytes is larger than the limit of ${this.maxFrameBytes} bytes; it is dropped` });
    else events.push({ frame: concat(this.parts) });
    this.inFrame = false;
    this.parts = [];
    this.size = 0;
    this.oversized = false;
  }

  private flushJunk(events: MllpEvent[]): void {
    if (this.junk > 0) events.push({ error: `${this.junk} bytes arrived outside an MLLP frame (a frame starts with 0x0B); they are ignored` });
    this.junk = 0;
  }
}

/** One message framed for the wire. */
export function mllpFrame(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 3);
  out[0] = MLLP_START;
  out.set(message, 1);
  out[message.length + 1] = MLLP_END;
  out[message.length + 2] = MLLP_CR;
  return out;
}
