import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanProject, type ProjectScan } from '../project/index.js';
import { tempDir, vscodeProjectFiles, writeTree } from '../project/fixtures/projects.js';
import { importCar, inspectCar, readCar, readCarContents, writeCar } from './index.js';
import { readZip, writeZip } from './zip.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures/car');
const fixtureCars = readdirSync(fixtures).filter((f) => f.endsWith('.car')).sort();

const artifactsOf = (scan: ProjectScan) => scan.artifacts.map((a) => `${a.kind}:${a.name}${a.version ? '@' + a.version : ''}`).sort();
const resourcesOf = (scan: ProjectScan) => scan.resources.map((r) => `${r.key}|${r.mediaType ?? ''}|${JSON.stringify(r.properties ?? {})}`).sort();
const text = async (car: string, entry: string) => (await readZip(car)).find((e) => e.name === entry)?.data?.toString('utf8');
const squash = (s: string | undefined) => (s ?? '').replace(/>\s+</g, '><').trim();

async function exportVscodeProject(options: Partial<Parameters<typeof writeCar>[1]> = {}) {
  const root = writeTree(tempDir('car-src'), vscodeProjectFiles());
  const scan = await scanProject(root);
  return { scan, result: await writeCar(scan, { out: tempDir('car-out'), ...options }) };
}

