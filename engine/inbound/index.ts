/**
 * The inbound framework (issue 14): one lifecycle for listening endpoints (a port) and polling
 * endpoints (an interval), shared by every protocol.
 *
 * How a protocol plugs in:
 *  1. Its descriptor, data only, in `engine/inbound/<protocol>/descriptor.ts`
 *     (an InboundProtocolDescriptor: protocol name, mode, MI class names, parameters with type,
 *     default, help, group), listed in `catalog.ts`. Compile-time checks and the studio's forms
 *     come from it; MI's common parameters (sequence, onError, suspend, interval, sequential,
 *     coordination, pinnedServers) are in `common-parameters.ts` and need not be repeated
 *     except POLLING_PARAMETERS, which a polling protocol spreads into its list.
 *  2. Its implementation, host code in `engine/node/transports/<protocol>/`: an InboundProtocol
 *     `{ descriptor, create(ctx) }` whose consumer has `start()` (reject with a clear message,
 *     e.g. the port in use, to fail only this endpoint) and `stop()` (let messages in flight
 *     finish). A polling one wraps its poll in `pollingConsumer` (polling.ts). It reads
 *     parameters with `ctx.param(name)` (registry keys and defaults resolved), injects with
 *     `ctx.inject(request)` (sequence, or main when that is missing, with onError as fault
 *     handler; IS_INBOUND and INBOUND_ENDPOINT_NAME set; resolves with the flow's answer) and
 *     reports `ctx.setState(...)` for the runtime view.
 *  3. One line in `engine/node/transports/index.ts` registering it in the host's
 *     InboundProtocolRegistry (by protocol name; `class=` values via descriptor.classNames).
 *
 * The lifecycle (lifecycle.ts) starts an endpoint on deploy, restarts it on redeploy, stops it
 * on undeploy and shutdown; one that cannot start is shown failed while the rest run. Inbound
 * ports are not shifted by the server's port offset unless `inbound.port.offset.enable` is true.
 */
export * from './types.js';
export { inboundEndpointArtifact, inboundEndpointDescriptor, checkParameter } from './artifact.js';
export { inboundDescriptors, findInboundDescriptor, MI_BUILT_IN_PROTOCOLS } from './catalog.js';
export { INBOUND_ATTRIBUTES, POLLING_PARAMETERS } from './common-parameters.js';
export { InboundProtocolRegistry } from './registry.js';
export { ActiveArtifacts, type Activation, type Activator, type ActiveItemStatus, type StatusSink, type TestMail } from './lifecycle.js';
export { inboundActivator, createInboundContext, type InboundHostOptions } from './inbound-activator.js';
export { pollingConsumer, type PollingOptions } from './polling.js';
