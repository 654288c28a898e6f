/**
 * What group endpoints (failover, loadbalance, recipientlist) need from their
 * members beyond `send`: readiness, whether an error may be retried elsewhere,
 * and the member's state. Leaf endpoints implement all three; an endpoint that
 * does not (e.g. one reached through a key) counts as ready and retryable.
 */
import type { EndpointRuntime } from '../model/definition.js';
import type { ElementDescriptor } from '../model/descriptor.js';
import type { EndpointStateName } from './state.js';

export interface EndpointHealth {
  readyToSend(): boolean;
  /** AbstractEndpoint.isRetry: retryConfig enabled/disabled error codes. */
  isRetry(code: number): boolean;
  /** Leaf endpoints only. */
  stateName?(): EndpointStateName;
}

export type MemberRuntime = EndpointRuntime & Partial<EndpointHealth>;

export function isReady(ep: MemberRuntime): boolean {
  return ep.readyToSend ? ep.readyToSend() : true;
}

export function isRetry(ep: MemberRuntime, code: number): boolean {
  return ep.isRetry ? ep.isRetry(code) : true;
}

/** `Endpoint [name]` or `AnonymousEndpoint`, as AbstractEndpoint.toString prints it. */
export function endpointLabel(name: string | undefined): string {
  return name ? `Endpoint [${name}]` : 'AnonymousEndpoint';
}

/** Copies the health methods of `inner` onto a wrapper runtime. */
export function withHealthOf(wrapper: EndpointRuntime, inner: () => MemberRuntime | undefined): MemberRuntime {
  return Object.assign(wrapper, {
    readyToSend: () => {
      const i = inner();
      return i ? isReady(i) : true;
    },
    isRetry: (code: number) => {
      const i = inner();
      return i ? isRetry(i, code) : true;
    },
    stateName: () => inner()?.stateName?.() ?? 'ACTIVE',
  });
}

/**
 * The `<endpoint>` element as a member of a group. Group kinds are part of the
 * kinds an `<endpoint>` may hold, so this descriptor is filled in by
 * endpoints/index.ts once every kind exists (the grammar is recursive).
 */
export const memberEndpointDescriptor: ElementDescriptor = { element: 'endpoint', attributes: [], content: 'elements', children: [] };
