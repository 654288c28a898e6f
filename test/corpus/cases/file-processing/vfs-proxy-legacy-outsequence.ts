import { expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { defineCase, backendAt } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { caseFolders } from './_folders.js';

const folders = caseFolders('vfs-legacy-out');

export default defineCase({
  id: 'file-processing/vfs-proxy-legacy-outsequence',
  title: 'Older VFS page: send to the stock quote service, the outSequence writes the response to out/<uuid>.xml through a vfs: endpoint; test.xml moved to original/',
  status: 'pass',
  docsWrong: [
    'MessageID in the outSequence is the response\'s message id, so the reply file name is a fresh UUID unrelated to the request',
    'the page prints neither the file name nor its content',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [{ file: 'proxy_StockQuoteProxy.xml', edits: [folders.edit, backendAt('http://localhost:9000', 'quotes')] }],
  async run(t) {
    const input = t.corpusFile('test.xml');
    fs.writeFileSync(path.join(folders.dir('in'), 'test.xml'), input);
    const out = folders.dir('out');
    await until('a response file in out/', () => fs.readdirSync(out).length > 0, 20000);
    await until('test.xml moved to original/', () => fs.existsSync(path.join(folders.dir('original'), 'test.xml')), 5000);
    expect(fs.readdirSync(folders.dir('in'))).toEqual([]);
    expect(fs.readFileSync(path.join(folders.dir('original'), 'test.xml'), 'utf8')).toBe(input);
    const files = fs.readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9A-Fa-f-]+\.xml$/);
    expectQuoteResponse(payloadOf(fs.readFileSync(path.join(out, files[0]!), 'utf8')), 'IBM');
    const seen = t.backend('quotes').lastRequests;
    expect(seen).toHaveLength(1);
    expect(String(seen[0].headers.soapaction)).toContain('urn:getQuote');
  },
});
