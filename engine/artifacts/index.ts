/** Every top-level artifact kind, found by its root element. */
import { SYNAPSE_NS } from '../xml/dom.js';
import type { ArtifactDefinition } from './types.js';
import { apiArtifact } from './api/index.js';
import { proxyArtifact } from './proxy/index.js';
import { sequenceArtifact } from './sequence/index.js';
import { endpointArtifact } from './endpoint/index.js';
import { localEntryArtifact } from './local-entry/index.js';
import { templateArtifact } from './template/index.js';
import { passiveArtifacts } from './other/index.js';
import { inboundEndpointArtifact } from '../inbound/artifact.js';
import { taskArtifact } from '../tasks/artifact.js';

export const artifactDefinitions: readonly ArtifactDefinition[] = [apiArtifact, proxyArtifact, sequenceArtifact, endpointArtifact, localEntryArtifact, templateArtifact, inboundEndpointArtifact, taskArtifact, ...passiveArtifacts];

export function findArtifactDefinition(root: Element): ArtifactDefinition | undefined {
  return artifactDefinitions.find((d) => d.rootElement === root.localName && (d.ns === undefined ? root.namespaceURI === SYNAPSE_NS : d.ns === null ? true : root.namespaceURI === d.ns));
}

export type { ArtifactDefinition, ArtifactKind, DeployedArtifact } from './types.js';
