import { expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineCase, type Edit } from '../../case.js';
import { until } from './_listening.js';

/** The page's /home/user/test/{in,out,failed}, as temporary folders of this run. */
let root: string | undefined;
function folders(): { in: string; out: string; failed: string } {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-file-inbound-'));
  const f = { in: path.join(root, 'in'), out: path.join(root, 'out'), failed: path.join(root, 'failed') };
  for (const d of Object.values(f)) fs.mkdirSync(d, { recursive: true });
  return f;
}

const tempFolders: Edit = (text) => text.split('/home/user/test').join(path.dirname(folders().in));

export default defineCase({
  id: 'inbound-endpoints/file-inbound-endpoint',
  title: 'File inbound endpoint polls a folder: request.xml is parsed as SOAP, logged in full by sequence request and moved to out; a malformed file is moved to failed and the next one is still processed',
  status: 'pass',
  docsWrong: ['the page does not say where the file goes: by ActionAfterProcess MOVE it is moved to MoveAfterProcess'],
  artifacts: [{ file: 'inboundendpoint_file.xml', edits: [tempFolders] }, { file: 'sequence_request.xml' }],
  async run(t) {
    const f = folders();
    const request = t.corpusFile('request.xml');
    fs.writeFileSync(path.join(f.in, 'request.xml'), request);
    const logged = await t.waitForLog(/Envelope:.*getQuote/s, 10000);
    expect(logged).toMatch(/Direction: request/);
    expect(logged).toContain('<m0:symbol>IBM</m0:symbol>');
    await until('request.xml moved to out', () => fs.existsSync(path.join(f.out, 'request.xml')));
    expect(fs.existsSync(path.join(f.in, 'request.xml'))).toBe(false);
    expect(fs.readFileSync(path.join(f.out, 'request.xml'), 'utf8')).toBe(request);

    // Not matching FileNamePattern: left alone.
    fs.writeFileSync(path.join(f.in, 'notes.txt'), 'not for the endpoint');
    // Malformed XML: moved to failed; the next file is still processed.
    fs.writeFileSync(path.join(f.in, 'broken.xml'), '<soapenv:Envelope><unclosed>');
    await until('broken.xml moved to failed', () => fs.existsSync(path.join(f.failed, 'broken.xml')), 10000);
    fs.writeFileSync(path.join(f.in, 'second.xml'), request.replace('IBM', 'WSO2'));
    await t.waitForLog(/<m0:symbol>WSO2<\/m0:symbol>/, 10000);
    await until('second.xml moved to out', () => fs.existsSync(path.join(f.out, 'second.xml')));
    expect(fs.existsSync(path.join(f.in, 'notes.txt'))).toBe(true);
  },
});
