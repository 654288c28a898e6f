/**
 * The runtime shared by leaf endpoints (address, http, default, wsdl, and the
 * members a loadbalance/recipientlist builds from URLs): one EndpointState per
 * endpoint, one HTTP attempt per send, health methods for group parents.
 */
import type { MessageContext } from '../core/context.js';
import { Message } from '../core/message.js';
import type { EndpointQos } from './qos.js';
import { EndpointState } from './state.js';
import { sendHttp, isRetryEnabled, type EndpointFormat } from './send-http.js';
import type { MemberRuntime } from './member.js';

export interface LeafTarget {
  url: string;
  format?: EndpointFormat;
  method?: string;
}

export interface LeafOptions {
  name?: string;
  kind: string;
  /** `Address endpoint`, `HTTP endpoint` ... for MI's not-ready fault message. */
  kindLabel: string;
  target: string;
  qos: EndpointQos;
  /** Fixed address printed in state-change logs (` with address ...`). */
  address?: string;
  notReadyCode?: number;
  /** Where this message goes; may throw MediationFault. */
  resolve(ctx: MessageContext): LeafTarget | Promise<LeafTarget>;
}

export const ANONYMOUS = 'AnonymousEndpoint';

export function leafRuntime(o: LeafOptions): MemberRuntime {
  let state: EndpointState | undefined;
  return {
    name: o.name,
    kind: o.kind,
    target: o.target,
    readyToSend: () => state?.readyToSend() ?? true,
    isRetry: (code) => isRetryEnabled(o.qos, code),
    stateName: () => state?.state ?? 'ACTIVE',
    async send(ctx) {
      state ??= new EndpointState(o.qos, o.name ?? ANONYMOUS, o.address, () => ctx.services.logger, () => ctx.services.now());
      const t = await o.resolve(ctx);
      const answered = await sendHttp(ctx, { url: t.url, method: t.method, format: t.format, qos: o.qos, state, kindLabel: o.kindLabel, notReadyCode: o.notReadyCode });
      if (!answered) markDiscarded(ctx);
    },
  };
}

/**
 * The endpoint timeout fired with responseAction discard: MI drops the
 * callback and never answers. Here the flow continues with an empty 202
 * message (what a client gets when a message is dropped) and
 * `ENDPOINT_RESPONSE_DISCARDED` set, so nothing from the backend leaks out.
 */
export function markDiscarded(ctx: MessageContext): void {
  ctx.message = Message.fromBytes(undefined, new Uint8Array());
  ctx.isResponse = true;
  ctx.axis2.set('HTTP_SC', 202);
  ctx.axis2.delete('messageType');
  ctx.axis2.delete('ContentType');
  ctx.properties.set('ENDPOINT_RESPONSE_DISCARDED', true);
}
