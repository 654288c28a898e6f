/** deployment.toml connection factories as MI writes them, broker URIs as the docs print them, and a broken toml reported with its position. */
import { describe, expect, it } from 'vitest';
import { parseToml, TomlError } from './toml.js';
import { factoriesFromToml, findFactory } from './factories.js';
import { parseBrokerUri } from './uri.js';

describe('broker configuration', () => {
  it('maps [[transport.jms.listener]] and [[transport.rabbitmq.sender]] keys to MI transport parameter names', () => {
    const f = factoriesFromToml(
      parseToml(`[server]\nhostname = "localhost"\n\n[[transport.jms.listener]]\nname = "myQueueConnectionFactory"\nparameter.initial_naming_factory = "org.apache.activemq.jndi.ActiveMQInitialContextFactory"\nparameter.provider_url = "tcp://localhost:61616"\nparameter.connection_factory_type = "queue" # [queue, topic]\nparameter.session_transaction = true\n\n[[transport.rabbitmq.sender]]\nname = "AMQPConnectionFactory"\nparameter.hostname = "localhost"\nparameter.port = 5672\n`),
    );
    expect(f['jms.listener']).toEqual([{ name: 'myQueueConnectionFactory', parameters: { 'java.naming.factory.initial': 'org.apache.activemq.jndi.ActiveMQInitialContextFactory', 'java.naming.provider.url': 'tcp://localhost:61616', 'transport.jms.ConnectionFactoryType': 'queue', 'transport.jms.SessionTransacted': 'true' } }]);
    expect(f['rabbitmq.sender'][0]!.parameters).toEqual({ 'rabbitmq.server.host.name': 'localhost', 'rabbitmq.server.port': '5672' });
    const missing: string[] = [];
    expect(findFactory(f['rabbitmq.sender'], 'Other', (n) => missing.push(n))).toBeUndefined();
    expect(missing).toEqual(['Other']);
  });

  it('reports a broken deployment.toml with file, line and column', () => {
    expect(() => parseToml('[server]\nhostname = "localhost\n', 'deployment/deployment.toml')).toThrow(TomlError);
    expect(() => parseToml('[server]\nhostname = "localhost\n', 'deployment/deployment.toml')).toThrow(/^deployment\/deployment\.toml:2:12: unterminated string/);
  });

  it('reads a URI query split over lines inside the attribute (names and values trimmed)', () => {
    const u = parseBrokerUri('jms:/DelayOrderTopic?transport.jms.ConnectionFactoryJNDIName=TopicConnectionFactory&\n                  java.naming.provider.url=tcp://localhost:61616&transport.jms.DestinationType=topic');
    expect(u).toEqual({ scheme: 'jms', path: 'DelayOrderTopic', params: { 'transport.jms.ConnectionFactoryJNDIName': 'TopicConnectionFactory', 'java.naming.provider.url': 'tcp://localhost:61616', 'transport.jms.DestinationType': 'topic' } });
  });
});
