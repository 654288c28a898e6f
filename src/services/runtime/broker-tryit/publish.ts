/**
 * Broker Try-it on the studio's side: publishes with the broker's own client, then collects what
 * the running runtime logs while it consumes the message (until the log has been quiet for a
 * moment, or the wait is over).
 */
import type { BrokerTryItReply, BrokerTryItRequest, LogEntry } from '../../../contract/index.js';
import { tryItError, type BrokerPublisher } from './publisher.js';

const publishers: Record<string, () => Promise<{ default: BrokerPublisher }>> = {
  rabbitmq: () => import('./rabbitmq.js'),
  jms: () => import('./jms.js'),
  mqtt: () => import('./mqtt.js'),
};

const DEFAULT_WAIT_MS = 2000;
/** The trace is complete once no line came for this long (after at least one). */
const QUIET_MS = 400;

export async function publishBrokerTryIt(log: () => LogEntry[], request: BrokerTryItRequest): Promise<BrokerTryItReply> {
  const load = publishers[request.broker];
  if (!load) throw tryItError(`no Try-it publisher for broker ${request.broker}`, 'NO_CLIENT');
  if (!request.destination?.trim()) throw tryItError(`a ${request.broker === 'mqtt' ? 'topic' : request.destinationType ?? 'queue'} name is needed`, 'INVALID');
  const since = log().at(-1)?.seq ?? 0;
  const started = Date.now();
  const publishedTo = await (await load()).default.publish(request);
  const until = started + (request.waitMs ?? DEFAULT_WAIT_MS);
  let seen = 0;
  let quietSince = Date.now();
  for (;;) {
    const now = Date.now();
    const count = log().filter((e) => e.seq > since).length;
    if (count !== seen) {
      seen = count;
      quietSince = now;
    }
    if (now >= until || (seen > 0 && now - quietSince >= QUIET_MS)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { publishedTo, timeMs: Date.now() - started, trace: log().filter((e) => e.seq > since) };
}
