/** Compiled, deployable artifacts. */
import type { CompiledSequence, EndpointRuntime } from '../model/definition.js';
import type { ElementDescriptor } from '../model/descriptor.js';
import type { ConfigNode } from '../model/node.js';
import type { LocalEntryValue } from '../core/services.js';
import type { CompileEnvImpl } from '../runtime/compile-env.js';

export type ArtifactKind =
  | 'api'
  | 'proxy'
  | 'sequence'
  | 'endpoint'
  | 'local-entry'
  | 'template'
  | 'inbound-endpoint'
  | 'task'
  | 'message-store'
  | 'message-processor'
  | 'data-service'
  | 'data-source';

export interface ApiResource {
  index: number;
  methods: string[];
  uriTemplate?: string;
  urlMapping?: string;
  protocol?: string;
  contentType?: string;
  userAgent?: RegExp;
  inSequence?: CompiledSequence;
  outSequence?: CompiledSequence;
  faultSequence?: CompiledSequence;
}

/** A built-in stand-in for one of MI's Java API handler classes. */
export type ApiHandler = { kind: 'basic-auth'; realm: string };

export interface CompiledApi {
  name: string;
  /** Run before resource dispatch; any of them may answer the request itself (401 ...). */
  handlers: ApiHandler[];
  context: string;
  version?: string;
  versionType?: 'url' | 'context';
  hostname?: string;
  port?: number;
  resources: ApiResource[];
  /** `publishSwagger`: registry key (gov:, conf: or /_system/... path) of the API's own OpenAPI document. */
  publishSwagger?: string;
}

export interface CompiledProxy {
  name: string;
  transports: string[];
  startOnLoad: boolean;
  inSequence?: CompiledSequence;
  outSequence?: CompiledSequence;
  faultSequence?: CompiledSequence;
  endpoint?: (ctx: import('../core/context.js').MessageContext) => EndpointRuntime;
  /** The WSDL to serve at ?wsdl, resolved lazily (key or inline). */
  wsdl?: { inline?: string; key?: string; uri?: string };
  /** Service parameters (`<parameter name>`: text, or inline XML serialised): transport.vfs.*, transport.mail.* ... */
  parameters?: Record<string, string>;
  /** `inbound.only=true`: served only through inbound endpoints, hidden on the main HTTP port. */
  inboundOnly?: boolean;
}

export interface TemplateParameter {
  name: string;
  mandatory: boolean;
  defaultValue?: string;
}

export interface CompiledTemplate {
  name: string;
  parameters: TemplateParameter[];
  sequence?: CompiledSequence;
  /** Endpoint templates keep their element; it is compiled with parameters substituted when used. */
  endpointNode?: ConfigNode;
}

export type DeployedArtifact =
  | { kind: 'api'; name: string; value: CompiledApi }
  | { kind: 'proxy'; name: string; value: CompiledProxy }
  | { kind: 'sequence'; name: string; value: CompiledSequence }
  | { kind: 'endpoint'; name: string; value: EndpointRuntime }
  | { kind: 'local-entry'; name: string; value: LocalEntryValue; sequence?: CompiledSequence; endpoint?: EndpointRuntime; /** `src` URL whose content is the value, read by the host. */ src?: string }
  | { kind: 'template'; name: string; value: CompiledTemplate }
  | { kind: 'message-store'; name: string; value: import('../messaging/message-store/artifact.js').CompiledMessageStore }
  | { kind: 'message-processor'; name: string; value: import('../messaging/message-processor/artifact.js').CompiledMessageProcessor }
  | { kind: 'inbound-endpoint'; name: string; value: import('../inbound/types.js').InboundEndpointConfig }
  | { kind: 'task'; name: string; value: import('../tasks/types.js').TaskConfig }
  | { kind: 'data-service'; name: string; value: import('../dataservices/host.js').CompiledDataService }
  | { kind: 'data-source'; name: string; value: import('../dataservices/datasource.js').CarbonDataSource }
  | { kind: Exclude<ArtifactKind, 'api' | 'proxy' | 'sequence' | 'endpoint' | 'local-entry' | 'template' | 'inbound-endpoint' | 'task' | 'message-store' | 'message-processor' | 'data-service' | 'data-source'>; name: string; value: ConfigNode };

export interface ArtifactDefinition {
  kind: ArtifactKind;
  rootElement: string;
  /** Namespace of the root; undefined = Synapse. */
  ns?: string | null;
  descriptor: ElementDescriptor;
  nameOf(node: ConfigNode): string;
  compile(node: ConfigNode, env: CompileEnvImpl): DeployedArtifact;
}
