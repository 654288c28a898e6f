import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { VSCODE_ARTIFACT_FOLDERS, type ProjectArtifactFile, type ProjectScan, type RegistryResourceFile } from '../project/index.js';
import { VSCODE_MAIN } from '../project/layout-folders.js';
import { childText, escapeXml, parseDescriptor } from '../project/xml-read.js';
import { readCarContents } from './read-car.js';
import type { CarReadLimits } from './safety.js';
import { writeFileAtomicSync, writeFolderAtomic } from '../atomic-write/atomic-write.js';

export interface ImportCarResult {
  /** The new project folder. */
  dir: string;
  /** Files written, relative to dir, sorted. */
  files: string[];
  /** What could not be carried over faithfully, and CAR problems found while reading. */
  notes: string[];
}

const GOV = '/_system/governance';
const CONF = '/_system/config';
const MI_RESOURCES = `${GOV}/mi-resources`;

/**
 * Unpacks a CAR into a new MI VS Code project: pom.xml (projectType integration-project),
 * artifacts into their folders, registry resources into resources/registry/gov|conf (or
 * resources/<rel> for mi-resources) with artifact.xml entries, metadata, connectors and
 * config.properties. outDir must not exist or be empty.
 */
export async function importCar(file: string, outDir: string, limits: CarReadLimits = {}): Promise<ImportCarResult> {
  const dir = path.resolve(outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${outDir} exists and is not empty`);
  const temp = path.join(os.tmpdir(), `mediate-import-${process.pid}-${Date.now()}`);
  try {
    const { scan } = await readCarContents(file, { extractTo: temp, limits });
    // The project appears complete or not at all: a crash mid-import leaves no half project at `dir`.
    return await writeFolderAtomic(dir, async (staging) => fillProject(scan, temp, staging, dir));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Writes the project of an extracted CAR (at `extracted`) into `into`; reports it as `dir`. */
function fillProject(scan: ProjectScan, extracted: string, into: string, dir: string): ImportCarResult {
  const notes = scan.problems.map((p) => `${p.file}: ${p.message}`);
  const written: string[] = [];
  const write = (rel: string, data: string | Buffer) => {
    const target = path.join(into, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomicSync(target, data);
    written.push(rel);
  };
  const copy = (rel: string, from: string) => write(rel, readFileSync(from));
  const groupId = readGroupId(path.join(extracted, 'descriptor.xml')) ?? 'com.example';
  const version = scan.version || '1.0.0';
  write('pom.xml', pomXml(groupId, scan.name, version));

  const usedNames = new Set<string>();
  for (const a of scan.artifacts) {
    const rel = `${VSCODE_MAIN}/artifacts/${VSCODE_ARTIFACT_FOLDERS[a.kind]}/${artifactFileName(a)}`;
    if (usedNames.has(rel.toLowerCase())) {
      notes.push(`${a.kind} ${a.name}: another artifact already uses ${rel}; skipped`);
      continue;
    }
    usedNames.add(rel.toLowerCase());
    copy(rel, a.file);
  }

  const registryEntries: RegistryResourceFile[] = [];
  const miResourceEntries: RegistryResourceFile[] = [];
  for (const r of scan.resources) {
    const placed = registryDiskPath(r.registryPath);
    if (!placed) {
      notes.push(`registry resource ${r.registryPath}: only /_system/governance and /_system/config have a place in the VS Code layout; skipped`);
      continue;
    }
    copy(`${VSCODE_MAIN}/resources/${placed.rel}`, r.file);
    (placed.miResources ? miResourceEntries : registryEntries).push(r);
  }
  if (registryEntries.length > 0) write(`${VSCODE_MAIN}/resources/registry/artifact.xml`, registryArtifactXml(registryEntries, groupId, version));
  if (miResourceEntries.length > 0) write(`${VSCODE_MAIN}/resources/artifact.xml`, registryArtifactXml(miResourceEntries, groupId, version));

  for (const e of scan.extras ?? []) {
    switch (e.kind) {
      case 'metadata':
        copy(`${VSCODE_MAIN}/resources/metadata/${e.name}.yaml`, e.file);
        break;
      case 'connector':
        copy(`${VSCODE_MAIN}/resources/connectors/${e.name}${e.version ? `-${e.version}` : ''}.zip`, e.file);
        break;
      case 'config':
        copy(`${VSCODE_MAIN}/resources/conf/config.properties`, e.file);
        break;
      case 'class-mediator':
        copy(`deployment/libs/${path.basename(e.file)}`, e.file);
        notes.push(`class mediator ${e.name}: the jar was put in deployment/libs/ (its Java sources are not in the CAR); it is not packaged into a CAR again`);
        break;
      default:
        copy(`${VSCODE_MAIN}/resources/api-definitions/${path.basename(e.file)}`, e.file);
    }
  }
  return { dir, files: written.sort(), notes };
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_');
}

/** VS Code names: `<Name>.xml`, `<Name>_v<version>.xml` for versioned APIs, `<Name>.dbs` for data services. */
function artifactFileName(a: ProjectArtifactFile): string {
  if (a.kind === 'data-service') return `${safeFileName(a.name)}.dbs`;
  if (a.kind === 'api' && a.version) return `${safeFileName(a.name)}_v${safeFileName(a.version)}.xml`;
  return `${safeFileName(a.name)}.xml`;
}

function registryDiskPath(registryPath: string): { rel: string; miResources: boolean } | undefined {
  if (registryPath.startsWith(MI_RESOURCES + '/')) return { rel: registryPath.slice(MI_RESOURCES.length + 1), miResources: true };
  if (registryPath.startsWith(GOV + '/')) return { rel: `registry/gov/${registryPath.slice(GOV.length + 1)}`, miResources: false };
  if (registryPath.startsWith(CONF + '/')) return { rel: `registry/conf/${registryPath.slice(CONF.length + 1)}`, miResources: false };
  return undefined;
}

/** resources/(registry/)artifact.xml: one `<artifact>` per registry artifact of the CAR, one `<item>` per file. */
function registryArtifactXml(resources: RegistryResourceFile[], groupId: string, version: string): string {
  const groups = new Map<string, RegistryResourceFile[]>();
  for (const r of resources) {
    const name = r.artifactName ?? r.key.replace(/[:/.]/g, '_');
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  let body = '';
  for (const [name, group] of groups) {
    body += `    <artifact name="${escapeXml(name)}" groupId="${escapeXml(groupId)}" version="${escapeXml(version)}" type="registry/resource" serverRole="EnterpriseIntegrator">\n`;
    for (const r of group) {
      const props = Object.entries(r.properties ?? {});
      body +=
        '        <item>\n' +
        `            <file>${escapeXml(path.posix.basename(r.registryPath))}</file>\n` +
        `            <path>${escapeXml(path.posix.dirname(r.registryPath))}</path>\n` +
        (r.mediaType ? `            <mediaType>${escapeXml(r.mediaType)}</mediaType>\n` : '') +
        (props.length === 0
          ? '            <properties/>\n'
          : '            <properties>\n' +
            props.map(([k, v]) => `                <property key="${escapeXml(k)}" value="${escapeXml(v)}"/>\n`).join('') +
            '            </properties>\n') +
        '        </item>\n';
    }
    body += '    </artifact>\n';
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<artifacts>\n${body}</artifacts>\n`;
}

function readGroupId(descriptorFile: string): string | undefined {
  if (!existsSync(descriptorFile)) return undefined;
  const parsed = parseDescriptor(readFileSync(descriptorFile, 'utf8'));
  if ('error' in parsed) return undefined;
  const id = childText(parsed.root, 'id');
  const groupId = id?.split('__')[0];
  return groupId ? groupId : undefined;
}

/**
 * A minimal integration-project pom: coordinates, the projectType marker and the CAR
 * plugin. The plugin repositories are left for the user to add (the MI VS Code extension's
 * template has them), so `mvn` may need them before it can build.
 */
function pomXml(groupId: string, artifactId: string, version: string): string {
  const uuid = deterministicUuid(`${groupId}:${artifactId}:${version}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/maven-v4_0_0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>${escapeXml(groupId)}</groupId>
  <artifactId>${escapeXml(artifactId)}</artifactId>
  <version>${escapeXml(version)}</version>
  <packaging>pom</packaging>
  <name>${escapeXml(artifactId)}</name>
  <description>${escapeXml(artifactId)} (imported from a CAR)</description>
  <build>
    <plugins>
      <plugin>
        <groupId>org.wso2.maven</groupId>
        <artifactId>vscode-car-plugin</artifactId>
        <version>\${car.plugin.version}</version>
        <extensions>true</extensions>
        <executions>
          <execution>
            <id>car</id>
            <phase>compile</phase>
            <goals><goal>car</goal></goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
  <properties>
    <projectType>integration-project</projectType>
    <uuid>${uuid}</uuid>
    <project.runtime.version>4.4.0</project.runtime.version>
    <car.plugin.version>5.4.16</car.plugin.version>
  </properties>
</project>
`;
}

/** A stable UUID-shaped id (the same CAR imports to the same pom). */
function deterministicUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

