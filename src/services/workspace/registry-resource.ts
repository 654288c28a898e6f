/**
 * New registry resources in the MI VS Code layout: the file under
 * src/main/wso2mi/resources/registry/gov|conf/<collection>/ and its
 * `registry/resource` entry in resources/registry/artifact.xml, named by the
 * extension's convention (`gov_<collection>_<file>_<ext>`, '/' and '.' as '_').
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactEntry } from '../../contract/index.js';
import { resolveInProject } from './project-paths.js';
import { writeFileAtomic } from '../../../engine/index.js';

const RESOURCES = 'src/main/wso2mi/resources';
const DESCRIPTOR = `${RESOURCES}/registry/artifact.xml`;
const REGISTRY_ROOTS = { gov: '/_system/governance', conf: '/_system/config' } as const;

export interface RegistryResourceAnswers {
  /** File name with its extension, e.g. transform.xsl. */
  name: string;
  registry: 'gov' | 'conf';
  /** Collection below the registry root, e.g. xslt or mi/schemas; may be empty. */
  collection: string;
  mediaType: string;
}

const MEDIA_TYPES: Record<string, string> = {
  xsl: 'application/xslt+xml',
  xslt: 'application/xslt+xml',
  xsd: 'application/x-xsd+xml',
  wsdl: 'application/wsdl+xml',
  xml: 'application/xml',
  json: 'application/json',
  js: 'application/javascript',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  txt: 'text/plain',
};

/** The media type MI's tooling gives a file of this name when none is chosen. */
export function mediaTypeFor(fileName: string): string {
  return MEDIA_TYPES[fileName.replace(/^.*\./, '').toLowerCase()] ?? 'text/plain';
}

function starterContent(fileName: string): string {
  const extension = fileName.replace(/^.*\./, '').toLowerCase();
  if (extension === 'xsl' || extension === 'xslt')
    return '<?xml version="1.0" encoding="UTF-8"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n    <xsl:template match="@*|node()">\n        <xsl:copy>\n            <xsl:apply-templates select="@*|node()"/>\n        </xsl:copy>\n    </xsl:template>\n</xsl:stylesheet>\n';
  if (extension === 'xsd') return '<?xml version="1.0" encoding="UTF-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">\n</xs:schema>\n';
  if (extension === 'json') return '{}\n';
  if (extension === 'xml') return '<?xml version="1.0" encoding="UTF-8"?>\n<root/>\n';
  return '';
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Writes the resource and declares it; fails with EXISTS when the file is already there. */
export async function createRegistryResource(root: string, answers: RegistryResourceAnswers, groupId: string, version: string): Promise<ArtifactEntry> {
  const collection = answers.collection.replace(/^\/+|\/+$/g, '');
  const relativeInRegistry = collection ? `${collection}/${answers.name}` : answers.name;
  const relative = `${RESOURCES}/registry/${answers.registry}/${relativeInRegistry}`;
  const file = resolveInProject(root, relative);
  if (await stat(file).catch(() => undefined)) throw Object.assign(new Error(`${relative} already exists`), { code: 'EXISTS' });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, starterContent(answers.name), { exclusive: true });

  const registryPath = collection ? `${REGISTRY_ROOTS[answers.registry]}/${collection}` : REGISTRY_ROOTS[answers.registry];
  const artifactName = `${answers.registry}_${relativeInRegistry}`.replace(/[/.]/g, '_');
  const entry =
    `    <artifact name="${xmlEscape(artifactName)}" groupId="${xmlEscape(groupId)}" version="${xmlEscape(version)}" type="registry/resource" serverRole="EnterpriseIntegrator">\n` +
    `        <item>\n            <file>${xmlEscape(answers.name)}</file>\n            <path>${xmlEscape(registryPath)}</path>\n` +
    `            <mediaType>${xmlEscape(answers.mediaType || mediaTypeFor(answers.name))}</mediaType>\n            <properties/>\n        </item>\n    </artifact>\n`;
  const descriptor = resolveInProject(root, DESCRIPTOR);
  const existing = await readFile(descriptor, 'utf8').catch(() => undefined);
  let text: string;
  if (existing === undefined || !/<artifacts\b/.test(existing)) text = `<?xml version="1.0" encoding="UTF-8"?>\n<artifacts>\n${entry}</artifacts>\n`;
  else if (/<artifacts\b[^>]*\/>/.test(existing)) text = existing.replace(/<artifacts\b([^>]*)\/>/, (_m, attrs: string) => `<artifacts${attrs}>\n${entry}</artifacts>`);
  else {
    const close = existing.lastIndexOf('</artifacts>');
    const lineStart = existing.lastIndexOf('\n', close) + 1;
    const ownLine = existing.slice(lineStart, close).trim() === ''; // the closing tag starts its own line
    const at = ownLine ? lineStart : close;
    text = existing.slice(0, at) + (ownLine ? '' : '\n') + entry + existing.slice(at);
  }
  await mkdir(path.dirname(descriptor), { recursive: true });
  await writeFileAtomic(descriptor, text);
  const key = `${answers.registry}:${relativeInRegistry}`;
  return { kind: 'registry-resource', name: key, path: relative };
}
