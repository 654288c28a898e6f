import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLanguageService } from './service.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-language-service-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('LanguageService (the studio contract)', () => {
  it('loads the project from disk with project-relative uris, then reports live problems for open documents', async () => {
    fs.writeFileSync(path.join(root, 'Audit.xml'), `<sequence ${NS} name="Audit"><log/></sequence>`);
    const service = createLanguageService();
    expect(await service.setProject(root)).toEqual({ artifacts: 1 });
    const api = `<api ${NS} name="A" context="/a"><resource methods="GET"><inSequence><sequence key="Audit"/><respond/></inSequence></resource></api>`;
    expect((await service.open('A.xml', api)).diagnostics).toEqual([]);
    const typed = await service.change('A.xml', api.replace('methods="GET"', 'methods="GET" colour="red"'));
    expect(typed.diagnostics.map((d) => [d.code, d.severity])).toEqual([['SEM006', 'warning']]);
    expect(await service.allDiagnostics()).toEqual({ 'A.xml': typed.diagnostics });
    const fixed = await service.change('A.xml', api);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.version).toBe(3);
    expect((await service.complete('A.xml', { line: 1, col: api.indexOf('Audit') + 1 })).map((i) => i.label)).toContain('Audit');
    await service.close('A.xml');
    expect(await service.state('A.xml')).toBeUndefined();
  });
});
