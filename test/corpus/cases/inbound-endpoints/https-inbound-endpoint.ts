import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import net from 'node:net';
import { defineCase, backendAt, replace, type Edit } from '../../case.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { consuming } from './_listening.js';

/** The page's port 8085, moved to one of this run so parallel files do not collide. */
const PORT = 21000 + Math.floor(Math.random() * 20000);

/** A self-signed certificate made by openssl for this run, as PKCS12 (key store) and PEM (trust store). */
let made: { dir: string; certPem: string } | undefined;
function certificates(): { dir: string; certPem: string } {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-https-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { cwd: dir, stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-inkey', 'key.pem', '-out', 'wso2carbon.p12', '-passout', 'pass:wso2carbon'], { cwd: dir, stdio: 'ignore' });
  made = { dir, certPem: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  return made;
}

/** The JKS stores become a PKCS12 key store and a PEM trust store of the same certificate (Node cannot read JKS). */
const storesFromOpenssl: Edit = (text) => {
  const { dir } = certificates();
  return text
    .replace('repository/resources/security/wso2carbon.jks', path.join(dir, 'wso2carbon.p12'))
    .replace('repository/resources/security/client-truststore.jks', path.join(dir, 'cert.pem'))
    .replace('<Type>JKS</Type>', '<Type>PKCS12</Type>')
    .replace('<Type>JKS</Type>', '<Type>PEM</Type>');
};

function post(body: string, headers: Record<string, string>): Promise<{ status: number; text: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: PORT, path: '/', method: 'POST', ca: certificates().certPem, servername: 'localhost', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, contentType: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A plain-HTTP request to the TLS port: whatever comes back must not be an HTTP answer. */
function plainHttpAnswer(): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(PORT, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    let got = '';
    s.on('data', (c) => (got += c.toString('latin1')));
    s.on('error', () => resolve(got));
    s.on('close', () => resolve(got));
    s.setTimeout(3000, () => s.destroy());
  });
}

export default defineCase({
  id: 'inbound-endpoints/https-inbound-endpoint',
  title: 'HTTPS inbound endpoint (key store and trust store parameters as XML) → sequence TestIn calls the stock quote service; the client gets its getQuoteResponse over TLS',
  status: 'pass',
  docsWrong: [
    'the tip to add basic auth is not backed by the configuration: there is no authentication, the Authorization header is passed on to the backend',
    'the page prints no response: the check is the stock quote getQuoteResponse for IBM',
  ],
  deviates: ['the JKS stores are replaced by a PKCS12 key store and a PEM trust store of an openssl certificate made for the run: Node cannot read JKS (a JKS store is refused with how to convert it)'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'inboundendpoint_HttpsListenerEP.xml', edits: [replace('>8085<', `>${PORT}<`), storesFromOpenssl] },
    { file: 'sequence_TestIn.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
  ],
  async run(t) {
    await consuming(t, 'inbound-endpoint:HttpsListenerEP');
    const raw = t.corpusFile('request.http');
    const body = raw.slice(raw.indexOf('<soapenv:Envelope'));
    const r = await post(body, { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:getQuote"', Authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    const quote = payloadOf(r.text);
    expectQuoteResponse(quote, 'IBM');
    expect(quote.textContent).toContain('IBM Company');
    const seen = t.backend('quotes').lastRequests;
    expect(seen).toHaveLength(1);
    expect(String(seen[0].headers.soapaction)).toContain('urn:getQuote');
    expect(seen[0].headers.authorization).toBe('Basic YWRtaW46YWRtaW4=');
    // No HTTP listener on the TLS port.
    expect(await plainHttpAnswer()).not.toMatch(/^HTTP\/1\.1 200/);
  },
});
