/**
 * The `jms:/Destination?...` sender (MI's JMSSender) over STOMP: a TextMessage (or a
 * BytesMessage with JMS_MESSAGE_TYPE=JMS_BYTE_MESSAGE), persistent unless
 * JMS_DELIVERY_MODE=NON_PERSISTENT, with JMS_PRIORITY, JMS_TIME_TO_LIVE, JMS_MESSAGE_DELAY
 * (spec 2.0 only, as MI), JMS_COORELATION_ID and the content type in the property
 * `transport.jms.ContentTypeProperty` names. With a reply expected it waits on JMS_REPLY_TO,
 * the URI's transport.jms.ReplyDestination, the factory's reply destination, or a temporary
 * queue, for the message whose JMSCorrelationID is the one sent (JMS_WAIT_REPLY, 30000 ms).
 *
 * transport.jms.TransactionCommand (begin/end/rollback, found in the URI as MI's sender finds
 * it, also after a `;`) asks for an XA transaction: not supported (ActiveMQ does XA over
 * OpenWire only); it is warned and the message is sent on its own.
 *
 * Difference from MI: MI selects the reply by the sent JMSMessageID when no correlation id
 * is set; STOMP does not tell the sender the broker's message id, so Mediate always sends a
 * JMSCorrelationID (the context's, else MI's message id) and selects on it. Responders that
 * copy the correlation id, or MI's own listener, answer both the same way.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../core/logger.js';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { parseBrokerUri } from '../config/uri.js';
import { findFactory, type ConnectionFactory } from '../config/factories.js';
import { StompConnections } from './connections.js';
import { destinationTypeOf, stompDestination, stompEndpointOf } from './jms-settings.js';
import { replyFromStomp } from './jms-message.js';

export interface JmsSenderOptions {
  logger: Logger;
  /** `[[transport.jms.sender]]` factories of the project. */
  factories: ConnectionFactory[];
  env?: Record<string, string | undefined>;
}

const DEFAULT_WAIT_MS = 30000;

