/**
 * The FIX counterparty the tests start (no well-kept FIX engine fits here: the npm `jspurefix`
 * needs its dictionaries and a container set-up, and the tests need to write broken bytes on
 * purpose). Written independently of codec.ts: its own framing, BodyLength and CheckSum, so
 * a mistake in the transport's codec cannot hide behind the same mistake here.
 *
 * - `executor`: a FIX acceptor like QuickFIX/J's Executor example: answers Logon, TestRequest,
 *   and each NewOrderSingle (35=D) with two ExecutionReports (39=0 New, then 39=2 Filled).
 * - `banzai`: an initiator like QuickFIX/J's Banzai: connects, logs on, sends what it is told.
 * Every message received is kept as text (SOH shown as `|`) with its checks.
 */
import net from 'node:net';

export interface Received {
  text: string;
  fields: Map<number, string>;
  /** Whether BodyLength and CheckSum matched what this peer computes. */
  bodyLengthOk: boolean;
  checksumOk: boolean;
}

function frame(beginString: string, fields: [number, string][]): Buffer {
  const body = fields.map(([t, v]) => `${t}=${v}\x01`).join('');
  const head = `8=${beginString}\x019=${Buffer.byteLength(body)}\x01`;
  let sum = 0;
  for (const b of Buffer.from(head + body)) sum += b;
  return Buffer.from(`${head}${body}10=${String(sum % 256).padStart(3, '0')}\x01`);
}

/** Splits complete messages off `buf` (by the checksum field), checking length and sum. */
function split(buf: Buffer): { messages: Received[]; rest: Buffer } {
  const messages: Received[] = [];
  let text = buf.toString('latin1');
  for (;;) {
    const end = /\x0110=\d{3}\x01/.exec(text);
    if (!end) break;
    const raw = text.slice(0, end.index + end[0].length);
    text = text.slice(raw.length);
    const fields = new Map<number, string>();
    for (const f of raw.split('\x01').filter(Boolean)) fields.set(Number(f.slice(0, f.indexOf('='))), f.slice(f.indexOf('=') + 1));
    const afterLen = raw.indexOf('\x01', raw.indexOf('\x019=') + 1) + 1;
    const checksumAt = end.index + 1;
    let sum = 0;
    for (let i = 0; i < checksumAt; i++) sum += raw.charCodeAt(i);
    messages.push({ text: raw.replace(/\x01/g, '|'), fields, bodyLengthOk: Number(fields.get(9)) === checksumAt - afterLen, checksumOk: Number(fields.get(10)) === sum % 256 });
  }
  return { messages, rest: Buffer.from(text, 'latin1') };
}

const now = () => new Date().toISOString().replace(/[-]/g, '').replace('T', '-').slice(0, 17);

export class FixPeer {
  readonly received: Received[] = [];
  private socket?: net.Socket;
  private server?: net.Server;
  private seq = 1;
  private orders = 0;
  port = 0;

  constructor(
    readonly role: 'executor' | 'banzai',
    readonly beginString: string,
    readonly senderCompId: string,
    readonly targetCompId: string,
  ) {}

  /** Executor: listens on `port` (0 = a free one). */
  async listen(port = 0): Promise<number> {
    this.server = net.createServer((s) => this.bind(s));
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Banzai: connects and logs on (HeartBtInt `hb`), resolves when the Logon is answered. */
  async connect(port: number, hb = 30, logon: [number, string][] = []): Promise<void> {
    const s = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((r, j) => s.once('connect', () => r()).once('error', j));
    this.bind(s);
    this.send([[35, 'A'], [98, '0'], [108, String(hb)], ...logon]);
    await this.waitFor((m) => m.fields.get(35) === 'A');
  }

  private bind(s: net.Socket): void {
    this.socket = s;
    let buf: Buffer = Buffer.alloc(0);
    s.on('error', () => undefined);
    s.on('data', (chunk) => {
      const { messages, rest } = split(Buffer.concat([buf, chunk]));
      buf = rest;
      for (const m of messages) this.onMessage(m);
    });
  }

  private onMessage(m: Received): void {
    this.received.push(m);
    const type = m.fields.get(35);
    if (type === 'A' && this.role === 'executor') this.send([[35, 'A'], [98, '0'], [108, m.fields.get(108) ?? '30']]);
    if (type === '1') this.send([[35, '0'], [112, m.fields.get(112) ?? '']]);
    if (type === '5' && this.role === 'executor') this.send([[35, '5']]);
    if (type === 'D' && this.role === 'executor') {
      const id = ++this.orders;
      const common: [number, string][] = [[11, m.fields.get(11) ?? ''], [17, `E${id}a`], [20, '0'], [37, `O${id}`], [38, m.fields.get(38) ?? '0'], [54, m.fields.get(54) ?? '1'], [55, m.fields.get(55) ?? '']];
      this.send([[35, '8'], [6, '0'], [14, '0'], [31, '0'], [32, '0'], [39, '0'], ...common]);
      this.send([[35, '8'], [6, '12.30'], [14, m.fields.get(38) ?? '0'], [31, '12.30'], [32, m.fields.get(38) ?? '0'], [39, '2'], ...common.map(([t, v]) => [t, t === 17 ? `E${id}b` : v] as [number, string])]);
    }
  }

  /** Sends with the next sequence number (or `seq` given, for gap and too-low tests). */
  send(fields: [number, string][], seq?: number): void {
    const [type, ...rest] = fields;
    const n = seq ?? this.seq++;
    this.socket!.write(frame(this.beginString, [type!, [49, this.senderCompId], [56, this.targetCompId], [34, String(n)], [52, now()], ...rest]));
  }

  /** Writes bytes as they are (broken messages). */
  raw(bytes: Buffer): void {
    this.socket!.write(bytes);
  }

  frame(fields: [number, string][], seq: number): Buffer {
    const [type, ...rest] = fields;
    return frame(this.beginString, [type!, [49, this.senderCompId], [56, this.targetCompId], [34, String(seq)], [52, now()], ...rest]);
  }

  nextSeq(): number {
    return this.seq;
  }

  skipSeq(n: number): void {
    this.seq += n;
  }

  async waitFor(match: (m: Received) => boolean, timeoutMs = 8000, from = 0): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${this.role} did not receive the expected message; got: ${this.received.map((r) => r.text).join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  get closed(): boolean {
    return !this.socket || this.socket.destroyed || this.socket.readableEnded;
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
