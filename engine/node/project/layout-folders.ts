import type { ArtifactKind } from './types.js';

/** `src/main/wso2mi/artifacts/<folder>` of the MI VS Code layout, per kind. */
export const VSCODE_ARTIFACT_FOLDERS: Record<ArtifactKind, string> = {
  api: 'apis',
  proxy: 'proxy-services',
  sequence: 'sequences',
  endpoint: 'endpoints',
  'local-entry': 'local-entries',
  template: 'templates',
  'inbound-endpoint': 'inbound-endpoints',
  task: 'tasks',
  'message-store': 'message-stores',
  'message-processor': 'message-processors',
  'data-service': 'data-services',
  'data-source': 'data-sources',
};

/** `src/main/synapse-config/<folder>` of an Integration Studio ESB Configs project (Synapse kinds only). */
export const IS_SYNAPSE_FOLDERS: Partial<Record<ArtifactKind, string>> = {
  api: 'api',
  proxy: 'proxy-services',
  sequence: 'sequences',
  endpoint: 'endpoints',
  'local-entry': 'local-entries',
  template: 'templates',
  'inbound-endpoint': 'inbound-endpoints',
  task: 'tasks',
  'message-store': 'message-stores',
  'message-processor': 'message-processors',
};

export function extensionsFor(kind: ArtifactKind): string[] {
  return kind === 'data-service' ? ['.dbs'] : ['.xml'];
}

export const VSCODE_MAIN = 'src/main/wso2mi';