export function createJmsSender(o: JmsSenderOptions): BrokerSender & { close(): Promise<void> } {
  const connections = new StompConnections(o.logger);
  return {
    async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
      const { path, params: inline } = parseBrokerUri(req.uri);
      const factoryName = inline['transport.jms.ConnectionFactory'];
      const factory = factoryName ? findFactory(o.factories, factoryName, (n) => o.logger.log('warn', `JMS sender connection factory ${n} is not defined in deployment.toml; using the broker at localhost`, { component: 'JMSSender' })) : undefined;
      const params = { ...(factory?.parameters ?? {}), ...inline };
      const txCommand = /transport\.jms\.TransactionCommand=(\w+)/.exec(req.uri)?.[1];
      if (txCommand) o.logger.log('warn', `transport.jms.TransactionCommand=${txCommand}: distributed (XA) JMS transactions are not supported (ActiveMQ does XA over OpenWire only); ${path} is sent on its own, outside a transaction`, { component: 'JMSSender' });
      const ep = stompEndpointOf(params, o.env);
      let client;
      try {
        client = await connections.get(ep);
      } catch (e) {
        throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `Cannot connect to the JMS broker at ${ep.host}:${ep.port} (${ep.mappedFrom}): ${e instanceof Error ? e.message : String(e)}`);
      }
      const destination = stompDestination(path || params['transport.jms.Destination'] || '', destinationTypeOf(params), params);
      const headers: Record<string, string | number | undefined> = {};
      req.headers.forEach((v, k) => {
        if (isPropertyName(k)) headers[k] = v;
      });
      const bytes = String(req.property('JMS_MESSAGE_TYPE') ?? '') === 'JMS_BYTE_MESSAGE';
      if (!bytes) headers['amq-msg-type'] = 'text';
      const contentTypeProperty = String(req.property('transport.jms.ContentTypeProperty') ?? params['transport.jms.ContentTypeProperty'] ?? '');
      if (req.contentType) {
        headers['content-type'] = req.contentType;
        if (contentTypeProperty) headers[contentTypeProperty] = req.contentType;
      }
      headers.persistent = String(req.property('JMS_DELIVERY_MODE') ?? '').toUpperCase() === 'NON_PERSISTENT' || req.property('JMS_DELIVERY_MODE') === 1 ? 'false' : 'true';
      const priority = req.property('JMS_PRIORITY');
      if (priority !== undefined) headers.priority = String(priority);
      const ttl = Number(req.property('JMS_TIME_TO_LIVE'));
      if (Number.isFinite(ttl) && ttl > 0) headers.expires = Date.now() + ttl;
      const delay = Number(req.property('JMS_MESSAGE_DELAY'));
      if (Number.isFinite(delay) && delay > 0) {
        if ((params['transport.jms.JMSSpecVersion'] ?? '1.1') === '2.0') headers.AMQ_SCHEDULED_DELAY = delay;
        else o.logger.log('warn', `JMS_MESSAGE_DELAY is applied only with transport.jms.JMSSpecVersion=2.0 (as in MI); sending ${destination} without delay`, { component: 'JMSSender' });
      }
      const soapAction = req.headers.get('SOAP_ACTION');
      if (soapAction) headers.SOAPAction = soapAction;
      const correlationId = String(req.property('JMS_COORELATION_ID') ?? req.messageId);
      headers['correlation-id'] = correlationId;
      const replyName = req.property('JMS_REPLY_TO') ?? params['transport.jms.ReplyDestination'];
      const wantsReply = req.expectReply || replyName !== undefined;
      const body = Buffer.from(req.body);
      if (!wantsReply) {
        await publish(client, destination, body, headers);
        return undefined;
      }
      const replyType = String(req.property('JMS_REPLY_TO_TYPE') ?? 'queue').toLowerCase() === 'topic' ? 'topic' : 'queue';
      const replyDest = replyName !== undefined ? stompDestination(String(replyName), replyType, params) : `/temp-queue/mediate-${randomUUID()}`;
      headers['reply-to'] = replyDest;
      if (!req.expectReply) {
        await publish(client, destination, body, headers);
        return undefined;
      }
      const waitMs = Number(req.property('JMS_WAIT_REPLY')) || req.timeoutMs || DEFAULT_WAIT_MS;
      const replyClient = client;
      return new Promise<BrokerReply>((resolve, reject) => {
        let sub: { unsubscribe(): Promise<void> } | undefined;
        const timer = setTimeout(() => {
          void sub?.unsubscribe().catch(() => undefined);
          reject(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `Did not receive a JMS response within ${waitMs} ms to destination : ${replyDest} with JMS correlation ID : ${correlationId}`));
        }, waitMs);
        replyClient
          .subscribe(
            replyDest,
            (m) => {
              clearTimeout(timer);
              void sub?.unsubscribe().catch(() => undefined);
              resolve(replyFromStomp(m, contentTypeProperty));
            },
            { ack: 'auto', selector: `JMSCorrelationID = '${correlationId.replace(/'/g, "''")}'` },
          )
          .then((s) => {
            sub = s;
            return publish(client, destination, body, headers);
          })
          .catch((e: unknown) => {
            clearTimeout(timer);
            reject(e instanceof BrokerError ? e : new BrokerError(ErrorCodes.SENDING_FAILED, `JMS send to ${destination} failed: ${e instanceof Error ? e.message : String(e)}`));
          });
      });
    },
    close: () => connections.close(),
  };
}

async function publish(client: import('./stomp-client.js').StompClient, destination: string, body: Buffer, headers: Record<string, string | number | undefined>): Promise<void> {
  try {
    await client.send(destination, body, headers, true);
  } catch (e) {
    throw new BrokerError(ErrorCodes.SENDING_FAILED, `JMS send to ${destination} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Transport headers that travel as JMS string properties (STOMP frame headers and JMS header names excepted). */
function isPropertyName(k: string): boolean {
  return k !== '' && !/^(JMS|content-length$|content-type$|destination$|receipt$|transaction$|reply-to$|correlation-id$|persistent$|priority$|expires$)/i.test(k);
}