describe('writeCar', () => {
  it('names the CAR <artifactId>_<version>.car and lays out one folder per artifact', async () => {
    const { result } = await exportVscodeProject();
    expect(path.basename(result.file)).toBe('OrderService_1.2.0-SNAPSHOT.car');
    const files = result.entries.filter((e) => !e.endsWith('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'artifacts.xml',
        'metadata.xml',
        'descriptor.xml',
        'OrderApi_1.2.0/artifact.xml',
        'OrderApi_1.2.0/OrderApi-1.2.0.xml',
        'StockApi_2.0.0_2.0.0/StockApi_2.0.0-2.0.0.xml',
        'CustomersDS_1.2.0/CustomersDS-1.2.0.dbs',
        'MainDb_1.2.0/MainDb-1.2.0.xml',
        'Greeting_1.2.0/Greeting-1.2.0.xml',
        'order_schema_1.2.0/registry-info.xml',
        'order_schema_1.2.0/resources/order.xsd',
        'mi-connector-http_0.1.14/mi-connector-http-0.1.14.zip',
        'config_1.2.0/config.properties',
        'metadata/OrderApi_metadata_1.2.0/OrderApi_metadata-1.2.0.yaml',
        'metadata/StockApi_2.0.0_metadata_1.2.0/artifact.xml',
        'metadata/EchoProxy_proxy_metadata_1.2.0/artifact.xml',
      ]),
    );
    // The project's own metadata file is packed as is, not replaced by a generated one.
    expect(await text(result.file, 'metadata/OrderApi_metadata_1.2.0/OrderApi_metadata-1.2.0.yaml')).toContain('key: "OrderApi-1.2.0"');
  });

  it('writes artifact.xml files with the types and server roles of the VS Code builder', async () => {
    const { result } = await exportVscodeProject();
    const shape = async (dir: string) => {
      const xml = (await text(result.file, `${dir}/artifact.xml`))!;
      return /<artifact name="([^"]+)" version="([^"]+)" type="([^"]+)" serverRole="([^"]+)">\s*<file>([^<]+)<\/file>\s*<\/artifact>/.exec(xml)?.slice(1);
    };
    expect(await shape('OrderApi_1.2.0')).toEqual(['OrderApi', '1.2.0', 'synapse/api', 'EnterpriseIntegrator', 'OrderApi-1.2.0.xml']);
    expect(await shape('StockApi_2.0.0_2.0.0')).toEqual(['StockApi_2.0.0', '2.0.0', 'synapse/api', 'EnterpriseIntegrator', 'StockApi_2.0.0-2.0.0.xml']);
    expect(await shape('Proc_1.2.0')).toEqual(['Proc', '1.2.0', 'synapse/message-processors', 'EnterpriseIntegrator', 'Proc-1.2.0.xml']);
    expect(await shape('CustomersDS_1.2.0')).toEqual(['CustomersDS', '1.2.0', 'service/dataservice', 'EnterpriseServiceBus', 'CustomersDS-1.2.0.dbs']);
    expect(await shape('MainDb_1.2.0')).toEqual(['MainDb', '1.2.0', 'datasource/datasource', 'EnterpriseServiceBus', 'MainDb-1.2.0.xml']);
    expect(await shape('order_schema_1.2.0')).toEqual(['order_schema', '1.2.0', 'registry/resource', 'EnterpriseIntegrator', 'registry-info.xml']);
    expect(await shape('mi-connector-http_0.1.14')).toEqual(['mi-connector-http', '0.1.14', 'synapse/lib', 'EnterpriseIntegrator', 'mi-connector-http-0.1.14.zip']);
    expect(await shape('config_1.2.0')).toEqual(['config', '1.2.0', 'config/property', 'EnterpriseIntegrator', 'config.properties']);
    expect(await shape('metadata/OrderApi_metadata_1.2.0')).toEqual(['OrderApi_metadata', '1.2.0', 'synapse/metadata', 'EnterpriseIntegrator', 'OrderApi_metadata-1.2.0.yaml']);
    expect(squash(await text(result.file, 'order_schema_1.2.0/registry-info.xml'))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><resources><item><file>order.xsd</file><path>/_system/governance/mi/schemas</path>' +
        '<mediaType>application/x-xsd+xml</mediaType><properties><property key="owner" value="team-a"/></properties></item></resources>',
    );
  });

  it('lists every deployable artifact in artifacts.xml and adds the metadata ones in metadata.xml', async () => {
    const { result } = await exportVscodeProject();
    const deps = (xml: string | undefined) => [...(xml ?? '').matchAll(/<dependency artifact="([^"]+)" version="([^"]+)" include="true" serverRole="([^"]+)"\/>/g)].map((m) => `${m[1]}@${m[2]}`);
    const artifacts = deps(await text(result.file, 'artifacts.xml'));
    const metadata = deps(await text(result.file, 'metadata.xml'));
    expect(await text(result.file, 'artifacts.xml')).toContain('<artifact name="OrderService" version="1.2.0-SNAPSHOT" type="carbon/application">');
    expect([...artifacts].sort()).toEqual(
      [
        'BrokenEp@1.2.0', 'CustomersDS@1.2.0', 'EchoProxy@1.2.0', 'Greeting@1.2.0', 'LogSeq@1.2.0', 'MainDb@1.2.0', 'OrderApi@1.2.0', 'Proc@1.2.0',
        'StockApi_2.0.0@2.0.0', 'conf_xslt_undeclared_xsl@1.2.0', 'config@1.2.0', 'mi-connector-http@0.1.14', 'order_schema@1.2.0', 'resources_xslt_t_xsl@1.2.0',
      ].sort(),
    );
    expect(metadata.slice(0, artifacts.length)).toEqual(artifacts);
    expect(metadata.slice(artifacts.length).sort()).toEqual(['EchoProxy_proxy_metadata@1.2.0', 'OrderApi_metadata@1.2.0', 'StockApi_2.0.0_metadata@1.2.0']);
    // MI deploys config first and Synapse artifacts last; the list reads in that order.
    expect(artifacts[0]).toBe('config@1.2.0');
    expect(await text(result.file, 'descriptor.xml')).toContain('<id>com.example__OrderService__1.2.0-SNAPSHOT</id>');
  });

  it('puts every folder entry before the entries inside it', async () => {
    const { result } = await exportVscodeProject();
    const names = (await readZip(result.file)).map((e) => e.name);
    expect(names).toEqual(result.entries);
    names.forEach((name, i) => {
      const parts = name.replace(/\/$/, '').split('/');
      for (let d = 1; d < parts.length; d++) {
        const folder = parts.slice(0, d).join('/') + '/';
        expect(names.indexOf(folder), `${folder} before ${name}`).toBeGreaterThanOrEqual(0);
        expect(names.indexOf(folder)).toBeLessThan(i);
      }
    });
    // The only thing MI would refuse is the project's deliberately broken endpoint.
    const report = await inspectCar(result.file);
    expect(report.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^synapse\/endpoint BrokenEp is not well-formed XML .*lists it as faulty$/)]);
  });

  it('gives byte-identical archives for the same project', async () => {
    const root = writeTree(tempDir('car-src'), vscodeProjectFiles());
    const first = await writeCar(await scanProject(root), { out: path.join(tempDir('a'), 'x.car') });
    await new Promise((r) => setTimeout(r, 1100)); // a second later: timestamps must not leak in
    const second = await writeCar(await scanProject(root), { out: path.join(tempDir('b'), 'x.car') });
    expect(readFileSync(second.file).equals(readFileSync(first.file))).toBe(true);
  });

  it('applies --version, select and openapi', async () => {
    const { result } = await exportVscodeProject({ version: '3.0.0', openapi: true, select: (a) => a.name !== 'EchoProxy' });
    expect(path.basename(result.file)).toBe('OrderService_3.0.0.car');
    expect(result.entries).not.toContain('EchoProxy_3.0.0/');
    expect(result.entries).not.toContain('metadata/EchoProxy_proxy_metadata_3.0.0/');
    const swagger = (await text(result.file, 'metadata/OrderApi_swagger_3.0.0/OrderApi_swagger-3.0.0.yaml'))!;
    expect(swagger).toContain('openapi: "3.0.1"');
    expect(swagger).toContain('url: "http://localhost:8290/orders"');
    expect(swagger).toMatch(/\/\{id\}:\n {4}get:\n {6}parameters:\n {8}- name: verbose\n {10}in: query/);
    expect(swagger).toMatch(/"\/\*":\n {4}post:\n {6}requestBody:/);
  });

  it('refuses two artifacts that would share a CAR folder', async () => {
    const root = writeTree(tempDir('dup'), {
      'a.xml': '<sequence xmlns="http://ws.apache.org/ns/synapse" name="Same"/>',
      'b.xml': '<endpoint xmlns="http://ws.apache.org/ns/synapse" name="Same"/>',
    });
    await expect(writeCar(await scanProject(root), { out: tempDir('dup-out') })).rejects.toThrow(/share the CAR folder Same_1\.0\.0/);
  });
});

