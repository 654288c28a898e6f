import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerValidate } from './validate-command.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-validate-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function validate(dir: string, ...extra: string[]): Promise<{ code: number; lines: string[] }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const program = new Command().exitOverride();
  registerValidate(program);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'mediate', 'validate', dir, ...extra]);
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

describe('mediate validate output formats and exit codes', () => {
  const project = () => {
    const dir = fs.mkdtempSync(path.join(root, 'fmt-'));
    fs.writeFileSync(path.join(dir, 'b.xml'), `<sequence ${NS} name="B">\n  <log level="loud"/>\n</sequence>\n`);
    return dir;
  };

  it('--format json lists the diagnostics with code, line and column; exit 1 on errors', async () => {
    const r = await validate(project(), '--format', 'json');
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.lines.join('\n')) as { code: string; line: number; col: number; severity: string }[];
    expect(diags).toContainEqual(expect.objectContaining({ code: 'SYN004', severity: 'error', line: 2 }));
  });

  it('--format sarif writes SARIF 2.1.0 with rule ids, levels and regions', async () => {
    const r = await validate(project(), '--format', 'sarif');
    const sarif = JSON.parse(r.lines.join('\n')) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.name).toBe('mediate');
    expect(sarif.runs[0]!.tool.driver.rules.map((x) => x.id)).toContain('SYN004');
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'SYN004')!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation.region.startLine).toBe(2);
  });

  it('exits 2 when the project cannot be read', async () => {
    const errs: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (errs.push(String(s)), true));
    try {
      const r = await validate(path.join(root, 'does-not-exist'));
      expect(r.code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errs.join('')).toContain('cannot read the project');
  });
});
