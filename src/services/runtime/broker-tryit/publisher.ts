/** What a broker Try-it publisher does: put one message on the broker and say where it went. One per broker, beside this file. */
import type { BrokerTryItRequest } from '../../../contract/index.js';

export interface BrokerPublisher {
  /** Resolves once the broker has the message (confirm, receipt or PUBACK); rejects with a reason a user can act on. */
  publish(request: BrokerTryItRequest): Promise<string>;
}

export function tryItError(message: string, code = 'PUBLISH_FAILED'): Error {
  return Object.assign(new Error(message), { code });
}
