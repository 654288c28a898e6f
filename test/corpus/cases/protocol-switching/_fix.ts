/**
 * What the FIX corpus modules share: free ports chosen when the module loads (the artifacts
 * name them before the runtime starts), the documented session files rewritten to those ports
 * in a folder of the module's own, and the FIX peers of engine/node/transports/fix/
 * test-counterparty.ts standing in for QuickFIX/J's Banzai (initiator) and Executor (acceptor).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { CORPUS } from '../../runtime.js';
import { FixPeer, type Received } from '../../../../engine/node/transports/fix/test-counterparty.js';

export { FixPeer, type Received };

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface FixCaseEnv {
  /** Where the runtime's acceptor listens (the cfg's SocketAcceptPort). */
  acceptorPort: number;
  /** Where the Executor stand-in listens (the endpoint's fix:// port). */
  executorPort: number;
  /** Writes a session file with its ports replaced; returns the file: URL to put in the proxy. */
  cfg(name: string, text: string): string;
}

export async function fixCaseEnv(): Promise<FixCaseEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-fix-cfg-'));
  const acceptorPort = await freePort();
  const executorPort = await freePort();
  return {
    acceptorPort,
    executorPort,
    cfg(name, text) {
      const out = text
        .replace(/SocketAcceptPort=\d+/g, `SocketAcceptPort=${acceptorPort}`)
        .replace(/SocketConnectPort=\d+/g, `SocketConnectPort=${executorPort}`)
        .replace(/SocketConnectHost=localhost/g, 'SocketConnectHost=127.0.0.1');
      const file = path.join(dir, name);
      fs.writeFileSync(file, out);
      return `file:${file}`;
    },
  };
}

/** A session file of the FIX transport page (transports/fix-transport-proxy), verbatim. */
export function transportPageCfg(name: 'fix-synapse.cfg' | 'synapse-sender.cfg'): string {
  return fs.readFileSync(path.join(CORPUS, 'transports/fix-transport-proxy', name), 'utf8');
}

/** A fix:// address pointed at the Executor stand-in (127.0.0.1: the stand-in listens on IPv4 only). */
export function fixAddressAt(env: FixCaseEnv, documentedPort: number): (text: string) => string {
  return (text) => text.split(`fix://localhost:${documentedPort}`).join(`fix://127.0.0.1:${env.executorPort}`);
}

/** Waits until the runtime's acceptor of `proxy` listens. */
export async function acceptorListening(t: { host: { active: { statuses(): { artifact: string; state: string; lastError?: string }[] } } }, proxy: string): Promise<void> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const s = t.host.active.statuses().find((x) => x.artifact === `proxy:${proxy}`);
    if (s?.state === 'listening') return;
    if (Date.now() > deadline) throw new Error(`proxy ${proxy} is not listening for FIX: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every message a peer received is well framed: BodyLength and CheckSum as the peer computes them. */
export function expectWellFramed(peer: FixPeer): void {
  for (const m of peer.received) expect({ text: m.text, bodyLength: m.bodyLengthOk, checksum: m.checksumOk }).toEqual({ text: m.text, bodyLength: true, checksum: true });
}

/** A NewOrderSingle's fields (after MsgType) as Banzai sends it. */
export function newOrderSingle(o: { clOrdId: string; symbol: string; side: string; quantity: string; ordType: string; price?: string }): [number, string][] {
  return [
    [35, 'D'],
    [11, o.clOrdId],
    [21, '1'],
    [55, o.symbol],
    [54, o.side],
    [60, '20261207-02:00:00'],
    [38, o.quantity],
    [40, o.ordType],
    ...(o.price ? ([[44, o.price]] as [number, string][]) : []),
  ];
}

/** What an order-handling consumer behind a queue answers: an ExecutionReport (New) for the order in `body`, as FIX XML. */
export function executionReportFor(body: string): string {
  const field = (id: number) => new RegExp(`<field id="${id}">([^<]*)</field>`).exec(body)?.[1] ?? '';
  return `<message><header><field id="35">8</field></header><body><field id="6">0</field><field id="11">${field(11)}</field><field id="14">0</field><field id="17">Q1</field><field id="20">0</field><field id="31">0</field><field id="32">0</field><field id="37">Q1</field><field id="38">${field(38)}</field><field id="39">0</field><field id="54">${field(54)}</field><field id="55">${field(55)}</field></body><trailer/></message>`;
}
