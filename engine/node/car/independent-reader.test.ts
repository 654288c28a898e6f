/**
 * The exported sample read by tools that share no code with ours: Info-ZIP's `unzip -Z1`
 * for the entry list, Python's zipfile + ElementTree for the descriptors.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanProject } from '../project/index.js';
import { tempDir, vscodeProjectFiles, writeTree } from '../project/fixtures/projects.js';
import { writeCar } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sample = path.join(repoRoot, 'samples/hospital');

/** Python reads every descriptor and reports its shape as JSON: root, attributes, children. */
const DESCRIBE_DESCRIPTORS = `
import json, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
def shape(e):
    return {"tag": e.tag, "attrs": dict(e.attrib), "text": (e.text or "").strip(), "children": [shape(c) for c in e]}
out = {}
for info in z.infolist():
    base = info.filename.rsplit("/", 1)[-1]
    if base in ("artifacts.xml", "metadata.xml", "artifact.xml", "registry-info.xml"):
        out[info.filename] = shape(ET.fromstring(z.read(info)))
print(json.dumps({"descriptors": out, "dirs": [i.filename for i in z.infolist() if i.is_dir()]}))
`;

interface Shape {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  children: Shape[];
}

let car: string;
let unzipNames: string[];
let python: { descriptors: Record<string, Shape>; dirs: string[] };
/** The sample has no registry resources; the shared test project has several. */
let withRegistry: { names: string[]; python: { descriptors: Record<string, Shape>; dirs: string[] } };

beforeAll(async () => {
  ({ file: car } = await writeCar(await scanProject(sample), { out: tempDir('sample-car') }));
  unzipNames = execFileSync('unzip', ['-Z1', car], { encoding: 'utf8' }).trim().split('\n');
  python = JSON.parse(execFileSync('python3', ['-c', DESCRIBE_DESCRIPTORS, car], { encoding: 'utf8' }));
  const project = writeTree(tempDir('registry-project'), vscodeProjectFiles());
  const { file } = await writeCar(await scanProject(project), { out: tempDir('registry-car') });
  withRegistry = {
    names: execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n'),
    python: JSON.parse(execFileSync('python3', ['-c', DESCRIBE_DESCRIPTORS, file], { encoding: 'utf8' })),
  };
});

describe('the exported sample, read by unzip and Python', () => {
  it('lists a directory entry for every folder, before anything inside it', () => {
    expect(unzipNames.length).toBeGreaterThan(5);
    unzipNames.forEach((name, i) => {
      const parts = name.replace(/\/$/, '').split('/');
      for (let depth = 1; depth < parts.length; depth++) {
        const folder = `${parts.slice(0, depth).join('/')}/`;
        const at = unzipNames.indexOf(folder);
        expect(at, `${folder} is listed`).toBeGreaterThanOrEqual(0);
        expect(at, `${folder} comes before ${name}`).toBeLessThan(i);
      }
    });
    // Python agrees on which entries are directories: exactly the names ending in '/'.
    expect(python.dirs).toEqual(unzipNames.filter((n) => n.endsWith('/')));
  });

  it('has artifacts.xml with one carbon/application artifact and a complete dependency per artifact folder', () => {
    const app = python.descriptors['artifacts.xml']!;
    expect(app.tag).toBe('artifacts');
    expect(app.children).toHaveLength(1);
    const [application] = app.children;
    expect(application!.tag).toBe('artifact');
    expect(application!.attrs).toEqual({ name: expect.any(String), version: expect.any(String), type: 'carbon/application' });
    const folders = unzipNames.filter((n) => /^[^/]+\/$/.test(n) && n !== 'metadata/').map((n) => n.slice(0, -1));
    expect(application!.children.map((d) => d.tag)).toEqual(folders.map(() => 'dependency'));
    const wanted = application!.children.map((d) => `${d.attrs.artifact}_${d.attrs.version}`).sort();
    expect(wanted).toEqual([...folders].sort());
    for (const d of application!.children) {
      expect(Object.keys(d.attrs)).toEqual(['artifact', 'version', 'include', 'serverRole']);
      expect(d.attrs.include).toBe('true');
      expect(['EnterpriseIntegrator', 'EnterpriseServiceBus']).toContain(d.attrs.serverRole);
    }
  });

  it('gives every artifact folder an artifact.xml naming exactly one file that is in the folder', () => {
    const descriptors = Object.entries(python.descriptors).filter(([name]) => name.endsWith('/artifact.xml'));
    expect(descriptors.length).toBe(unzipNames.filter((n) => /^([^/]+|metadata\/[^/]+)\/$/.test(n) && n !== 'metadata/').length);
    for (const [name, shape] of descriptors) {
      const dir = name.slice(0, -'artifact.xml'.length);
      expect(shape.tag, name).toBe('artifact');
      expect(Object.keys(shape.attrs), name).toEqual(['name', 'version', 'type', 'serverRole']);
      expect(`${dir}`, name).toBe(`${dir.startsWith('metadata/') ? 'metadata/' : ''}${shape.attrs.name}_${shape.attrs.version}/`);
      expect(shape.children.map((c) => c.tag), name).toEqual(['file']);
      expect(unzipNames, name).toContain(`${dir}${shape.children[0]!.text}`);
    }
  });

  it('describes registry resources with item/file/path (and optional mediaType, properties)', () => {
    const infos = Object.entries(withRegistry.python.descriptors).filter(([name]) => name.endsWith('/registry-info.xml'));
    expect(infos.length).toBeGreaterThan(0);
    for (const [name, shape] of infos) {
      expect(shape.tag, name).toBe('resources');
      for (const item of shape.children) {
        expect(['item', 'collection'], name).toContain(item.tag);
        const tags = item.children.map((c) => c.tag);
        expect(tags.slice(0, 2), name).toEqual([item.tag === 'item' ? 'file' : 'directory', 'path']);
        expect(tags.slice(2).every((t) => t === 'mediaType' || t === 'properties'), name).toBe(true);
        const file = item.children[0]!.text;
        const dir = name.slice(0, -'registry-info.xml'.length);
        expect(withRegistry.names.some((n) => n === `${dir}resources/${file}` || n === `${dir}resources/${file}/`), `${name}: ${file}`).toBe(true);
      }
    }
  });

  it('lists in metadata.xml, when there is one, every dependency of artifacts.xml plus the metadata ones', () => {
    const metadata = python.descriptors['metadata.xml'];
    if (!metadata) return expect(unzipNames.some((n) => n.startsWith('metadata/'))).toBe(false);
    const deps = (s: Shape) => s.children[0]!.children.map((d) => `${d.attrs.artifact}@${d.attrs.version}`);
    const all = deps(metadata);
    for (const d of deps(python.descriptors['artifacts.xml']!)) expect(all).toContain(d);
    const extra = all.filter((d) => !deps(python.descriptors['artifacts.xml']!).includes(d));
    for (const d of extra) expect(d).toMatch(/_(metadata|swagger)@/);
  });
});
