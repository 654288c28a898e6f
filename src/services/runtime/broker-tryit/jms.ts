/**
 * JMS Try-it: publishes to an ActiveMQ queue or topic over its STOMP connector, the way the
 * runtime's JMS transport reaches ActiveMQ (an OpenWire URL tcp://host:61616 maps to the same
 * host's STOMP port). The send waits for the broker's receipt.
 */
import { StompClient, stompDestination, stompEndpointOf } from '../../../../engine/index.js';
import type { BrokerTryItRequest } from '../../../contract/index.js';
import { tryItError, type BrokerPublisher } from './publisher.js';

async function publish(r: BrokerTryItRequest): Promise<string> {
  const url = r.url || 'tcp://localhost:61616';
  const endpoint = stompEndpointOf({ 'java.naming.provider.url': url }, {});
  let client: StompClient;
  try {
    client = await StompClient.connect({ host: endpoint.host, port: endpoint.port, login: endpoint.login, passcode: endpoint.passcode, connectTimeoutMs: 5000 });
  } catch (e) {
    throw tryItError(`cannot reach ActiveMQ's STOMP connector at ${endpoint.host}:${endpoint.port}: ${e instanceof Error ? e.message : String(e)}`, 'UNREACHABLE');
  }
  const type = r.destinationType === 'topic' ? 'topic' : 'queue';
  try {
    await client.send(stompDestination(r.destination, type, {}), r.payload, { 'content-type': r.contentType, persistent: 'true' });
  } finally {
    await client.disconnect().catch(() => undefined);
  }
  return `JMS ${type} ${r.destination} on ${endpoint.host}:${endpoint.port}`;
}

const jmsPublisher: BrokerPublisher = { publish };
export default jmsPublisher;
