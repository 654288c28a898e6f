/** A small POP3 client (RFC 1939: USER/PASS, STAT, RETR, DELE, QUIT), enough for a polling listener. */
import net from 'node:net';
import tls from 'node:tls';

export class Pop3Client {
  private buffer = Buffer.alloc(0);
  private waiting: ((b: Buffer) => void) | undefined;
  private wantMulti = false;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.check();
    });
  }

  static async connect(o: { host: string; port: number; user: string; password: string; secure?: boolean; timeoutMs?: number }): Promise<Pop3Client> {
    const socket = o.secure ? tls.connect({ host: o.host, port: o.port, rejectUnauthorized: false }) : net.connect({ host: o.host, port: o.port });
    socket.setTimeout(o.timeoutMs ?? 10000, () => socket.destroy(new Error(`POP3 server ${o.host}:${o.port} did not answer in time`)));
    const client = new Pop3Client(socket);
    const failed = new Promise<never>((_r, reject) => socket.once('error', reject));
    await Promise.race([client.read(false), failed]);
    await Promise.race([client.command(`USER ${o.user}`), failed]);
    await Promise.race([client.command(`PASS ${o.password}`), failed]);
    return client;
  }

  private check(): void {
    if (!this.waiting) return;
    const s = this.buffer.toString('latin1');
    let end = -1;
    if (s.startsWith('-ERR') || !this.wantMulti) {
      const i = s.indexOf('\r\n');
      if (i >= 0) end = i + 2;
    } else {
      const i = s.indexOf('\r\n.\r\n');
      if (i >= 0) end = i + 5;
    }
    if (end < 0) return;
    const chunk = this.buffer.subarray(0, end);
    this.buffer = this.buffer.subarray(end);
    const w = this.waiting;
    this.waiting = undefined;
    w(chunk);
  }

  private read(multi: boolean): Promise<Buffer> {
    this.wantMulti = multi;
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting = (b) => {
        const line = b.toString('latin1');
        if (line.startsWith('-ERR')) reject(new Error(`POP3: ${line.trim()}`));
        else resolve(b);
      };
      this.check();
    });
  }

  async command(line: string, multi = false): Promise<Buffer> {
    const reply = this.read(multi);
    this.socket.write(`${line}\r\n`);
    return reply;
  }

  async count(): Promise<number> {
    const r = (await this.command('STAT')).toString('latin1');
    return Number(/^\+OK\s+(\d+)/.exec(r)?.[1] ?? 0);
  }

  /** The whole message, dot-stuffing removed. */
  async retrieve(n: number): Promise<Buffer> {
    const r = await this.command(`RETR ${n}`, true);
    const s = r.toString('latin1');
    const body = s.slice(s.indexOf('\r\n') + 2, s.length - 5 + 2);
    return Buffer.from(body.replace(/\r\n\.\./g, '\r\n.'), 'latin1');
  }

  async delete(n: number): Promise<void> {
    await this.command(`DELE ${n}`);
  }

  async quit(): Promise<void> {
    try {
      await this.command('QUIT');
    } finally {
      this.socket.end();
    }
  }
}
