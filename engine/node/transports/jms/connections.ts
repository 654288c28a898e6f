/**
 * One STOMP connection per broker address and user, shared by the JMS senders of a
 * runtime and re-opened after it drops. Consumers open their own connections (a
 * subscription's unacked messages belong to its connection).
 */
import type { Logger } from '../../../core/logger.js';
import { StompClient } from './stomp-client.js';
import type { StompEndpoint } from './jms-settings.js';

export class StompConnections {
  private readonly open = new Map<string, Promise<StompClient>>();
  private readonly announced = new Set<string>();

  constructor(private readonly logger: Logger) {}

  get(ep: StompEndpoint): Promise<StompClient> {
    const key = `${ep.host}:${ep.port}:${ep.login ?? ''}`;
    const existing = this.open.get(key);
    if (existing) return existing.then((c) => (c.isOpen ? c : this.reopen(key, ep)), () => this.reopen(key, ep));
    return this.reopen(key, ep);
  }

  /** Logs once per broker that MI's OpenWire URL is served over STOMP. */
  announce(ep: StompEndpoint): void {
    const key = `${ep.mappedFrom}->${ep.host}:${ep.port}`;
    if (this.announced.has(key)) return;
    this.announced.add(key);
    this.logger.log('info', `JMS provider ${ep.mappedFrom} is reached over ActiveMQ's STOMP connector at ${ep.host}:${ep.port} (no OpenWire client for Node; set mediate.jms.stomp.port to change the port)`, { component: 'JMSTransport' });
  }

  private reopen(key: string, ep: StompEndpoint): Promise<StompClient> {
    this.announce(ep);
    const p = StompClient.connect({ host: ep.host, port: ep.port, login: ep.login, passcode: ep.passcode, heartbeat: [10000, 10000], connectTimeoutMs: 5000 });
    this.open.set(key, p);
    p.then(
      (c) => c.once('close', () => this.open.get(key) === p && this.open.delete(key)),
      () => this.open.get(key) === p && this.open.delete(key),
    );
    return p;
  }

  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((p) => p.then((c) => c.disconnect(), () => undefined)));
  }
}
