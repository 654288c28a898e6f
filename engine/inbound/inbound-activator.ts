/**
 * Starts `<inboundEndpoint>` artifacts: finds the protocol's implementation, gives it an
 * InboundContext (parameters resolved, injection into the endpoint's sequence with onError,
 * state for the runtime view) and hands its consumer to the lifecycle.
 */
import type { Engine, InboundRequest, InjectionTarget } from '../runtime/engine.js';
import type { Logger } from '../core/logger.js';
import type { Activator } from './lifecycle.js';
import type { InboundContext, InboundEndpointConfig } from './types.js';
import { InboundConfigError } from './types.js';
import type { InboundProtocolRegistry } from './registry.js';
import { findInboundDescriptor } from './catalog.js';
import type { TaskCoordination } from '../tasks/activator.js';

export interface InboundHostOptions {
  engine: Engine;
  protocols: InboundProtocolRegistry;
  logger: Logger;
  /** Text of a registry resource (`gov:/...`, `conf:/...`), for `<parameter key>`. */
  registryText(key: string): string | undefined;
  /** deployment.toml values, flattened (`keystore.primary.file` ...). */
  serverConfig(name: string): string | undefined;
  /** The server's port offset; inbound ports add it only with `inbound.port.offset.enable=true`. */
  portOffset?: number;
  env?: Record<string, string | undefined>;
  /** Cluster coordination: polling inbound endpoints poll in one instance at a time. */
  coordination?: TaskCoordination;
}

export function inboundActivator(options: InboundHostOptions): Activator {
  return {
    describe: (a) => (a.kind === 'inbound-endpoint' ? a.value.protocol ?? a.value.className : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'inbound-endpoint') return undefined;
      const config = artifact.value;
      const protocol = options.protocols.find(config);
      if (!protocol) throw new InboundConfigError(`protocol ${config.protocol ?? `class ${config.className}`} is not available in this runtime`);
      const ctx = createInboundContext(options, config, { sequence: config.common.sequence, onError: config.common.onError }, status.set.bind(status));
      if (config.common.suspend) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      return protocol.create(ctx);
    },
  };
}

/** The context a consumer gets; also used for polling proxies (target = the proxy). */
export function createInboundContext(options: InboundHostOptions, config: InboundEndpointConfig, target: InjectionTarget, setState: InboundContext['setState']): InboundContext {
  const descriptor = findInboundDescriptor(config);
  const offsetEnabled = (options.serverConfig('inbound.port.offset.enable') ?? '').trim() === 'true';
  const logger = options.logger.child({ artifact: `inbound-endpoint:${config.name}` });
  const via = config.protocol === undefined && config.className === undefined ? `proxy:${config.name}` : `inbound:${config.name}`;
  const resolved = new Map<string, string | undefined>();
  const param = (name: string): string | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const p = config.parameters[name];
    let value: string | undefined;
    if (p?.registryKey) {
      value = options.registryText(p.registryKey)?.trim();
      if (value === undefined) throw new InboundConfigError(`Error while deploying inbound endpoint ${config.name}.Registry entry defined with key: ${p.registryKey} not found.`, name);
    } else if (p) value = resolvePlaceholders(p.value, options.env ?? {});
    if (value === undefined || value === '') value = descriptor?.parameters.find((d) => d.name === name)?.default ?? (value === '' ? '' : undefined);
    resolved.set(name, value);
    return value;
  };
  return {
    name: config.name,
    config,
    logger,
    param,
    requireParam(name) {
      const v = param(name);
      if (v === undefined || v === '') throw new InboundConfigError(`inbound endpoint ${config.name}: parameter ${name} is required`, name);
      return v;
    },
    serverConfig: options.serverConfig,
    portOffset: offsetEnabled ? options.portOffset ?? 0 : 0,
    inject(req: InboundRequest, override?: Partial<InjectionTarget>) {
      const properties = { IS_INBOUND: 'true', INBOUND_ENDPOINT_NAME: config.name, ...req.properties };
      return options.engine.handleInjected({ ...req, via, properties }, { ...target, ...override });
    },
    setState,
    // Only inbound endpoints are coordinated; a polling proxy (MI's transport listener) runs on every node.
    coordination: via.startsWith('inbound:') ? options.coordination : undefined,
  };
}

/** `$SYSTEM:name` / `$env:name` parameter values (MI's property resolver). */
function resolvePlaceholders(value: string, env: Record<string, string | undefined>): string {
  const m = /^\$(SYSTEM|env):(.+)$/i.exec(value.trim());
  if (!m) return value;
  return env[m[2]!] ?? value;
}
