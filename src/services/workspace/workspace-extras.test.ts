import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { scanProject } from '../../../engine/index.js';
import { startHarness, type Harness } from '../test-helpers.js';
import type { WorkspaceProgress } from '../../contract/index.js';

const EP = 'src/main/wso2mi/artifacts/endpoints/HospitalServiceEP.xml';
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';

describe('workspace service: rename, wizards for data sources and registry resources, progress, format', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.client.service('workspace').openFolder(h.project);
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('renames an endpoint: new file, name attribute changed in place, references listed but left alone', async () => {
    const before = readFileSync(path.join(h.project, EP), 'utf8');
    const apiBefore = readFileSync(path.join(h.project, API), 'utf8');
    const result = await h.client.service('workspace').renameArtifact(EP, 'PatientsEP');
    const target = 'src/main/wso2mi/artifacts/endpoints/PatientsEP.xml';
    expect(result.entry).toEqual({ kind: 'endpoint', name: 'PatientsEP', path: target });
    expect(result.nameUpdated).toBe(true);
    expect(existsSync(path.join(h.project, EP))).toBe(false);
    expect(readFileSync(path.join(h.project, target), 'utf8')).toBe(before.replace('name="HospitalServiceEP"', 'name="PatientsEP"'));
    expect(result.references).toEqual([{ path: API, line: 10, text: '<endpoint key="HospitalServiceEP"/>' }]);
    expect(readFileSync(path.join(h.project, API), 'utf8')).toBe(apiBefore);
    const scan = await scanProject(h.project);
    expect(scan.artifacts.filter((a) => a.kind === 'endpoint').map((a) => a.name).sort()).toEqual(['PatientsEP', 'ReservationEP']);
  });

  it('renames a local entry by its key and a data source by its <name>', async () => {
    const ws = h.client.service('workspace');
    const entry = await ws.createArtifact({ kind: 'local-entry', values: { name: 'greeting', value: 'hi' } });
    const renamed = await ws.renameArtifact(entry.path, 'welcome');
    expect(readFileSync(path.join(h.project, renamed.entry.path), 'utf8')).toContain('<localEntry key="welcome" xmlns=');
    const source = await ws.createArtifact({ kind: 'data-source', values: { name: 'OrdersDB', url: 'jdbc:h2:mem:orders' } });
    const ds = await ws.renameArtifact(source.path, 'SalesDB');
    const text = readFileSync(path.join(h.project, ds.entry.path), 'utf8');
    expect(text).toContain('<name>SalesDB</name>');
    expect(text).toContain('<name>jdbc/OrdersDB</name>'); // only the data source's own name
    await expect(ws.renameArtifact(ds.entry.path, 'ReservationEP x')).rejects.toMatchObject({ code: 'INVALID' });
    await expect(ws.renameArtifact(API, 'HealthcareAPI')).resolves.toMatchObject({ references: [] });
  });

  it('creates a data source the project scanner lists without problems', async () => {
    const entry = await h.client.service('workspace').createArtifact({ kind: 'data-source', values: { name: 'OrdersDB', url: 'jdbc:mysql://localhost:3306/orders', username: 'app' } });
    expect(entry.path).toBe('src/main/wso2mi/artifacts/data-sources/OrdersDB.xml');
    const text = readFileSync(path.join(h.project, entry.path), 'utf8');
    expect(text).toMatch(/<datasource>\s*<name>OrdersDB<\/name>[\s\S]*<url>jdbc:mysql:\/\/localhost:3306\/orders<\/url>/);
    const scan = await scanProject(h.project);
    expect(scan.artifacts).toContainEqual(expect.objectContaining({ kind: 'data-source', name: 'OrdersDB' }));
    expect(scan.problems).toEqual([]);
    const groups = await h.client.service('workspace').listArtifacts();
    expect(groups.find((g) => g.kind === 'data-source')!.items.map((i) => i.path)).toEqual([entry.path]);
  });

  it('creates registry resources under registry/gov|conf, declared in registry/artifact.xml, that the scanner lists with their keys', async () => {
    const ws = h.client.service('workspace');
    const xsl = await ws.createArtifact({ kind: 'registry-resource', values: { name: 'transform.xsl', registry: 'gov', collection: 'xslt' } });
    expect(xsl).toEqual({ kind: 'registry-resource', name: 'gov:xslt/transform.xsl', path: 'src/main/wso2mi/resources/registry/gov/xslt/transform.xsl' });
    expect(readFileSync(path.join(h.project, xsl.path), 'utf8')).toContain('<xsl:stylesheet');
    const json = await ws.createArtifact({ kind: 'registry-resource', values: { name: 'limits.json', registry: 'conf', collection: '' } });
    expect(json.path).toBe('src/main/wso2mi/resources/registry/conf/limits.json');
    const descriptor = readFileSync(path.join(h.project, 'src/main/wso2mi/resources/registry/artifact.xml'), 'utf8');
    expect(descriptor).toContain('<artifact name="gov_xslt_transform_xsl"');
    expect(descriptor).toContain('<path>/_system/governance/xslt</path>');
    expect(descriptor).toContain('<mediaType>application/xslt+xml</mediaType>');
    expect(descriptor).toContain('<artifact name="conf_limits_json"');
    const scan = await scanProject(h.project);
    expect(scan.problems).toEqual([]);
    const resources = scan.resources.map((r) => ({ key: r.key, artifactName: r.artifactName, mediaType: r.mediaType }));
    expect(resources).toContainEqual({ key: 'gov:xslt/transform.xsl', artifactName: 'gov_xslt_transform_xsl', mediaType: 'application/xslt+xml' });
    expect(resources).toContainEqual({ key: 'conf:limits.json', artifactName: 'conf_limits_json', mediaType: 'application/json' });
    const items = (await ws.listArtifacts()).find((g) => g.kind === 'registry-resource')!.items;
    expect(items.map((i) => i.path)).toEqual(expect.arrayContaining([xsl.path, json.path]));
    await expect(ws.createArtifact({ kind: 'registry-resource', values: { name: 'transform.xsl', registry: 'gov', collection: 'xslt' } })).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(ws.createArtifact({ kind: 'registry-resource', values: { name: 'x.xsl', registry: 'gov', collection: '../../escape' } })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('adds a registry entry to an existing artifact.xml without touching the entries already there', async () => {
    const descriptorFile = path.join(h.project, 'src/main/wso2mi/resources/registry/artifact.xml');
    mkdirSync(path.dirname(descriptorFile), { recursive: true });
    const existing = '<?xml version="1.0" encoding="UTF-8"?>\n<artifacts>\n    <!-- ours -->\n</artifacts>\n';
    writeFileSync(descriptorFile, existing);
    await h.client.service('workspace').createArtifact({ kind: 'registry-resource', values: { name: 'schema.xsd', registry: 'gov', collection: 'schemas' } });
    const text = readFileSync(descriptorFile, 'utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<artifacts>\n    <!-- ours -->\n    <artifact name="gov_schemas_schema_xsd"')).toBe(true);
    expect(text.endsWith('    </artifact>\n</artifacts>\n')).toBe(true);
    expect((await scanProject(h.project)).resources.map((r) => r.key)).toContain('gov:schemas/schema.xsd');
  });

  it('reports progress while a project opens', async () => {
    const progress: WorkspaceProgress[] = [];
    h.client.on('workspace.progress', (p) => progress.push(p));
    await h.client.service('workspace').openFolder(h.project);
    await new Promise((r) => setTimeout(r, 20));
    expect(progress[0]).toMatchObject({ operation: 'open-project', done: false, message: 'Scanning hospital…' });
    expect(progress.at(-1)).toEqual({ operation: 'open-project', message: 'Opened HospitalService: 4 artifacts', done: true, artifacts: 4 });
  });

  it('formats XML over RPC and says why it will not', async () => {
    const ws = h.client.service('workspace');
    await expect(ws.formatXml('<a><!-- c --><b/></a>')).resolves.toEqual({ ok: true, text: '<a>\n    <!-- c -->\n    <b/>\n</a>\n', changed: true });
    await expect(ws.formatXml('<a><b/></a>', '  ')).resolves.toMatchObject({ text: '<a>\n  <b/>\n</a>\n' });
    await expect(ws.formatXml('<a><b></a>')).resolves.toMatchObject({ ok: false, text: '<a><b></a>', error: '</a> closes <b>' });
  });
});
