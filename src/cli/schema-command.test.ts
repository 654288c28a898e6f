import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { registerSchema } from './schema-command.js';

const SYN = 'http://ws.apache.org/ns/synapse';
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-schema-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

async function xmllint(xml: string): Promise<string[]> {
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.xsd'));
  const r = await validateXML({
    xml: { fileName: 'a.xml', contents: xml },
    schema: { fileName: 'synapse.xsd', contents: fs.readFileSync(path.join(out, 'synapse.xsd'), 'utf8') },
    preload: files.filter((f) => f !== 'synapse.xsd').map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(out, f), 'utf8') })),
  });
  return r.errors.map((e) => `${e.loc?.lineNumber}: ${e.message.trim()}`);
}

describe('mediate schema --out DIR', () => {
  it('writes synapse.xsd (and the imported no-namespace schema) and prints how to use them', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (written.push(String(s)), true));
    const program = new Command().exitOverride();
    registerSchema(program);
    await program.parseAsync(['node', 'mediate', 'schema', '--out', out]);
    spy.mockRestore();
    expect(fs.readdirSync(out).sort()).toEqual(['no-namespace.xsd', 'synapse.xsd']);
    expect(written.join('')).toContain(`xmllint --noout --schema ${path.join(out, 'synapse.xsd')}`);
  });

  it('the written schema accepts a valid API and places an unknown attribute and a bad enum at their lines', async () => {
    const good = `<api xmlns="${SYN}" name="A" context="/a">\n<resource methods="GET">\n<inSequence>\n<log level="full"/>\n<respond/>\n</inSequence>\n</resource>\n</api>`;
    expect(await xmllint(good)).toEqual([]);
    const bad = good.replace('<log level="full"/>', '<log level="loud" colour="red"/>');
    const errors = await xmllint(bad);
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.startsWith('4: '))).toBe(true);
    expect(errors.join('\n')).toMatch(/attribute 'level'.*'loud'/);
    expect(errors.join('\n')).toMatch(/colour.*not allowed/);
  });

  it('accepts a data service (no namespace) through the entry schema', async () => {
    expect(await xmllint(`<data name="DS"><config id="c"><property name="x">y</property></config></data>`)).toEqual([]);
  });
});
