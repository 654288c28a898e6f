import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectLayout, scanProject } from './index.js';
import { integrationStudioFiles, tempDir, vscodeProjectFiles, writeTree } from './fixtures/projects.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = path.resolve(repoRoot, '../shared');

const summary = (scan: Awaited<ReturnType<typeof scanProject>>) =>
  scan.artifacts.map((a) => `${a.kind}:${a.name}${a.version ? '@' + a.version : ''}`).sort();

describe('VS Code layout', () => {
  it('lists artifacts by folder, names from the XML, versioned APIs, data sources by file name', async () => {
    const root = writeTree(tempDir('vscode'), vscodeProjectFiles());
    expect(detectLayout(root)).toBe('vscode');
    const scan = await scanProject(root);
    expect(scan).toMatchObject({ layout: 'vscode', name: 'OrderService', version: '1.2.0-SNAPSHOT', groupId: 'com.example' });
    expect(summary(scan)).toEqual([
      'api:OrderApi',
      'api:StockApi@2.0.0',
      'data-service:CustomersDS',
      'data-source:MainDb',
      'endpoint:BrokenEp', // malformed, still listed by folder with the name it declares
      'local-entry:Greeting',
      'message-processor:Proc',
      'proxy:EchoProxy',
      'sequence:LogSeq', // nested/Ignored.xml is not picked up (no recursion)
    ]);
  });

  it('reads registry resources from both artifact.xml files and undeclared gov/conf files', async () => {
    const root = writeTree(tempDir('vscode'), vscodeProjectFiles());
    const scan = await scanProject(root);
    const byKey = Object.fromEntries(scan.resources.map((r) => [r.key, r]));
    expect(Object.keys(byKey).sort()).toEqual(['conf:xslt/undeclared.xsl', 'gov:mi-resources/xslt/t.xsl', 'gov:mi/schemas/order.xsd']);
    expect(byKey['gov:mi/schemas/order.xsd']).toMatchObject({
      registryPath: '/_system/governance/mi/schemas/order.xsd',
      mediaType: 'application/x-xsd+xml',
      properties: { owner: 'team-a' },
      artifactName: 'order_schema',
      file: path.join(root, 'src/main/wso2mi/resources/registry/gov/mi/schemas/order.xsd'),
    });
    expect(byKey['gov:mi-resources/xslt/t.xsl']!.file).toBe(path.join(root, 'src/main/wso2mi/resources/xslt/t.xsl'));
    expect(byKey['conf:xslt/undeclared.xsl']!.artifactName).toBe('conf_xslt_undeclared_xsl');
  });

  it('reads config.properties keys with .env values, metadata and connectors', async () => {
    const scan = await scanProject(writeTree(tempDir('vscode'), vscodeProjectFiles()));
    expect(scan.configProperties).toEqual({ orderUrl: 'http://localhost:9000/orders', timeout: '' });
    expect((scan.extras ?? []).map((e) => `${e.kind}:${e.name}:${e.version ?? ''}`).sort()).toEqual([
      'config:config:',
      'connector:mi-connector-http:0.1.14',
      'metadata:OrderApi_metadata:',
    ]);
  });

  it('reports a declared registry file that does not exist', async () => {
    const files = vscodeProjectFiles();
    delete files['src/main/wso2mi/resources/xslt/t.xsl'];
    const scan = await scanProject(writeTree(tempDir('vscode'), files));
    expect(scan.problems.some((p) => p.message.includes('t.xsl') && p.message.includes('does not exist'))).toBe(true);
  });
});

