import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import dgram from 'node:dgram';
import type { LogEntry, RuntimeItem } from '../../../contract/index.js';
import { sendSocketTryIt } from './send.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** A TCP listener that answers each `|`-terminated record with `echo:<record>|`, logging as it goes. */
async function pipeEchoServer(log: LogEntry[]): Promise<number> {
  const server = net.createServer((s) => {
    let buffered = '';
    s.on('data', (d) => {
      buffered += d.toString();
      let at;
      while ((at = buffered.indexOf('|')) >= 0) {
        const record = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        log.push({ seq: log.length + 1, time: '', level: 'info', message: `got ${record}` });
        s.write(`echo:${record}|`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

function item(port: number, socket: RuntimeItem['socket'], state: RuntimeItem['state'] = 'listening'): RuntimeItem {
  return { artifact: 'proxy:P', kind: 'proxy', name: 'P', state, port, socket };
}

describe('socket Try-it', () => {
  it('sends a TCP record with the listener delimiter and returns the reply up to the next one, with the log lines written meanwhile', async () => {
    const log: LogEntry[] = [{ seq: 1, time: '', level: 'info', message: 'before' }];
    const port = await pipeEchoServer(log);
    const reply = await sendSocketTryIt({ items: () => [item(port, { protocol: 'tcp', options: { delimiter: '7c' } })], log: () => log }, { artifact: 'proxy:P', payload: 'hi' });
    expect(reply).toMatchObject({ protocol: 'tcp', reply: 'echo:hi', replyBytes: 7 });
    expect(reply.trace.map((e) => e.message)).toEqual(['got hi']);
  });

  it('sends a UDP datagram and returns the datagram sent back to its socket', async () => {
    const server = dgram.createSocket('udp4');
    server.on('message', (m, from) => server.send(Buffer.concat([Buffer.from('ack:'), m]), from.port, from.address));
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const port = server.address().port;
    const reply = await sendSocketTryIt({ items: () => [item(port, { protocol: 'udp' })], log: () => [] }, { artifact: 'proxy:P', payload: '<a/>' });
    expect(reply).toMatchObject({ protocol: 'udp', reply: 'ack:<a/>', replyBytes: 8 });
  });

  it('says so when the listener answers nothing within the wait', async () => {
    const server = dgram.createSocket('udp4');
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const reply = await sendSocketTryIt({ items: () => [item(server.address().port, { protocol: 'udp' })], log: () => [] }, { artifact: 'proxy:P', payload: 'x', timeoutMs: 200 });
    expect(reply).toMatchObject({ noReply: true, reply: '', replyBytes: 0 });
  });

  it('refuses an item that is not a listening socket, naming why', async () => {
    await expect(sendSocketTryIt({ items: () => [], log: () => [] }, { artifact: 'proxy:P', payload: 'x' })).rejects.toThrow('proxy:P is not running');
    await expect(sendSocketTryIt({ items: () => [item(1, undefined)], log: () => [] }, { artifact: 'proxy:P', payload: 'x' })).rejects.toThrow('does not listen on a socket');
    await expect(sendSocketTryIt({ items: () => [{ ...item(1, { protocol: 'tcp' }, 'failed'), lastError: 'port in use' }], log: () => [] }, { artifact: 'proxy:P', payload: 'x' })).rejects.toThrow('proxy:P is failed: port in use');
    await expect(sendSocketTryIt({ items: () => [item(1, { protocol: 'carrier-pigeon' })], log: () => [] }, { artifact: 'proxy:P', payload: 'x' })).rejects.toThrow('no Try-it client for protocol carrier-pigeon');
  });

  it('reports a refused TCP connection plainly', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    await expect(sendSocketTryIt({ items: () => [item(port, { protocol: 'tcp' })], log: () => [] }, { artifact: 'proxy:P', payload: 'x' })).rejects.toThrow(`nothing listens on TCP port ${port}`);
  });
});