describe('readCar', () => {
  it('reads back what writeCar wrote: same artifacts, registry resources, config keys and extras', async () => {
    const { scan, result } = await exportVscodeProject();
    const back = await readCar(result.file);
    expect(back).toMatchObject({ layout: 'car', name: 'OrderService', version: '1.2.0-SNAPSHOT' });
    expect(artifactsOf(back)).toEqual(artifactsOf(scan));
    expect(resourcesOf(back)).toEqual(
      resourcesOf({ ...scan, resources: scan.resources.map((r) => ({ ...r, mediaType: r.mediaType ?? 'application/xslt+xml' })) }),
    );
    expect(Object.keys(back.configProperties).sort()).toEqual(['orderUrl', 'timeout']);
    expect(back.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^error: synapse\/endpoint BrokenEp is not well-formed XML/)]);
    const api = back.artifacts.find((a) => a.name === 'OrderApi')!;
    expect(readFileSync(api.file, 'utf8')).toBe(vscodeProjectFiles()['src/main/wso2mi/artifacts/apis/OrderApi.xml']);
  });

  it.each(fixtureCars)('reads fixture %s with every dependency resolved', async (car) => {
    const { scan, analysis } = await readCarContents(path.join(fixtures, car));
    expect(scan.name).not.toBe('');
    expect(analysis.descriptor).toBeDefined();
    // Payload faults (fixtures.test.ts) aside, every dependency resolves.
    expect(analysis.issues.filter((i) => i.severity === 'error' && !/MI fails to deploy it/.test(i.message))).toEqual([]);
    const deployed = scan.artifacts.length + scan.resources.length + (scan.extras ?? []).length;
    expect(deployed).toBeGreaterThan(0);
    for (const a of scan.artifacts) expect(readFileSync(a.file).length).toBeGreaterThan(0);
  });

  it('lists a registry resource with its path, media type and properties', async () => {
    const scan = await readCar(path.join(fixtures, 'SynapseExpressionTestCase_1.0.0.car'));
    expect(scan.resources).toEqual([
      expect.objectContaining({
        key: 'gov:gov/synapse/expression/sample.json',
        registryPath: '/_system/governance/gov/synapse/expression/sample.json',
        mediaType: 'application/json',
        properties: { prop1: 'hello world' },
        artifactName: 'sample',
      }),
    ]);
  });
});

