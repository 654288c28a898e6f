import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileArtifactText, detectLayout, scanProject } from '../../../engine/index.js';
import { startHarness, waitFor, type Harness } from '../test-helpers.js';
import type { ArtifactKind } from '../../contract/index.js';

const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';

describe('workspace service over the in-memory transport', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('opens a project, lists artifacts grouped by kind and remembers it', async () => {
    const ws = h.client.service('workspace');
    const info = await ws.openFolder(h.project);
    expect(info).toMatchObject({ name: 'HospitalService', layout: 'vscode' });
    const groups = await ws.listArtifacts();
    const byKind = Object.fromEntries(groups.map((g) => [g.kind, g.items.map((i) => i.name)]));
    expect(byKind.api).toEqual(['HealthcareAPI']);
    expect(byKind.endpoint).toEqual(['HospitalServiceEP', 'ReservationEP']);
    expect(byKind.sequence).toEqual(['HospitalFault']);
    expect(groups.find((g) => g.kind === 'api')!.items[0].path).toBe(API);
    expect(await ws.recentProjects()).toEqual([h.project]);
  });

  it('reads and writes files, and refuses a write based on an outdated version', async () => {
    const ws = h.client.service('workspace');
    await ws.openFolder(h.project);
    const file = await ws.readFile(API);
    expect(file.text).toContain('<api name="HealthcareAPI"');
    const saved = await ws.writeFile(API, file.text.replace('"UP"', '"OK"'), file.version);
    expect(readFileSync(path.join(h.project, API), 'utf8')).toContain('"OK"');
    writeFileSync(path.join(h.project, API), 'changed elsewhere');
    await expect(ws.writeFile(API, 'mine', saved.version)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(readFileSync(path.join(h.project, API), 'utf8')).toBe('changed elsewhere');
  });

  it('exposes only the contract over RPC, not host-side helpers', async () => {
    const ws = h.client.service('workspace') as unknown as Record<string, () => Promise<unknown>>;
    await expect(ws.dispose()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
    await expect(ws.onProjectOpened()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
    const runtime = h.client.service('runtime') as unknown as Record<string, () => Promise<unknown>>;
    await expect(runtime.runningPort()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
  });

  it('refuses paths outside the project', async () => {
    const ws = h.client.service('workspace');
    await ws.openFolder(h.project);
    await expect(ws.readFile('../../etc/passwd')).rejects.toMatchObject({ code: 'OUTSIDE_PROJECT' });
    await expect(ws.readFile('/etc/passwd')).rejects.toMatchObject({ code: 'OUTSIDE_PROJECT' });
    await expect(ws.writeFile('src/../../escape.txt', 'x')).rejects.toMatchObject({ code: 'OUTSIDE_PROJECT' });
    expect(existsSync(path.join(h.project, '..', 'escape.txt'))).toBe(false);
  });

  it('reports changes made outside the studio', async () => {
    const ws = h.client.service('workspace');
    await ws.openFolder(h.project);
    writeFileSync(path.join(h.project, API), '<api/>');
    const event = await waitFor(() => h.events.find((e) => e.name === 'workspace.fileChanged'), 'a file change event');
    expect(event.payload).toMatchObject({ type: 'changed', path: API });
  });

  it('renames and deletes artifacts', async () => {
    const ws = h.client.service('workspace');
    await ws.openFolder(h.project);
    const seq = 'src/main/wso2mi/artifacts/sequences/HospitalFault.xml';
    const renamed = 'src/main/wso2mi/artifacts/sequences/Renamed.xml';
    await ws.renameFile(seq, renamed);
    expect(existsSync(path.join(h.project, renamed))).toBe(true);
    await expect(ws.renameFile(renamed, API)).rejects.toMatchObject({ code: 'EXISTS' });
    await ws.deleteFile(renamed);
    expect(existsSync(path.join(h.project, renamed))).toBe(false);
    const groups = await ws.listArtifacts();
    expect(groups.find((g) => g.kind === 'sequence')!.items).toEqual([]);
  });

  it('creates a deployable artifact of every kind from its wizard', async () => {
    const ws = h.client.service('workspace');
    await ws.openFolder(h.project);
    const answers: Partial<Record<ArtifactKind, Record<string, string>>> = {
      api: { name: 'OrdersAPI', context: '/orders', method: 'POST', uriTemplate: '/{id}' },
      proxy: { name: 'EchoProxy', endpointUrl: 'http://localhost:9000/echo' },
      sequence: { name: 'MySeq' },
      endpoint: { name: 'MyEP', uri: 'http://localhost:9090/x' },
      'inbound-endpoint': { name: 'MyInbound', sequence: 'MySeq', 'http:inbound.http.port': '8085' },
      task: { name: 'MyTask', sequence: 'MySeq' },
      'message-store': { name: 'MyStore' },
      'message-processor': { name: 'MyProcessor', store: 'MyStore', endpoint: 'MyEP' },
      template: { name: 'MyTemplate' },
      'local-entry': { name: 'greeting', value: 'hello & welcome' },
    };
    const templates = await ws.templates();
    for (const [kind, values] of Object.entries(answers)) {
      expect(templates.map((t) => t.kind)).toContain(kind);
      const entry = await ws.createArtifact({ kind: kind as ArtifactKind, values });
      const text = readFileSync(path.join(h.project, entry.path), 'utf8');
      const compiled = compileArtifactText(entry.path, text);
      expect(compiled.diagnostics.filter((d) => d.severity === 'error'), `${kind}: ${text}`).toEqual([]);
      expect(compiled.name).toBe(values.name);
    }
    const groups = await ws.listArtifacts();
    expect(groups.find((g) => g.kind === 'api')!.items.map((i) => i.name)).toEqual(['HealthcareAPI', 'OrdersAPI']);
    await expect(ws.createArtifact({ kind: 'api', values: { name: 'OrdersAPI', context: '/o' } })).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(ws.createArtifact({ kind: 'api', values: { name: 'Bad Name', context: '/o' } })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('creates a new project in the MI VS Code layout', async () => {
    const ws = h.client.service('workspace');
    const parent = mkdtempSync(path.join(os.tmpdir(), 'mediate-new-'));
    const info = await ws.createProject(parent, 'Orders');
    expect(info.root).toBe(path.join(parent, 'Orders'));
    expect(detectLayout(info.root)).toBe('vscode');
    expect(readFileSync(path.join(info.root, 'pom.xml'), 'utf8')).toContain('<projectType>integration-project</projectType>');
    expect(existsSync(path.join(info.root, 'src/main/wso2mi/artifacts/proxy-services'))).toBe(true);
    await ws.createArtifact({ kind: 'api', values: { name: 'Hello', context: '/hello' } });
    const scan = await scanProject(info.root);
    expect(scan.artifacts.map((a) => `${a.kind}:${a.name}`)).toEqual(['api:Hello']);
  });
});
