/** What the JMS corpus cases share: a STOMP connection to the machine's ActiveMQ (the runtime maps MI's OpenWire URLs to it) and collecting probes. */
import { randomUUID } from 'node:crypto';
import { StompClient, type StompMessage, type SubscribeOptions } from '../../../../engine/node/transports/jms/stomp-client.js';

export const STOMP = { host: '127.0.0.1', port: 61613 } as const;

export const runId = (): string => randomUUID().slice(0, 8);

export function connect(): Promise<StompClient> {
  return StompClient.connect({ ...STOMP });
}

/** Messages arriving on `destination` from now on (auto-ack: they are consumed). */
export async function collect(c: StompClient, destination: string, o: SubscribeOptions = {}): Promise<StompMessage[]> {
  const got: StompMessage[] = [];
  await c.subscribe(destination, (m) => got.push(m), o);
  return got;
}

/** Consumes and discards whatever earlier runs left on a queue the docs name (ends after `quietMs` without a message). */
export async function drain(destination: string, quietMs = 300): Promise<number> {
  const c = await connect();
  let n = 0;
  let last = Date.now();
  try {
    await c.subscribe(destination, () => {
      n++;
      last = Date.now();
    });
    while (Date.now() - last < quietMs) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await c.disconnect();
  }
  return n;
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lets messages that should not come have their chance to (a negative check after the positive ones). */
export const settle = (ms = 400): Promise<void> => new Promise((r) => setTimeout(r, ms));
