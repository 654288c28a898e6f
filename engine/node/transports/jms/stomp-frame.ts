/**
 * STOMP 1.2 frames: encoding and an incremental decoder for a byte stream.
 * Header values are escaped (\\ \n \r \c) except in CONNECT/CONNECTED, as the spec says;
 * a body is read by `content-length` when given, else up to the NUL octet.
 * Heart-beat EOLs between frames are skipped (the decoder reports them so the
 * client can tell the connection is alive).
 */
export interface StompFrame {
  command: string;
  /** First occurrence wins on repeated headers (STOMP 1.2 §"Repeated Header Entries"). */
  headers: Record<string, string>;
  body: Buffer;
}

const NO_ESCAPE = new Set(['CONNECT', 'CONNECTED']);

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
}

function unescapeValue(v: string): string {
  return v.replace(/\\([\\rnc])/g, (_, c: string) => (c === 'r' ? '\r' : c === 'n' ? '\n' : c === 'c' ? ':' : '\\'));
}

export function encodeFrame(command: string, headers: Record<string, string | number | undefined>, body?: Buffer | string): Buffer {
  const raw = NO_ESCAPE.has(command);
  const bytes = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let head = `${command}\n`;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    head += raw ? `${k}:${v}\n` : `${escapeValue(k)}:${escapeValue(String(v))}\n`;
  }
  if (bytes.length > 0 && headers['content-length'] === undefined) head += `content-length:${bytes.length}\n`;
  return Buffer.concat([Buffer.from(`${head}\n`, 'utf8'), bytes, Buffer.from([0])]);
}

export class StompDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns the complete frames and whether a heart-beat EOL was seen. */
  push(chunk: Buffer): { frames: StompFrame[]; heartbeat: boolean } {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: StompFrame[] = [];
    let heartbeat = false;
    for (;;) {
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === 0x0a || this.buffer[start] === 0x0d)) start++;
      if (start > 0) heartbeat = true;
      this.buffer = this.buffer.subarray(start);
      const headerEnd = this.buffer.indexOf('\n\n');
      const crlfEnd = this.buffer.indexOf('\r\n\r\n');
      const useCrlf = crlfEnd >= 0 && (headerEnd < 0 || crlfEnd < headerEnd);
      const end = useCrlf ? crlfEnd : headerEnd;
      if (end < 0) break;
      const headText = this.buffer.subarray(0, end).toString('utf8');
      const bodyStart = end + (useCrlf ? 4 : 2);
      const lines = headText.split(/\r?\n/);
      const command = lines[0]!;
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const k = NO_ESCAPE.has(command) ? line.slice(0, colon) : unescapeValue(line.slice(0, colon));
        const v = NO_ESCAPE.has(command) ? line.slice(colon + 1) : unescapeValue(line.slice(colon + 1));
        if (!(k in headers)) headers[k] = v;
      }
      let bodyEnd: number;
      if (headers['content-length'] !== undefined) {
        bodyEnd = bodyStart + Number(headers['content-length']);
        if (this.buffer.length < bodyEnd + 1) break;
      } else {
        bodyEnd = this.buffer.indexOf(0, bodyStart);
        if (bodyEnd < 0) break;
      }
      frames.push({ command, headers, body: Buffer.from(this.buffer.subarray(bodyStart, bodyEnd)) });
      this.buffer = this.buffer.subarray(bodyEnd + 1);
    }
    return { frames, heartbeat };
  }
}
