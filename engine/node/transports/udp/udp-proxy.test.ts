/**
 * transports="udp" proxies over real sockets: one datagram is one message, built by the proxy's
 * content type; the reply goes back to the sender's port; a datagram over maxPacketSize is refused
 * with a log line and the next is served; a proxy without a port is refused naming the parameter;
 * udp:// endpoints send a datagram and take the datagram that comes back as the response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';

/** Sends one datagram from a fresh socket; resolves with the first datagram back, or undefined after `waitMs`. */
function exchange(port: number, payload: Buffer | string, waitMs = 3000): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => (socket.close(), resolve(undefined)), waitMs);
    socket.on('message', (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(m);
    });
    socket.send(Buffer.from(payload), port, '127.0.0.1');
  });
}

describe('UDP proxies', () => {
  let p: TestProject;
  let backend: dgram.Socket;
  const portOf = (name: string) => p.host.active.statuses().find((s) => s.artifact === `proxy:${name}`)?.port ?? -1;

  beforeAll(async () => {
    // A UDP backend for udp:// endpoints: answers each datagram with `<ack>` around it.
    backend = dgram.createSocket('udp4');
    backend.on('message', (m, from) => backend.send(Buffer.concat([Buffer.from('<ack>'), m, Buffer.from('</ack>')]), from.port, from.address));
    await new Promise<void>((r) => backend.bind(0, '127.0.0.1', r));
    p = await startTestProject({
      'EchoUdp.xml': synapse(`<proxy name="EchoUdp" transports="udp"><target><inSequence>
          <payloadFactory media-type="xml"><format><got xmlns="">$1</got></format><args><arg evaluator="xml" expression="//symbol"/></args></payloadFactory><respond/></inSequence></target>
          <parameter name="transport.udp.port">0</parameter><parameter name="transport.udp.contentType">application/xml</parameter><parameter name="transport.udp.maxPacketSize">100</parameter></proxy>`),
      'JsonUdp.xml': synapse(`<proxy name="JsonUdp" transports="udp"><target><inSequence>
          <payloadFactory media-type="json"><format>{"n":$1}</format><args><arg evaluator="json" expression="$.n"/></args></payloadFactory><respond/></inSequence></target>
          <parameter name="transport.udp.port">0</parameter><parameter name="transport.udp.contentType">application/json</parameter></proxy>`),
      'OneWayUdp.xml': synapse(`<proxy name="OneWayUdp" transports="udp"><target><inSequence>
          <log level="custom"><property name="got" expression="//symbol"/></log><property name="OUT_ONLY" value="true"/><drop/></inSequence></target>
          <parameter name="transport.udp.port">0</parameter><parameter name="transport.udp.contentType">application/xml</parameter></proxy>`),
      'NoPortUdp.xml': synapse(`<proxy name="NoPortUdp" transports="udp"><target><inSequence><drop/></inSequence></target></proxy>`),
      'UdpCall.xml': synapse(`<api name="UdpCall" context="/udpcall"><resource methods="POST"><inSequence>
          <call><endpoint><address uri="udp://localhost:${backend.address().port}?contentType=application/xml"/></endpoint></call><respond/></inSequence></resource></api>`),
    });
    await p.host.active.settled();
  });
  afterAll(async () => {
    await p?.close();
    backend?.close();
  });

  it('answers a datagram with a datagram to the sender', async () => {
    const reply = await exchange(portOf('EchoUdp'), '<q><symbol>IBM</symbol></q>');
    expect(reply?.toString()).toBe('<got>IBM</got>');
  });

  it('builds JSON datagrams as JSON', async () => {
    expect((await exchange(portOf('JsonUdp'), '{"n":41}'))?.toString()).toBe('{"n":41}');
  });

  it('refuses a datagram over transport.udp.maxPacketSize with a log line and serves the next', async () => {
    const big = `<q><symbol>${'X'.repeat(200)}</symbol></q>`;
    expect(await exchange(portOf('EchoUdp'), big, 500)).toBeUndefined();
    const refused = new RegExp(`Proxy service EchoUdp .*: a datagram of ${Buffer.byteLength(big)} bytes from 127\\.0\\.0\\.1:\\d+ is larger than transport\\.udp\\.maxPacketSize \\(100 bytes\\)`);
    expect(p.logger.records.some((r) => r.level === 'error' && refused.test(r.message))).toBe(true);
    expect((await exchange(portOf('EchoUdp'), '<q><symbol>NEXT</symbol></q>'))?.toString()).toBe('<got>NEXT</got>');
  });

  it('sends nothing back for an OUT_ONLY flow', async () => {
    expect(await exchange(portOf('OneWayUdp'), '<q><symbol>ONEWAY</symbol></q>', 500)).toBeUndefined();
    await waitFor(() => p.logger.records.some((r) => r.message.includes('got = ONEWAY')), 'the one-way datagram to be mediated');
  });

  it('refuses a proxy without transport.udp.port, naming the parameter, while the others serve', () => {
    const s = p.host.active.statuses().find((x) => x.artifact === 'proxy:NoPortUdp');
    expect(s?.state).toBe('failed');
    expect(s?.lastError).toMatch(/NoPortUdp\.xml: transport\.udp\.port: a UDP proxy needs the port to listen on$/);
    expect(p.host.active.statuses().find((x) => x.artifact === 'proxy:EchoUdp')?.socket).toEqual({ protocol: 'udp' });
  });

  it('sends to a udp:// endpoint and takes the datagram back as the response', async () => {
    const r = await fetch(`http://127.0.0.1:${p.host.port}/udpcall`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<ping/>' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<ack><ping/></ack>');
  });
});
