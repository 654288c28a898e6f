import { expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineCase, replace } from '../../case.js';
import { corpusDir } from '../../runtime.js';
import { until } from './_listening.js';

const ID = 'inbound-endpoints/inbound-endpoint-with-registry';

/** The three folders of this run, and the registry resources naming them (files outside the corpus folder). */
let made: { in: string; out: string; failed: string; resources: string } | undefined;
function run() {
  if (!made) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-inbound-registry-'));
    made = { in: path.join(root, 'in'), out: path.join(root, 'out'), failed: path.join(root, 'failed'), resources: path.join(root, 'registry') };
    for (const d of Object.values(made)) fs.mkdirSync(d);
    for (const name of ['in', 'out', 'failed'] as const) fs.writeFileSync(path.join(made.resources, `${name}.txt`), `file://${made[name]}`);
  }
  return made;
}

export default defineCase({
  id: ID,
  title: 'File inbound endpoint whose FileURI, MoveAfterProcess and MoveAfterFailure come from gov: registry resources: a .txt dropped in the folder named by gov:/custom/in.txt is logged as a text payload and moved to the folder named by gov:/custom/out.txt',
  status: 'pass',
  docsWrong: [
    'the page gives neither the request sequence nor the three registry resources: the sequence is the sibling page\'s full log; each resource is a text file holding a folder URI',
    'the page states no result: by configuration the file is injected into request (a text/plain file becomes <text xmlns="http://ws.apache.org/commons/ns/payload">) and moved to the out folder',
    'FileNamePattern .*.txt is a whole-name Java regex whose "." before txt matches any character: a file named notetxt is taken too',
    'the older example kept in an HTML comment (snippet_commented_out_conf_key.xml) is not well-formed as printed (text before the XML declaration, "..." placeholders): it is not deployed',
  ],
  deviates: ['the registry resources name temporary folders of this run, not fixed paths'],
  artifacts: [
    { file: 'inboundendpoint_file1.xml' },
    { file: 'sequence_request.reconstructed.xml', as: 'sequence_request.xml' },
    {
      file: 'inboundendpoint_file1.xml',
      as: 'inboundendpoint_file2.missing-key.xml',
      edits: [replace('name="file1"', 'name="file2"'), replace('key="gov:/custom/in.txt"', 'key="gov:/custom/missing.txt"')],
    },
  ],
  // Built on first use: the folders are made only when the case runs.
  get registry() {
    const r = run();
    const rel = (name: string) => path.relative(corpusDir({ id: ID } as never), path.join(r.resources, name));
    return { 'gov/custom/in.txt': rel('in.txt'), 'gov/custom/out.txt': rel('out.txt'), 'gov/custom/failed.txt': rel('failed.txt') };
  },
  // MI: "Error while deploying inbound endpoint file2.Registry entry defined with key: gov:/custom/missing.txt not found."
  expectRefused: ['inboundendpoint_file2.missing-key.xml'],
  async run(t) {
    const f = run();
    expect(t.refused.find((r) => r.file === 'inboundendpoint_file2.missing-key.xml')?.messages.join(' ')).toContain("registry 'gov:/custom/missing.txt'");
    fs.writeFileSync(path.join(f.in, 'notes.xml'), '<not>for the endpoint</not>');
    fs.writeFileSync(path.join(f.in, 'hello.txt'), 'hello registry');
    const logged = await t.waitForLog(/hello registry/, 10000);
    expect(logged).toContain('<text xmlns="http://ws.apache.org/commons/ns/payload">hello registry</text>');
    expect(logged).toContain('{sequence:request}');
    // The folder polled is the one gov:/custom/in.txt names.
    expect(logged).toContain(`FILE_URI = file://${f.in}/hello.txt`);
    await until('hello.txt moved to the out folder', () => fs.existsSync(path.join(f.out, 'hello.txt')), 5000);
    expect(fs.readFileSync(path.join(f.out, 'hello.txt'), 'utf8')).toBe('hello registry');
    await until('the in folder keeps only notes.xml', () => fs.readdirSync(f.in).join() === 'notes.xml', 5000);

    // The pattern's unescaped dot: notetxt matches .*.txt.
    fs.writeFileSync(path.join(f.in, 'notetxt'), 'dot matches any character');
    await until('notetxt moved to the out folder', () => fs.existsSync(path.join(f.out, 'notetxt')), 5000);
    expect(fs.readdirSync(f.in)).toEqual(['notes.xml']);
    expect(fs.readdirSync(f.failed)).toEqual([]);
  },
});
