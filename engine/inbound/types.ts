/**
 * The inbound framework's contract: what a protocol declares (a descriptor, data only, like a
 * mediator's), what it creates (a consumer that listens or polls), and what the framework hands
 * it (an InboundContext that injects messages and records state). See index.ts for how a
 * protocol plugs in.
 */
import type { Loc } from '../model/node.js';
import type { Logger } from '../core/logger.js';
import type { InboundRequest, InjectionTarget } from '../runtime/engine.js';
import type { EngineResponse } from '../runtime/responses.js';
import type { TaskCoordination } from '../tasks/activator.js';

/** How a protocol receives messages: a socket it listens on, a source it polls, or events it subscribes to. */
export type InboundMode = 'listening' | 'polling' | 'event';

export type InboundParameterType = 'string' | 'integer' | 'boolean' | 'enum' | 'uri' | 'regex' | 'xml' | 'password';

/** One `<parameter name="...">` a protocol understands: data the studio renders as a form field. */
export interface InboundParameterDescriptor {
  name: string;
  type: InboundParameterType;
  /** MI's default, as text (what the form pre-fills and the consumer assumes when absent). */
  default?: string;
  required?: boolean;
  values?: readonly string[];
  /** One or two sentences for the form's help. */
  help: string;
  /** Form section ("Basic", "Advanced", "TLS" ...). */
  group?: string;
}

export interface InboundProtocolDescriptor {
  /** The `protocol` attribute value (`http`, `file`, `rabbitmq` ...). */
  protocol: string;
  label: string;
  help: string;
  mode: InboundMode;
  /** Java class names MI uses for this protocol with `class=` (so `class=` of a built-in selects it). */
  classNames?: readonly string[];
  parameters: readonly InboundParameterDescriptor[];
}

/** MI's parameters every inbound endpoint shares (attributes and the common polling parameters). */
export interface InboundCommon {
  /** Injection sequence (`sequence` attribute); main when missing. */
  sequence?: string;
  /** Fault sequence (`onError` attribute); MI's default `fault` when missing. */
  onError?: string;
  /** `suspend="true"`: deployed but not started. */
  suspend: boolean;
  /** Polling period in milliseconds (`interval` parameter); undefined for listening protocols. */
  intervalMs?: number;
  /** `sequential` (default true): a polling consumer waits for each injected message before taking the next. */
  sequential: boolean;
  /** `coordination` (default true): in a cluster only one node polls; one instance behaves the same. */
  coordination: boolean;
  /** `pinnedServers`: node names allowed to run this endpoint (empty = any). */
  pinnedServers: string[];
}

export interface InboundParameterValue {
  value: string;
  /** `key="gov:/..."`: resolved from the registry when the endpoint starts. */
  registryKey?: string;
  loc: Loc;
}

/** A compiled `<inboundEndpoint>`: what the deployment holds and the lifecycle starts. */
export interface InboundEndpointConfig {
  name: string;
  /** `protocol` attribute, when given. */
  protocol?: string;
  /** `class` attribute (a custom or built-in Java implementation), when given. */
  className?: string;
  common: InboundCommon;
  /** Every `<parameter>` as written (values of element children serialised). */
  parameters: Record<string, InboundParameterValue>;
  loc: Loc;
}

/** What the lifecycle shows in the studio's runtime view. */
export type InboundState = 'listening' | 'polling' | 'scheduled' | 'suspended' | 'failed' | 'stopped' | 'starting';

/** Everything a consumer gets from the framework. Host-neutral: sockets and files live in the consumer. */
export interface InboundContext {
  readonly name: string;
  readonly config: InboundEndpointConfig;
  readonly logger: Logger;
  /** A parameter's value (registry keys resolved, placeholders resolved), or the descriptor's default. */
  param(name: string): string | undefined;
  /** A required parameter; throws an InboundConfigError naming it when absent. */
  requireParam(name: string): string;
  /** Server configuration (deployment.toml flattened, e.g. `keystore.primary.file`). */
  serverConfig(name: string): string | undefined;
  /** Added to listening ports only when `inbound.port.offset.enable` is set (MI does not shift inbound ports otherwise). */
  readonly portOffset: number;
  /**
   * Injects one message into the endpoint's target (its sequence with onError, or the proxy or API
   * dispatch MI uses for this protocol). Resolves with the flow's answer; an HTTP inbound writes it
   * back, a polling one inspects it (a fault answer = failure). Never rejects for mediation errors.
   */
  inject(req: InboundRequest, override?: Partial<InjectionTarget>): Promise<EngineResponse>;
  /** Records the consumer's state (and the last error) for the runtime view. */
  setState(state: InboundState, detail?: { error?: string; lastPoll?: number; nextPoll?: number; port?: number }): void;
  /**
   * With cluster coordination, for polling inbound endpoints: a poll runs only in the instance
   * holding the endpoint's lease (key `inbound:<name>`). Absent: every instance polls.
   */
  readonly coordination?: TaskCoordination;
}

/** A running listener or poller. start() rejects (with a clear message) when it cannot start, e.g. a port in use. */
export interface InboundConsumer {
  start(): Promise<void>;
  /** Stops accepting or polling and lets messages in flight finish. */
  stop(): Promise<void>;
  /** Try-it (polling file consumers): put a file where it polls, then poll at once. */
  dropFile?(name: string, content: Uint8Array): Promise<void>;
}

/** A protocol's implementation, registered with the host's InboundProtocolRegistry. */
export interface InboundProtocol {
  descriptor: InboundProtocolDescriptor;
  create(ctx: InboundContext): InboundConsumer;
}

/** A configuration problem found when a consumer starts (bad port, missing folder ...): fails that endpoint only. */
export class InboundConfigError extends Error {
  constructor(
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'InboundConfigError';
  }
}
