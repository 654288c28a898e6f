import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerValidate } from './validate-command.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-validate-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function validate(dir: string): Promise<{ code: number; lines: string[] }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const program = new Command().exitOverride();
  registerValidate(program);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'mediate', 'validate', dir]);
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, lines: out.join('').trim().split('\n') };
}

describe('mediate validate prints the meaning checks', () => {
  it('warnings (unreachable, deprecated, unknown attribute) in the path:line:col format, exit 0; an API context clash is an error, exit 1', async () => {
    const dir = path.join(root, 'p1');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.xml'), `<api ${NS} name="A" context="/a">\n<resource methods="GET">\n<inSequence>\n<respond/>\n<log levle="full"/>\n</inSequence>\n</resource>\n</api>\n`);
    const first = await validate(dir);
    const file = path.join(dir, 'a.xml');
    expect(first.lines).toEqual([
      `${file}:5:1: warning SEM001 unreachable: this mediator never runs, because <respond> at line 4 ends the flow`,
      `${file}:5:6: warning SEM006 unknown attribute 'levle' on <log>; did you mean 'level'? (MI ignores it)`,
      '1 artifacts checked: 0 error(s), 2 warning(s)',
    ]);
    expect(first.code).toBe(0);

    fs.writeFileSync(path.join(dir, 'b.xml'), `<api ${NS} name="B" context="/a"><resource methods="POST"><inSequence><respond/></inSequence></resource></api>\n`);
    const second = await validate(dir);
    expect(second.lines, second.lines.join('\n')).toContain(`${path.join(dir, 'b.xml')}:1:64: error SEM004 API context '/a' is also used by API 'A' (${file})`);
    expect(second.lines.at(-1)).toBe('2 artifacts checked: 2 error(s), 2 warning(s)');
    expect(second.code).toBe(1);
  });
});