describe('Integration Studio layout', () => {
  it('finds ESB configs, registry items and collections, data services and the composite name', async () => {
    const root = writeTree(tempDir('is'), integrationStudioFiles());
    expect(detectLayout(root)).toBe('integration-studio');
    const scan = await scanProject(root);
    expect(scan).toMatchObject({ layout: 'integration-studio', name: 'ShopCompositeExporter', version: '1.0.0-SNAPSHOT', groupId: 'org.acme' });
    expect(summary(scan)).toEqual(['api:CartApi', 'data-service:Orders', 'endpoint:CartEp', 'sequence:CartSeq']);
    const resources = scan.resources.map((r) => `${r.key}|${r.mediaType ?? ''}|${r.artifactName}`).sort();
    expect(resources).toEqual([
      'conf:xslt/cart.xsl|application/xslt+xml|cart_xsl',
      'gov:shop/schemas/a.xsd|application/x-xsd+xml|schemas',
      'gov:shop/schemas/sub/b.json||schemas',
    ]);
    expect(scan.extras?.map((e) => e.name)).toEqual(['CartApi_metadata']);
  });

  it('scans a single ESB Configs project folder', async () => {
    const root = writeTree(tempDir('is1'), integrationStudioFiles());
    const scan = await scanProject(path.join(root, 'ShopConfigs'));
    expect(scan.layout).toBe('integration-studio');
    expect(summary(scan)).toEqual(['api:CartApi', 'endpoint:CartEp', 'sequence:CartSeq']);
  });
});

describe('plain folder', () => {
  it('classifies by root element, guesses kind of malformed files, reports non-artifacts', async () => {
    const root = writeTree(tempDir('plain'), {
      'a.xml': '<?xml version="1.0"?>\n<!-- c --><api xmlns="http://ws.apache.org/ns/synapse" name="A" context="/a"/>',
      'deep/er/le.xml': '<localEntry key="cfg">x</localEntry>',
      'broken.xml': '<sequence name="Half"><log>',
      'garbage.xml': 'just text, no tags',
      'other.xml': '<unit-test/>',
      'svc.dbs': '<data name="Svc"/>',
      'ds.xml': '<datasource><name>X</name></datasource>',
      'pom.xml': '<project/>',
      'registry/conf/scripts/t.js': 'var x;',
      'registry/gov/ep.xml': '<endpoint name="RegEp"/>',
    });
    expect(detectLayout(root)).toBe('plain');
    const scan = await scanProject(root);
    expect(summary(scan)).toEqual(['api:A', 'data-service:Svc', 'data-source:ds', 'local-entry:cfg', 'sequence:Half']);
    expect(scan.problems.map((p) => path.basename(p.file)).sort()).toEqual(['garbage.xml', 'other.xml']);
    expect(scan.problems.find((p) => p.file.endsWith('other.xml'))!.message).toContain('<unit-test>');
    expect(scan.resources.map((r) => r.key).sort()).toEqual(['conf:scripts/t.js', 'gov:ep.xml']);
  });

  it('scans every corpus case folder without throwing and finds its artifacts', async () => {
    const corpus = path.join(shared, 'corpus');
    const cases: string[] = [];
    for (const category of readdirSync(corpus)) {
      const dir = path.join(corpus, category);
      if (!statSync(dir).isDirectory()) continue;
      for (const c of readdirSync(dir)) if (statSync(path.join(dir, c)).isDirectory()) cases.push(path.join(dir, c));
    }
    expect(cases.length).toBeGreaterThan(50);
    let withArtifacts = 0;
    for (const dir of cases) {
      const scan = await scanProject(dir);
      expect(scan.layout).toBe('plain');
      const prefixed = readdirSync(dir).filter((f) => /^(api|proxy|sequence|endpoint)_.*\.xml$/.test(f));
      // Every kind-prefixed artifact file of the corpus is classified as that kind.
      for (const f of prefixed) {
        const kind = f.split('_')[0];
        const found = scan.artifacts.find((a) => a.file === path.join(dir, f));
        expect(found?.kind, `${dir}/${f}`).toBe(kind);
      }
      if (scan.artifacts.length > 0) withArtifacts++;
    }
    expect(withArtifacts).toBeGreaterThan(50);
  });
});

describe('scanProject errors', () => {
  it('rejects a path that is neither a folder nor a .car', async () => {
    const root = writeTree(tempDir('err'), { 'x.txt': 'x' });
    await expect(scanProject(path.join(root, 'x.txt'))).rejects.toThrow(/neither a project folder nor a \.car/);
  });
});