describe('inspectCar', () => {
  it('lists name, type, version and server role of each artifact of a real CAR', async () => {
    const report = await inspectCar(path.join(fixtures, 'connectors-data-services-pack_1.0.0.car'));
    const rows = report.artifacts.map((a) => `${a.name}|${a.type}|${a.version}|${a.serverRole}|${a.file}`).sort();
    expect(rows).toEqual([
      'AbcDataService|service/dataservice|1.0.0|DataServicesServer|AbcDataService_1.0.0/AbcDataService-1.0.0.dbs',
      'CSV-connector|synapse/lib|1.0.3|EnterpriseServiceBus|CSV-connector_1.0.3/CSV-connector-1.0.3.zip',
      'HelloDataService|service/dataservice|1.0.0|DataServicesServer|HelloDataService_1.0.0/HelloDataService-1.0.0.dbs',
      'mongodb-connector|synapse/lib|1.0.1|EnterpriseServiceBus|mongodb-connector_1.0.1/mongodb-connector-1.0.1.zip',
    ]);
  });

  it('reports what MI would refuse: file before its folder, missing artifact.xml, missing serverRole', async () => {
    const car = path.join(tempDir('bad'), 'bad_1.0.0.car');
    const xml = (s: string) => Buffer.from(s, 'utf8');
    await writeZip(
      [
        { name: 'artifacts.xml', data: xml('<artifacts><artifact name="bad" version="1.0.0" type="carbon/application"><dependency artifact="A" version="1.0.0" serverRole="EnterpriseIntegrator"/><dependency artifact="B" version="1.0.0"/><dependency artifact="C" version="1.0.0" serverRole="EnterpriseIntegrator"/></artifact></artifacts>') },
        { name: 'A_1.0.0/artifact.xml', data: xml('<artifact name="A" version="1.0.0" type="synapse/sequence" serverRole="EnterpriseIntegrator"><file>A-1.0.0.xml</file></artifact>') },
        { name: 'A_1.0.0/' },
        { name: 'A_1.0.0/A-1.0.0.xml', data: xml('<sequence name="A"/>') },
        { name: 'C_1.0.0/' },
        { name: 'C_1.0.0/C-1.0.0.xml', data: xml('<sequence name="C"/>') },
      ],
      car,
    );
    const messages = (await inspectCar(car)).issues.map((i) => `${i.severity}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "error: entry A_1.0.0/artifact.xml comes before its folder entry A_1.0.0/; MI's extraction fails",
        'error: dependency B has no serverRole; MI fails the whole CAR',
        'error: dependency C 1.0.0 is not satisfied: no folder holds an artifact.xml with that name and version',
        'warning: folder C_1.0.0/ has no artifact.xml; MI ignores it',
      ]),
    );
    // readCar still extracts it, but says the same things.
    const scan = await readCar(car);
    expect(scan.artifacts.map((a) => a.name)).toEqual(['A']);
    expect(scan.problems.some((p) => p.message.includes('not satisfied'))).toBe(true);
  });
});

describe('inspectCar on duplicates and missing folders', () => {
  it('reports duplicate dependencies, duplicate artifact folders, duplicate runtime names and folders without a directory entry', async () => {
    const car = path.join(tempDir('dups'), 'dups_1.0.0.car');
    const xml = (s: string) => Buffer.from(s, 'utf8');
    const seq = (name: string) => xml(`<sequence xmlns="http://ws.apache.org/ns/synapse" name="${name}"/>`);
    const artifactXml = (name: string) => xml(`<artifact name="${name}" version="1.0.0" type="synapse/sequence" serverRole="EnterpriseIntegrator"><file>s.xml</file></artifact>`);
    const dep = (name: string) => `<dependency artifact="${name}" version="1.0.0" include="true" serverRole="EnterpriseIntegrator"/>`;
    await writeZip(
      [
        { name: 'artifacts.xml', data: xml(`<artifacts><artifact name="dups" version="1.0.0" type="carbon/application">${dep('A')}${dep('A')}${dep('B')}${dep('C')}</artifact></artifacts>`) },
        { name: 'A_1.0.0/' },
        { name: 'A_1.0.0/artifact.xml', data: artifactXml('A') },
        { name: 'A_1.0.0/s.xml', data: seq('Shared') },
        { name: 'A_copy/' },
        { name: 'A_copy/artifact.xml', data: artifactXml('A') },
        { name: 'A_copy/s.xml', data: seq('Other') },
        { name: 'B_1.0.0/' },
        { name: 'B_1.0.0/artifact.xml', data: artifactXml('B') },
        { name: 'B_1.0.0/s.xml', data: seq('Shared') },
        { name: 'C_1.0.0/artifact.xml', data: artifactXml('C') },
        { name: 'C_1.0.0/s.xml', data: seq('C') },
      ],
      car,
    );
    const messages = (await inspectCar(car)).issues.map((i) => `${i.severity}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'warning: dependency A 1.0.0 is listed more than once',
        'error: duplicate artifact A 1.0.0: folders A_1.0.0/ and A_copy/ both declare it; MI resolves the dependency to only one of them',
        'error: duplicate synapse/sequence Shared: A_1.0.0/s.xml and B_1.0.0/s.xml both define it; MI deploys one, fails on the other and lists the CAR as faulty',
        "error: folder C_1.0.0/ has no directory entry; MI's extraction fails",
      ]),
    );
  });
});

