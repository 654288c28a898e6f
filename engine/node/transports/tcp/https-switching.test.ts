/**
 * Protocol switching between raw sockets and HTTPS, both ways, through the real `mediate run`
 * process (built output): a TCP record and a UDP datagram go on to an HTTPS backend and its answer
 * comes back on the socket; an HTTPS request goes on to a TCP and a UDP backend and their answers
 * come back over HTTPS. The test makes a self-signed certificate with openssl; the runtime trusts
 * it through NODE_EXTRA_CA_CERTS, as MI trusts a backend through client-truststore.jks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import net from 'node:net';
import dgram from 'node:dgram';
import { runMediate, writeProject, SYN, type MediateProcess } from '../../../../test/integration/mediate-process.js';
import { freePort } from '../testing/project.js';

let certDir: string;
let cert: string;
let key: string;

function httpsRequest(port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/switch', method: 'POST', ca: cert, headers: { 'Content-Type': 'application/xml' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function tcpExchange(port: number, bytes: string, replies: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let got = '';
    const timer = setTimeout(() => (socket.destroy(), resolve(got)), 8000);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (d) => {
      got += d.toString();
      if (got.split('\n').length - 1 >= replies) {
        clearTimeout(timer);
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', reject);
  });
}

function udpExchange(port: number, payload: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => (socket.close(), resolve(undefined)), 8000);
    socket.on('message', (m) => (clearTimeout(timer), socket.close(), resolve(m.toString())));
    socket.send(payload, port, '127.0.0.1');
  });
}

describe('TCP and UDP to HTTPS and back, through mediate run', () => {
  let backend: https.Server;
  let tcpBackend: net.Server;
  let udpBackend: dgram.Socket;
  let mediate: MediateProcess;
  const tlsRequests: string[] = [];
  const ports = { tcp: 0, udp: 0, https: 0 };
  const savedCa = process.env.NODE_EXTRA_CA_CERTS;

  beforeAll(async () => {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-switch-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { cwd: certDir, stdio: 'ignore' });
    cert = fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8');
    key = fs.readFileSync(path.join(certDir, 'key.pem'), 'utf8');
    // The HTTPS backend: answers <quote> for the symbol it is sent.
    backend = https.createServer({ cert, key }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        tlsRequests.push(body);
        const symbol = /<symbol>([^<]*)<\/symbol>/.exec(body)?.[1] ?? '?';
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.end(`<quote><symbol>${symbol}</symbol><over>https</over></quote>`);
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    tcpBackend = net.createServer((s) => s.on('data', (d) => s.write(`<tcp>${d.toString().trim()}</tcp>\n`)));
    await new Promise<void>((r) => tcpBackend.listen(0, '127.0.0.1', r));
    udpBackend = dgram.createSocket('udp4');
    udpBackend.on('message', (m, from) => udpBackend.send(`<udp>${m.toString()}</udp>`, from.port, from.address));
    await new Promise<void>((r) => udpBackend.bind(0, '127.0.0.1', r));

    ports.tcp = await freePort();
    ports.udp = await freePort();
    ports.https = await freePort();
    const backendUrl = `https://localhost:${(backend.address() as net.AddressInfo).port}/quote`;
    const project = writeProject({
      'src/main/wso2mi/artifacts/proxy-services/TcpToHttps.xml': `<proxy ${SYN} name="TcpToHttps" transports="tcp"><target><inSequence>
          <call><endpoint><address uri="${backendUrl}"/></endpoint></call><respond/></inSequence></target>
          <parameter name="transport.tcp.port">${ports.tcp}</parameter><parameter name="transport.tcp.contentType">application/xml</parameter>
          <parameter name="transport.tcp.recordDelimiter">0x0A</parameter><parameter name="transport.tcp.recordDelimiterType">byte</parameter></proxy>`,
      'src/main/wso2mi/artifacts/proxy-services/UdpToHttps.xml': `<proxy ${SYN} name="UdpToHttps" transports="udp"><target><inSequence>
          <call><endpoint><address uri="${backendUrl}"/></endpoint></call><respond/></inSequence></target>
          <parameter name="transport.udp.port">${ports.udp}</parameter><parameter name="transport.udp.contentType">application/xml</parameter></proxy>`,
      'src/main/wso2mi/artifacts/sequences/HttpsToSockets.xml': `<sequence ${SYN} name="HttpsToSockets">
          <call><endpoint><address uri="tcp://localhost:${(tcpBackend.address() as net.AddressInfo).port}?delimiter=0x0A&amp;contentType=application/xml"/></endpoint></call>
          <enrich><source type="body" clone="true"/><target type="property" property="tcpReply"/></enrich>
          <payloadFactory media-type="xml"><format><ping xmlns="">udp</ping></format><args/></payloadFactory>
          <call><endpoint><address uri="udp://localhost:${udpBackend.address().port}?contentType=application/xml"/></endpoint></call>
          <!-- child, not sibling: application/xml carries only the first element of the body, as MI's POX formatter -->
          <enrich><source type="property" property="tcpReply" clone="true"/><target type="body" action="child"/></enrich>
          <respond/></sequence>`,
      'src/main/wso2mi/artifacts/inbound-endpoints/HttpsIn.xml': `<inboundEndpoint ${SYN} name="HttpsIn" protocol="https" sequence="HttpsToSockets" onError="fault" suspend="false">
          <parameters><parameter name="inbound.http.port">${ports.https}</parameter></parameters></inboundEndpoint>`,
      'deployment/security/both.pem': cert + key,
      'deployment/deployment.toml': `[keystore.primary]\nfile_name = "deployment/security/both.pem"\ntype = "PEM"\n`,
    });
    process.env.NODE_EXTRA_CA_CERTS = path.join(certDir, 'cert.pem');
    try {
      mediate = await runMediate(['run', project, '--port', '0']);
    } finally {
      if (savedCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = savedCa;
    }
    await mediate.waitForOutput(/Proxy service UdpToHttps started/);
    await mediate.waitForOutput(/Proxy service TcpToHttps started/);
    await mediate.waitForOutput(/Inbound endpoint HttpsIn started/);
  }, 30000);
  afterAll(async () => {
    await mediate?.stop();
    await new Promise((r) => backend?.close(r));
    await new Promise((r) => tcpBackend?.close(r));
    udpBackend?.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it('sends TCP records on to the HTTPS backend and writes its answers back, delimited', async () => {
    const got = await tcpExchange(ports.tcp, '<q><symbol>IBM</symbol></q>\n<q><symbol>MSFT</symbol></q>\n', 2);
    expect(got).toBe('<quote><symbol>IBM</symbol><over>https</over></quote>\n<quote><symbol>MSFT</symbol><over>https</over></quote>\n');
    expect(tlsRequests).toEqual(expect.arrayContaining(['<q><symbol>IBM</symbol></q>', '<q><symbol>MSFT</symbol></q>']));
  });

  it('sends a UDP datagram on to the HTTPS backend and answers the sender with its answer', async () => {
    expect(await udpExchange(ports.udp, '<q><symbol>WSO2</symbol></q>')).toBe('<quote><symbol>WSO2</symbol><over>https</over></quote>');
  });

  it('sends an HTTPS request on to a TCP and a UDP backend and answers with their replies', async () => {
    const r = await httpsRequest(ports.https, '<hello>tls</hello>');
    expect(r.status).toBe(200);
    expect(r.text).toBe('<udp><ping>udp</ping><tcp><hello>tls</hello></tcp></udp>');
  });
});
