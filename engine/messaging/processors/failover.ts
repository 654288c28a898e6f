/**
 * MI's failover forwarding processor (FailoverForwardingService): moves each
 * message of its store (the failover store) into message.target.store.name,
 * retrying every client.retry.interval until the target takes it
 * (max.delivery.attempts default -1: for ever); the source message is
 * removed only once the target accepted it.
 */
import { MessageProcessorRunner } from './processor.js';
import type { StoredMessage } from '../stored-message.js';

export class FailoverForwardingProcessor extends MessageProcessorRunner {
  protected readonly component = 'FailoverScheduledMessageForwardingProcessor';

  protected async runOnce(): Promise<void> {
    while (this.running) {
      const message = await this.fetchWithRetry();
      if (!message) return;
      if (!(await this.move(message))) return;
    }
  }

  private async move(message: StoredMessage): Promise<boolean> {
    const s = this.config.settings;
    if (!s.targetStore) {
      this.log('warn', `${this.label}: no message.target.store.name is set; message ${message.messageId} is dropped`);
      await this.consumer!.ack();
      return true;
    }
    let attempts = 0;
    for (;;) {
      if (!this.running) return false;
      const target = this.env.storeHandle(s.targetStore);
      try {
        if (!target) throw new Error(`message store ${s.targetStore} is not open`);
        await target.accept(message);
        await this.consumer!.ack();
        this.delivered++;
        return true;
      } catch (e) {
        attempts++;
        this.lastError = e instanceof Error ? e.message : String(e);
        this.log('warn', `${this.label} failed to store message ${message.messageId} in [${s.targetStore}]: ${this.lastError}`);
        if (s.maxDeliveryAttempts > 0 && attempts >= s.maxDeliveryAttempts) {
          if (s.maxDeliveryDrop) {
            this.log('warn', `${this.label} failed to forward message ${attempts} times. Drop message and continue.`);
            await this.consumer!.ack();
            return true;
          }
          this.log('error', `${this.label} failed to forward message ${attempts} times. Deactivating message processor.`);
          await this.deactivate(this.lastError);
          return false;
        }
        if (!(await this.sleeper.sleep(s.clientRetryInterval))) return false;
      }
    }
  }
}