describe('importCar', () => {
  it.each(fixtureCars)('imports %s into a VS Code project that scans back to the same artifacts', async (car) => {
    const file = path.join(fixtures, car);
    const dir = path.join(tempDir('import'), 'project');
    const imported = await importCar(file, dir);
    expect(imported.files).toContain('pom.xml');
    const fromCar = await readCar(file);
    const project = await scanProject(dir);
    expect(project.layout).toBe('vscode');
    expect(project.name).toBe(fromCar.name);
    expect(artifactsOf(project)).toEqual(artifactsOf(fromCar));
    expect(project.resources.map((r) => r.key).sort()).toEqual(fromCar.resources.map((r) => r.key).sort());
    expect(Object.keys(project.configProperties).sort()).toEqual(Object.keys(fromCar.configProperties).sort());
  });

  it('re-exports an imported VS Code-built CAR with the same entries and descriptors', async () => {
    const original = path.join(fixtures, 'SynapseExpressionTestCase_1.0.0.car');
    const dir = path.join(tempDir('reimport'), 'p');
    await importCar(original, dir);
    const { file } = await writeCar(await scanProject(dir), { out: tempDir('reexport') });
    const names = async (car: string) => (await readZip(car)).map((e) => e.name).filter((n) => n !== 'descriptor.xml').sort();
    expect(await names(file)).toEqual(await names(original));
    for (const entry of [
      'artifacts.xml',
      'metadata.xml',
      'sample_1.0.0/artifact.xml',
      'sample_1.0.0/registry-info.xml',
      'SynapseExpression_api_1.0.0/artifact.xml',
      'SynapseExpression_SeqTemplate_1.0.0/artifact.xml',
      'metadata/SynapseExpression_api_swagger_1.0.0/artifact.xml',
    ]) {
      const ours = squash(await text(file, entry));
      const theirs = squash(await text(original, entry));
      if (entry === 'artifacts.xml' || entry === 'metadata.xml') {
        // Same dependencies; order may differ (MI orders by type itself).
        const deps = (s: string) => s.match(/<dependency [^>]+\/>/g)!.sort();
        expect(deps(ours), entry).toEqual(deps(theirs));
      } else {
        expect(ours, entry).toBe(theirs);
      }
    }
  });

  it('refuses a folder that is not empty', async () => {
    const dir = writeTree(tempDir('nonempty'), { 'keep.txt': 'x' });
    await expect(importCar(path.join(fixtures, 'hello-worldCompositeApplication_1.0.0.car'), dir)).rejects.toThrow(/not empty/);
  });
});
