/** Shared by the TCP transport page's examples: a raw client and the checks the three proxies have in common. */
import net from 'node:net';
import { expect } from 'vitest';
import type { CaseRun } from '../../runtime.js';
import { payloadOf, expectQuoteResponse, parseXml, descendants } from '../../xml.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { replace } from '../../case.js';

/** The page's port 6061 becomes 0: the listener takes a free port, read back from the runtime view. */
export const anyPort = replace('<parameter name="transport.tcp.port">6061</parameter>', '<parameter name="transport.tcp.port">0</parameter>');

export async function tcpPort(t: CaseRun, proxy: string): Promise<number> {
  await consuming(t, `proxy:${proxy}`);
  const port = t.host.active.statuses().find((s) => s.artifact === `proxy:${proxy}`)?.port;
  if (!port) throw new Error(`proxy:${proxy} reports no port`);
  return port;
}

export interface TcpClient {
  write(bytes: Buffer | string): void;
  /** Half-closes (as nc at the end of its input). */
  end(): void;
  /** Waits until what came back satisfies `done`; resolves with every byte received so far. */
  until(what: string, done: (received: Buffer) => boolean, ms?: number): Promise<Buffer>;
  /** Resolves once the server closed its side, with every byte received. */
  closed(ms?: number): Promise<Buffer>;
  received(): Buffer;
  destroy(): void;
}

export function connectTcp(port: number): Promise<TcpClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let ended = false;
    const waiters = new Set<() => void>();
    const wake = () => waiters.forEach((w) => w());
    socket.on('data', (c: Buffer) => (chunks.push(c), wake()));
    socket.on('end', () => ((ended = true), wake()));
    socket.once('error', reject);
    const received = () => Buffer.concat(chunks);
    const wait = (what: string, ok: () => boolean, ms: number) =>
      new Promise<Buffer>((res, rej) => {
        const check = () => {
          if (!ok()) return;
          waiters.delete(check);
          clearTimeout(timer);
          res(received());
        };
        const timer = setTimeout(() => (waiters.delete(check), rej(new Error(`timed out waiting for ${what}; received ${JSON.stringify(received().toString('latin1'))}`))), ms);
        waiters.add(check);
        check();
      });
    socket.on('connect', () =>
      resolve({
        write: (b) => void socket.write(b),
        end: () => void socket.end(),
        until: (what, done, ms = 8000) => wait(what, () => done(received()), ms),
        closed: (ms = 8000) => wait('the server to close the connection', () => ended, ms),
        received,
        destroy: () => void socket.destroy(),
      }),
    );
  });
}

export const count = (b: Buffer, needle: string | Buffer): number => b.toString('latin1').split(Buffer.from(needle).toString('latin1')).length - 1;

/** Splits `bytes` at each `delimiter`; the part after the last one must be empty (every reply delimited). */
export function records(bytes: Buffer, delimiter: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let rest = bytes;
  for (let at = rest.indexOf(delimiter); at >= 0; at = rest.indexOf(delimiter)) {
    out.push(rest.subarray(0, at));
    rest = rest.subarray(at + delimiter.length);
  }
  expect(rest.length, 'bytes after the last delimiter').toBe(0);
  return out;
}

/** One reply on the socket: a SOAP 1.1 envelope with the stand-in's getQuoteResponse for IBM. */
export function expectQuoteReply(reply: Buffer): void {
  const text = reply.toString('utf8');
  expect(parseXml(text).documentElement?.localName).toBe('Envelope');
  expectQuoteResponse(payloadOf(text), 'IBM');
}

/** What the stand-in received: `n` getQuote calls for IBM with action urn:getQuote, as the proxy builds them. */
export function expectGetQuotes(t: CaseRun, n: number): void {
  const calls = (t.backend('quotes').lastRequests as { body: string; headers: Record<string, string> }[]).filter((r) => r.body.includes('getQuote'));
  expect(calls).toHaveLength(n);
  expect(t.backend('quotes').hits.byOperation.getQuote ?? 0).toBe(n);
  for (const c of calls) {
    expect(String(c.headers.soapaction ?? '')).toContain('urn:getQuote');
    const symbols = descendants(parseXml(c.body), 'symbol');
    expect(symbols.map((s) => s.textContent)).toEqual(['IBM']);
    expect(symbols[0]!.namespaceURI).toBe('http://services.samples');
  }
}
