/**
 * transports="tcp" proxies over real sockets, in a project served by startRuntimeHost: records
 * split by character, byte and string delimiters and by length, each answered on its connection
 * followed by the delimiter; messages built by content type (XML, JSON, text); an oversized record
 * refused with a log line while the next is served; the server-level listener dispatching by
 * WS-Addressing To; a bad parameter refusing one proxy while the others serve; and tcp://
 * endpoints sending (and waiting for a delimited reply) from an HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startTestProject, synapse, waitFor, freePort, type TestProject } from '../testing/project.js';

/** Sends `bytes` on one connection and collects what comes back until `done` says so (or the server closes). */
function exchange(port: number, bytes: Buffer | string, done: (received: Buffer) => boolean, opts: { end?: boolean; timeoutMs?: number } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(finish, opts.timeoutMs ?? 5000);
    socket.on('connect', () => (opts.end ? socket.end(bytes) : socket.write(bytes)));
    socket.on('data', (c) => {
      chunks.push(c);
      if (done(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
  });
}
const count = (b: Buffer, needle: string | Buffer) => b.toString('latin1').split(Buffer.from(needle).toString('latin1')).length - 1;

/** Proxies answer `<ok>name</ok>` for `<a><name>name</name></a>`; plain XML (text/xml would make SOAP of it, as MI). */
const echoName = (name: string, params: string) =>
  synapse(`<proxy name="${name}" transports="tcp" startOnLoad="true"><target><inSequence>
    <payloadFactory media-type="xml"><format><ok xmlns="">$1</ok></format><args><arg evaluator="xml" expression="//name"/></args></payloadFactory>
    <respond/></inSequence></target>${params.includes('contentType') ? '' : param('contentType', 'application/xml')}${params}</proxy>`);

const param = (n: string, v: string) => `<parameter name="transport.tcp.${n}">${v}</parameter>`;

describe('TCP proxies', () => {
  let p: TestProject;
  let backend: net.Server;
  const backendRecords: string[] = [];
  let serverLevelPort: number;
  const portOf = (name: string) => p.host.active.statuses().find((s) => s.artifact === `proxy:${name}`)?.port ?? -1;

  beforeAll(async () => {
    // A TCP backend for tcp:// endpoints: answers each `\n`-ended line with `re:<line>\n`.
    backend = net.createServer((s) => {
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString();
        let at;
        while ((at = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, at);
          buf = buf.slice(at + 1);
          backendRecords.push(line);
          s.write(`<re>${line.replace(/</g, '[')}</re>\n`);
        }
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const backendPort = (backend.address() as net.AddressInfo).port;
    serverLevelPort = await freePort();
    p = await startTestProject(
      {
        'PipeProxy.xml': echoName('PipeProxy', param('port', '0') + param('recordDelimiterType', 'character') + param('recordDelimiter', '|') + param('contentType', 'application/xml')),
        'ByteProxy.xml': echoName('ByteProxy', param('port', '0') + param('recordDelimiterType', 'byte') + param('recordDelimiter', '0x03') + param('inputType', 'binary') + param('maxRecordBytes', '200')),
        'SplitProxy.xml': echoName('SplitProxy', param('port', '0') + param('recordDelimiterType', 'string') + param('recordDelimiter', 'split')),
        'FixedProxy.xml': echoName('FixedProxy', param('port', '0') + param('recordLength', '24')),
        'JsonProxy.xml': synapse(`<proxy name="JsonProxy" transports="tcp"><target><inSequence>
            <payloadFactory media-type="json"><format>{"hello":"$1"}</format><args><arg evaluator="json" expression="$.name"/></args></payloadFactory>
            <respond/></inSequence></target>${param('port', '0')}${param('contentType', 'application/json')}${param('recordDelimiter', '0x0A')}${param('recordDelimiterType', 'byte')}</proxy>`),
        'TextProxy.xml': synapse(`<proxy name="TextProxy" transports="tcp"><target><inSequence>
            <log level="custom"><property name="text" expression="$body/*[1]"/></log><respond/></inSequence></target>${param('port', '0')}${param('contentType', 'text/plain')}</proxy>`),
        'QuietProxy.xml': echoName('QuietProxy', param('port', '0') + param('recordDelimiter', '|') + param('recordDelimiterType', 'character') + param('responseClient', 'false')),
        'BadProxy.xml': echoName('BadProxy', param('port', '0') + param('recordDelimiterType', 'bogus') + param('recordDelimiter', '|')),
        'SoapProxy.xml': synapse(`<proxy name="SoapProxy" transports="tcp"><target><inSequence>
            <log level="custom"><property name="symbol" expression="//*[local-name()='symbol']"/></log><property name="OUT_ONLY" value="true"/><drop/></inSequence></target></proxy>`),
        'TcpCall.xml': synapse(`<api name="TcpCall" context="/tcpcall"><resource methods="POST"><inSequence>
            <call><endpoint><address uri="tcp://localhost:${backendPort}?delimiter=0x0A&amp;delimiterType=byte&amp;contentType=application/xml"/></endpoint></call>
            <respond/></inSequence></resource></api>`),
        'TcpRefused.xml': synapse(`<api name="TcpRefused" context="/tcprefused"><resource methods="POST"><inSequence>
            <call><endpoint><address uri="tcp://localhost:1?delimiter=0x0A"/></endpoint></call><respond/></inSequence>
            <faultSequence><payloadFactory media-type="json"><format>{"code":$1}</format><args><arg expression="get-property('ERROR_CODE')"/></args></payloadFactory><respond/></faultSequence></resource></api>`),
      },
      { 'deployment/deployment.toml': `[transport.tcp]\nlistener.enable = true\nlistener.port = ${serverLevelPort}\n` },
    );
    await p.host.active.settled();
  });
  afterAll(async () => {
    await p?.close();
    await new Promise((r) => backend?.close(r));
  });

  it('splits records on a character delimiter and answers each on the connection, followed by the delimiter', async () => {
    const got = await exchange(portOf('PipeProxy'), '<a><name>one</name></a>|<a><name>two</name></a>|', (b) => count(b, '|') >= 2);
    expect(got.toString()).toBe('<ok>one</ok>|<ok>two</ok>|');
  });

  it('splits on a byte delimiter given in hex', async () => {
    const got = await exchange(portOf('ByteProxy'), '<a><name>x</name></a>\x03<a><name>y</name></a>\x03', (b) => count(b, '\x03') >= 2);
    expect([...got]).toEqual([...Buffer.from('<ok>x</ok>\x03<ok>y</ok>\x03')]);
  });

  it('splits on a string delimiter and serves the undelimited tail when the client closes', async () => {
    const got = await exchange(portOf('SplitProxy'), '<a><name>1</name></a>split<a><name>2</name></a>', () => false, { end: true });
    expect(got.toString()).toBe('<ok>1</ok>split<ok>2</ok>split');
  });

  it('cuts fixed-length records (transport.tcp.recordLength)', async () => {
    const rec = (n: string) => `<a><name>${n}</name></a>`.padEnd(24, ' ');
    expect(rec('1')).toHaveLength(24);
    const got = await exchange(portOf('FixedProxy'), rec('1') + rec('2'), (b) => count(b, '</ok>') >= 2);
    expect(got.toString()).toBe('<ok>1</ok><ok>2</ok>');
  });

  it('builds JSON records as JSON and text records as text', async () => {
    expect((await exchange(portOf('JsonProxy'), '{"name":"tcp"}\n', (b) => b.includes('\n'))).toString()).toBe('{"hello":"tcp"}\n');
    const text = await exchange(portOf('TextProxy'), 'plain words & <symbols>', () => false, { end: true });
    expect(text.toString()).toBe('plain words & <symbols>');
    await waitFor(() => p.logger.records.some((r) => r.message.includes('text = plain words & <symbols>')), 'the text logged');
  });

  it('refuses an oversized record with a log line and serves the next one on the same connection', async () => {
    const big = `<a><name>${'x'.repeat(300)}</name></a>`;
    const got = await exchange(portOf('ByteProxy'), `${big}\x03<a><name>after</name></a>\x03`, (b) => b.includes('after'));
    expect(got.toString()).toBe('<ok>after</ok>\x03');
    expect(p.logger.records.some((r) => r.level === 'error' && /Proxy service ByteProxy \(.*ByteProxy\.xml\): a record of 320 bytes from .* is larger than the 200 bytes/.test(r.message))).toBe(true);
  });

  it('writes nothing back with responseClient=false', async () => {
    const got = await exchange(portOf('QuietProxy'), '<a><name>q</name></a>|', () => false, { timeoutMs: 600 });
    expect(got.length).toBe(0);
  });

  it('refuses a proxy with a bad parameter, naming it, while the others serve', () => {
    const bad = p.host.active.statuses().find((s) => s.artifact === 'proxy:BadProxy');
    expect(bad).toMatchObject({ state: 'failed' });
    expect(bad?.lastError).toMatch(/^\/.*\/BadProxy\.xml: transport\.tcp\.recordDelimiterType: 'bogus' is not one of character, byte, string$/);
    expect(portOf('PipeProxy')).toBeGreaterThan(0);
  });

  it('says how socket Try-it must frame a record', () => {
    const socket = (n: string) => p.host.active.statuses().find((s) => s.artifact === `proxy:${n}`)?.socket;
    expect(socket('PipeProxy')).toEqual({ protocol: 'tcp', options: { delimiter: '7c' } });
    expect(socket('FixedProxy')).toEqual({ protocol: 'tcp', options: { recordLength: '24' } });
    expect(socket('SoapProxy')).toEqual({ protocol: 'tcp' });
  });

  it('dispatches on the server-level listener by WS-Addressing To; an OUT_ONLY flow writes nothing back', async () => {
    expect(portOf('SoapProxy')).toBe(serverLevelPort);
    const envelope = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:To>tcp://localhost:${serverLevelPort}/services/SoapProxy</wsa:To></soapenv:Header><soapenv:Body><m:placeOrder xmlns:m="http://services.samples"><m:symbol>IBM</m:symbol></m:placeOrder></soapenv:Body></soapenv:Envelope>`;
    const got = await exchange(serverLevelPort, envelope, () => false, { end: true });
    expect(got.length).toBe(0);
    await waitFor(() => p.logger.records.some((r) => r.message.includes('symbol = IBM')), 'SoapProxy to log the symbol');
  });

  it('logs and answers nothing when the server-level listener cannot tell the proxy', async () => {
    const got = await exchange(serverLevelPort, '<nobody/>', () => false, { end: true });
    expect(got.length).toBe(0);
    await waitFor(() => p.logger.records.some((r) => r.message.includes('Server-level TCP listener: the record from') && r.message.includes('names no deployed TCP proxy')), 'the dispatch failure logged');
  });

  it('sends to a tcp:// endpoint and takes its delimited reply as the response', async () => {
    const r = await fetch(`http://127.0.0.1:${p.host.port}/tcpcall`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<order>7</order>' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<re>[order>7[/order></re>');
    expect(backendRecords).toContain('<order>7</order>');
  });

  it('fails a tcp:// call to a closed port with 101503', async () => {
    const r = await fetch(`http://127.0.0.1:${p.host.port}/tcprefused`, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    expect(await r.json()).toEqual({ code: 101503 });
  });
});
