import { expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { defineCase, backendAt } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { caseFolders } from './_folders.js';

const folders = caseFolders('vfs-file-http-file');

export default defineCase({
  id: 'file-processing/vfs-proxy-file-to-http-to-file',
  title: 'VFS proxy: test.xml dropped in in/ is sent to the stock quote service, the response is written to out/<message id>.xml by a vfs: endpoint and test.xml is moved to original/',
  status: 'pass',
  docsWrong: ['the page prints neither file: out/<uuid>.xml holds the getQuoteResponse envelope for IBM'],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_StockQuoteProxy.xml', edits: [folders.edit] },
    { file: 'endpoint_FileEndpoint.xml', edits: [folders.edit] },
    { file: 'endpoint_SimpleStockQuoteService.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
  ],
  async run(t) {
    const input = t.corpusFile('test.xml');
    fs.writeFileSync(path.join(folders.dir('in'), 'test.xml'), input);
    const out = folders.dir('out');
    await until('a response file in out/', () => fs.readdirSync(out).length > 0, 20000);
    const [name] = fs.readdirSync(out);
    expect(name).toMatch(/^[0-9a-f-]{36}\.xml$/i);
    await until('test.xml moved to original/', () => fs.existsSync(path.join(folders.dir('original'), 'test.xml')), 5000);
    expect(fs.existsSync(path.join(folders.dir('in'), 'test.xml'))).toBe(false);
    expectQuoteResponse(payloadOf(fs.readFileSync(path.join(out, name!), 'utf8')), 'IBM');
    expect(t.backend('quotes').lastRequests).toHaveLength(1);
  },
});
