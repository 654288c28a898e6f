import { readFileSync } from 'node:fs';
import { childElements, childText, firstChild, parseDescriptor } from './xml-read.js';

export interface PomInfo {
  groupId?: string;
  artifactId?: string;
  version?: string;
  packaging?: string;
  modules: string[];
  properties: Record<string, string>;
}

/** Reads the coordinates of a pom.xml (groupId/version fall back to `<parent>`). Undefined if unreadable. */
export function readPom(file: string): PomInfo | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseDescriptor(text);
  if ('error' in parsed) return undefined;
  const project = parsed.root;
  const parent = firstChild(project, 'parent');
  const properties: Record<string, string> = {};
  const props = firstChild(project, 'properties');
  if (props) for (const p of childElements(props)) properties[p.localName ?? p.nodeName] = (p.textContent ?? '').trim();
  const modulesEl = firstChild(project, 'modules');
  const modules = modulesEl ? childElements(modulesEl, 'module').map((m) => (m.textContent ?? '').trim()) : [];
  return {
    groupId: childText(project, 'groupId') ?? (parent ? childText(parent, 'groupId') : undefined),
    artifactId: childText(project, 'artifactId'),
    version: childText(project, 'version') ?? (parent ? childText(parent, 'version') : undefined),
    packaging: childText(project, 'packaging'),
    modules,
    properties,
  };
}

/** True when the pom marks an MI VS Code integration project. */
export function isIntegrationProjectPom(pom: PomInfo | undefined): boolean {
  return pom?.properties['projectType'] === 'integration-project';
}

