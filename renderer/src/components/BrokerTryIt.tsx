/**
 * Try-it for brokers: publish one message to a RabbitMQ queue or exchange, a JMS queue or topic,
 * or an MQTT topic (the backend publishes with the broker's own client) and show what the running
 * project logged while consuming it. The destination is taken from the open artifact when it
 * consumes one (an inbound endpoint or a proxy naming its queue or topic).
 */
import { useEffect, useState } from 'react';
import type { BrokerTryItReply, BrokerTryItRequest, TryItBroker } from '../../../src/contract/index.js';
import { errorMessage, type StudioClient } from '../connection.js';

const TYPES: Record<TryItBroker, BrokerTryItRequest['destinationType'][]> = { rabbitmq: ['queue', 'exchange'], jms: ['queue', 'topic'], mqtt: ['topic'] };

/** What the open artifact consumes, read from its parameters (MI's names). */
export function consumedDestination(text: string | undefined): { broker: TryItBroker; destination: string; destinationType: BrokerTryItRequest['destinationType'] } | undefined {
  if (!text) return undefined;
  const param = (name: string) => new RegExp(`<parameter[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>\\s*([^<\\s][^<]*?)\\s*</parameter>`).exec(text)?.[1];
  const rabbit = param('rabbitmq.queue.name');
  if (rabbit) return { broker: 'rabbitmq', destination: rabbit, destinationType: 'queue' };
  const topic = param('mqtt.topic.name');
  if (topic) return { broker: 'mqtt', destination: topic, destinationType: 'topic' };
  const jms = param('transport.jms.Destination') ?? (/transports="[^"]*\bjms\b/.test(text) ? /<proxy[^>]*\bname="([^"]+)"/.exec(text)?.[1] : undefined);
  if (jms) return { broker: 'jms', destination: jms, destinationType: param('transport.jms.DestinationType') === 'topic' ? 'topic' : 'queue' };
  return undefined;
}

export function BrokerTryIt({ client, running, artifactText }: { client: StudioClient; running: boolean; artifactText?: string }) {
  const [broker, setBroker] = useState<TryItBroker>('rabbitmq');
  const [destinationType, setDestinationType] = useState<BrokerTryItRequest['destinationType']>('queue');
  const [destination, setDestination] = useState('');
  const [routingKey, setRoutingKey] = useState('');
  const [contentType, setContentType] = useState('application/json');
  const [payload, setPayload] = useState('{"hello": "broker"}');
  const [url, setUrl] = useState('');
  const [reply, setReply] = useState<BrokerTryItReply>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const found = consumedDestination(artifactText);
    if (!found) return;
    setBroker(found.broker);
    setDestinationType(found.destinationType);
    setDestination(found.destination);
  }, [artifactText]);

  const send = async () => {
    setSending(true);
    setError(undefined);
    setReply(undefined);
    try {
      setReply(await client.service('runtime').publishBroker({ broker, destinationType, destination, routingKey: routingKey || undefined, payload, contentType: contentType || undefined, url: url || undefined }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="tryit-broker" data-testid="tryit-broker">
      <div className="request-line">
        <select
          aria-label="Broker"
          data-testid="tryit-broker-kind"
          value={broker}
          onChange={(e) => {
            const b = e.target.value as TryItBroker;
            setBroker(b);
            setDestinationType(TYPES[b][0]);
          }}
        >
          <option value="rabbitmq">RabbitMQ</option>
          <option value="jms">JMS (ActiveMQ)</option>
          <option value="mqtt">MQTT</option>
        </select>
        <select aria-label="Destination type" data-testid="tryit-broker-type" value={destinationType} onChange={(e) => setDestinationType(e.target.value as BrokerTryItRequest['destinationType'])}>
          {TYPES[broker].map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <input aria-label="Destination" data-testid="tryit-broker-destination" placeholder={broker === 'mqtt' ? 'topic' : 'queue or exchange name'} value={destination} onChange={(e) => setDestination(e.target.value)} spellCheck={false} />
      </div>
      {destinationType === 'exchange' && (
        <label className="field">
          <span>Routing key</span>
          <input data-testid="tryit-broker-routing-key" value={routingKey} onChange={(e) => setRoutingKey(e.target.value)} spellCheck={false} />
        </label>
      )}
      <label className="field">
        <span>Content type</span>
        <input data-testid="tryit-broker-content-type" value={contentType} onChange={(e) => setContentType(e.target.value)} spellCheck={false} />
      </label>
      <label className="field">
        <span>Message</span>
        <textarea data-testid="tryit-broker-payload" rows={4} value={payload} onChange={(e) => setPayload(e.target.value)} spellCheck={false} />
      </label>
      <label className="field">
        <span>Broker URL (empty: the local broker)</span>
        <input data-testid="tryit-broker-url" placeholder={broker === 'rabbitmq' ? 'amqp://guest:guest@localhost:5672' : broker === 'jms' ? 'tcp://localhost:61616' : 'mqtt://localhost:1883'} value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
      </label>
      <button className="primary" data-testid="tryit-broker-send" disabled={!running || sending || !destination.trim()} onClick={() => void send()}>
        {sending ? 'Publishing…' : 'Publish'}
      </button>
      {!running && <div className="muted small">Run the project to see what it does with the message</div>}
      {error && <div className="form-error">{error}</div>}
      {reply && (
        <div className="response">
          <div className="muted" data-testid="tryit-broker-result">
            Published to {reply.publishedTo} · {reply.timeMs} ms
          </div>
          <pre className="socket-trace" data-testid="tryit-broker-trace">
            {reply.trace.length ? reply.trace.map((e) => `${e.level.toUpperCase()} ${e.component ? `[${e.component}] ` : ''}${e.message}`).join('\n') : 'the runtime logged nothing meanwhile'}
          </pre>
        </div>
      )}
    </div>
  );
}
