/** What a message context may ask of the deployed configuration and the host. Implemented by the runtime. */
import type { Logger } from './logger.js';
import type { FlowHooks } from './step.js';
import type { HttpClient } from './transport.js';
import type { BrokerSenders } from './broker.js';
import type { ScriptRunner } from '../mediators/script/runner.js';

export type LocalEntryValue = { kind: 'text'; text: string } | { kind: 'xml'; element: Element };

/** Kinds of deployed things mediators may look up by name at run time. */
export type LookupKind = 'sequence' | 'endpoint' | 'template' | 'endpoint-template' | 'message-store' | 'proxy' | 'api';

export interface RuntimeServices {
  readonly logger: Logger;
  readonly hooks: FlowHooks[];
  readonly httpClient: HttpClient;
  /** Senders for `rabbitmq:`/`jms:`/`mqtt:`/`kafka:` addresses, by scheme; absent when the host has none. */
  readonly brokerSenders?: BrokerSenders;
  /** Sandboxed JavaScript for the script mediator; absent when the host provides none. */
  readonly scriptRunner?: ScriptRunner;
  localEntry(key: string): LocalEntryValue | undefined;
  /** Registry resource text for a `gov:`/`conf:` key (or a local entry of that key). */
  registryResource(key: string): string | undefined;
  registryProperty(key: string, property: string): string | undefined;
  /** `configs.*` values: config.properties, then environment, then system properties. */
  config(name: string): string | undefined;
  env(name: string): string | undefined;
  systemProperty(name: string): string | undefined;
  now(): number;
  /** A deployed artifact by kind and name; the caller knows the runtime type it gets. */
  lookup(kind: LookupKind, name: string): unknown;
}
