import type { ArtifactKind } from '../project/index.js';

/** CAR `type` per artifact kind (vscode-car-plugin names; note the plural for processors). */
export const CAR_TYPE_BY_KIND: Record<ArtifactKind, string> = {
  api: 'synapse/api',
  proxy: 'synapse/proxy-service',
  sequence: 'synapse/sequence',
  endpoint: 'synapse/endpoint',
  'local-entry': 'synapse/local-entry',
  template: 'synapse/template',
  'inbound-endpoint': 'synapse/inbound-endpoint',
  task: 'synapse/task',
  'message-store': 'synapse/message-store',
  'message-processor': 'synapse/message-processors',
  'data-service': 'service/dataservice',
  'data-source': 'datasource/datasource',
};

export const KIND_BY_CAR_TYPE: Record<string, ArtifactKind> = Object.fromEntries(
  Object.entries(CAR_TYPE_BY_KIND).map(([kind, type]) => [type, kind as ArtifactKind]),
);

export const TYPE_REGISTRY = 'registry/resource';
export const TYPE_CONNECTOR = 'synapse/lib';
export const TYPE_CLASS_MEDIATOR = 'lib/synapse/mediator';
export const TYPE_METADATA = 'synapse/metadata';
export const TYPE_CONFIG = 'config/property';
export const TYPE_APPLICATION = 'carbon/application';

/**
 * Server role written per CAR type. Mirrors vscode-car-plugin: EnterpriseIntegrator for
 * everything except data services and data sources (EnterpriseServiceBus). Both are
 * default roles of MI 4.x.
 */
export function serverRoleFor(type: string): string {
  return type === 'service/dataservice' || type === 'datasource/datasource' ? 'EnterpriseServiceBus' : 'EnterpriseIntegrator';
}

/** Default server roles of MI 4.x (carbon.xml); each is a regex matched against a dependency's serverRole. */
export const DEFAULT_SERVER_ROLES = ['EnterpriseIntegrator', 'EnterpriseServiceBus', 'DataServicesServer'];

/**
 * MI deploys types in this order (config → registry → data sources → default deployer →
 * Synapse deployer: libraries, then local entries … inbound endpoints). Used to order
 * the dependency lists so files read the way MI deploys them.
 */
export const DEPLOY_ORDER: string[] = [
  TYPE_CONFIG,
  TYPE_REGISTRY,
  'datasource/datasource',
  'service/dataservice',
  TYPE_CLASS_MEDIATOR,
  TYPE_CONNECTOR,
  'synapse/local-entry',
  'synapse/endpoint',
  'synapse/sequence',
  'synapse/message-store',
  'synapse/template',
  'synapse/proxy-service',
  'synapse/task',
  'synapse/message-processors',
  'synapse/api',
  'synapse/inbound-endpoint',
  TYPE_METADATA,
];

/** Project version → artifact version: `-SNAPSHOT` removed (vscode-car-plugin). */
export function artifactVersionOf(projectVersion: string): string {
  return projectVersion.replace(/-SNAPSHOT$/i, '');
}

const MEDIA_TYPES: Record<string, string> = {
  xml: 'application/xml',
  xsl: 'application/xslt+xml',
  xslt: 'application/xslt+xml',
  xsd: 'application/x-xsd+xml',
  wsdl: 'application/wsdl+xml',
  json: 'application/json',
  js: 'application/javascript',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  txt: 'text/plain',
  properties: 'text/plain',
  dmc: 'text/plain',
  ts: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
};

/** Media type guessed from a file extension, for registry files whose declaration gives none. */
export function guessMediaType(file: string): string | undefined {
  const dot = file.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.slice(dot + 1).toLowerCase();
  return Object.hasOwn(MEDIA_TYPES, ext) ? MEDIA_TYPES[ext] : undefined;
}
