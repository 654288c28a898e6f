/** A compiled `<task>`: its trigger and what its MessageInjector sends where. */
import type { Loc } from '../model/node.js';

export type TaskTrigger =
  /** Quartz simple trigger: fires at start, then every intervalMs; count = total runs (-1 = forever). */
  | { kind: 'simple'; intervalMs: number; count: number }
  /** Quartz cron expression (as written) and its croner form. */
  | { kind: 'cron'; expression: string; croner: string };

export type InjectFormat = 'soap11' | 'soap12' | 'pox' | 'get' | 'json';

export interface MessageInjectorConfig {
  /** `injectTo`: sequence, proxy, api, or main (default). */
  injectTo: 'sequence' | 'proxy' | 'main' | 'api';
  sequenceName?: string;
  proxyName?: string;
  /** API injection (Mediate extension for `injectTo="api"`): the API's name and the resource path after its context. */
  apiName?: string;
  apiPath?: string;
  /** The payload as text (inline XML serialised, or JSON text); undefined when `registryKey` supplies it. */
  message?: string;
  registryKey?: string;
  format?: InjectFormat;
  soapAction?: string;
  to?: string;
  /** MI 4.4.0.24+: run the flow in the task thread (the next firing waits for it). */
  sequential: boolean;
  /** Any other property: set on the message context. */
  properties: Record<string, string>;
}

export interface TaskConfig {
  name: string;
  className: string;
  group?: string;
  pinnedServers: string[];
  trigger: TaskTrigger;
  injector: MessageInjectorConfig;
  loc: Loc;
}

export const MESSAGE_INJECTOR = 'org.apache.synapse.startup.tasks.MessageInjector';
