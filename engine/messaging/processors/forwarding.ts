/**
 * MI's scheduled message forwarding processor (ForwardingService): takes the
 * first message of its store, sends it to the target endpoint, and removes it
 * only once delivered. Outcomes (MESSAGING.md §7.3):
 * - 2xx, or a status in non.retry.status.codes (HTTP), or no error (other
 *   schemes): an OUT_ONLY message is removed; an in-out one goes through
 *   message.processor.reply.sequence first and is removed only if that
 *   sequence does not drop it; with no reply sequence the processor
 *   deactivates and keeps the message.
 * - failure: fault sequence, then a retry after client.retry.interval; after
 *   max.delivery.attempts the message is dropped (max.delivery.drop=Enabled),
 *   moved to message.processor.failMessagesStore, or the processor
 *   deactivates (deactivate sequence) keeping it. Strict FIFO: later messages
 *   wait behind a message being retried.
 */
import type { MessageContext } from '../../core/context.js';
import type { CompiledSequence, EndpointRuntime } from '../../model/definition.js';
import { MediationFault } from '../../core/errors.js';
import { runSequence, setErrorProperties, toMediationFault } from '../../runtime/flow.js';
import { restoreContext, type StoredMessage } from '../stored-message.js';
import { MessageProcessorRunner } from './processor.js';

type Attempt = { ok: true; ctx: MessageContext } | { ok: false; ctx: MessageContext; reason: string };

export class ForwardingProcessor extends MessageProcessorRunner {
  protected readonly component = 'ScheduledMessageForwardingProcessor';
  private attempts = 0;

  protected async runOnce(): Promise<void> {
    const s = this.config.settings;
    const startedAt = Date.now();
    // throttle=true: one run keeps forwarding for up to one interval; false: one message per run.
    const budget = s.cronExpression ? s.throttleInterval : s.interval;
    let forwarded = 0;
    while (this.running) {
      if (forwarded > 0 && (!s.throttle || Date.now() - startedAt >= budget)) return;
      const message = await this.fetchWithRetry();
      if (!message) return;
      const done = await this.deliver(message);
      if (!done) return;
      forwarded++;
      if (s.throttle && s.cronExpression && !(await this.sleeper.sleep(s.throttleInterval))) return;
    }
  }

  /** Works one message until it leaves the store or the processor stops; true when it left the store. */
  private async deliver(message: StoredMessage): Promise<boolean> {
    const s = this.config.settings;
    for (;;) {
      if (!this.running) return false;
      const endpointName = s.targetEndpoint ?? stringProperty(message, 'target.endpoint');
      const endpoint = endpointName ? (this.env.services.lookup('endpoint', endpointName) as EndpointRuntime | undefined) : undefined;
      if (!endpoint) {
        const why = endpointName ? `Endpoint named ${endpointName} not found` : 'No target endpoint (target.endpoint) is set for the message';
        this.log('error', `${this.label}: ${why}. Deactivating the message processor.`);
        await this.deactivate(why);
        return false;
      }
      const attempt = await this.send(message, endpoint, endpointName!);
      if (attempt.ok) {
        const outOnly = isTrue(attempt.ctx.properties.get('OUT_ONLY'));
        if (!outOnly) {
          const reply = this.sequence(s.replySequence);
          if (!reply) {
            this.log('error', 'Failed to send the out message. Reply sequence does not Exist. Deactivated the message processor.');
            await this.deactivate('reply sequence does not exist for an in-out message');
            return false;
          }
          const kept = await this.runSafely(reply, attempt.ctx);
          if (kept !== 'continue') {
            if (!(await this.retryAfterFailure(message, attempt.ctx, 'the reply sequence did not complete'))) return this.attempts === 0 && this.running;
            continue;
          }
        }
        if (!(await this.ack(message))) return false;
        this.attempts = 0;
        this.delivered++;
        return true;
      }
      this.lastError = attempt.reason;
      if (!(await this.retryAfterFailure(message, attempt.ctx, attempt.reason))) return this.attempts === 0 && this.running;
    }
  }

  /** True when the same message should be tried again (after client.retry.interval); false when it left the store or the processor stopped. */
  private async retryAfterFailure(message: StoredMessage, ctx: MessageContext, reason: string): Promise<boolean> {
    const stillWorking = await this.failed(message, ctx, reason);
    if (!stillWorking || this.attempts === 0) return false;
    return this.sleeper.sleep(this.config.settings.clientRetryInterval);
  }

  private async send(message: StoredMessage, endpoint: EndpointRuntime, endpointName: string): Promise<Attempt> {
    const ctx = restoreContext(message, this.env.services);
    ctx.flow = { artifact: `message-processor:${this.name}` };
    ctx.axis2.delete('HTTP_SC');
    try {
      await endpoint.send(ctx, { blocking: true });
    } catch (e) {
      const fault = toMediationFault(e);
      setErrorProperties(ctx, fault);
      this.log('error', `BlockingMessageSender of message processor [${this.name}] failed to forward message to endpoint ${endpointName}: ${fault.message}`);
      return { ok: false, ctx, reason: fault.message };
    }
    const status = ctx.axis2.get('HTTP_SC');
    if (typeof status === 'number' || (typeof status === 'string' && /^\d+$/.test(status))) {
      const code = String(status);
      const success = /^2\d\d$/.test(code) || this.config.settings.nonRetryStatusCodes.some((c) => c.includes(code));
      if (!success) {
        this.log('warn', `${this.label} received a response with HTTP_SC: ${code} from backend ${endpointName}. Message forwarding failed.`);
        setErrorProperties(ctx, new MediationFault(code, `HTTP_SC ${code} from ${endpointName}`));
        return { ok: false, ctx, reason: `HTTP ${code} from ${endpointName}` };
      }
    }
    return { ok: true, ctx };
  }

  /**
   * One failed attempt: fault sequence, count, and what max.delivery.attempts
   * says. Returns false when the processor stopped working this message (deactivated).
   */
  private async failed(message: StoredMessage, ctx: MessageContext, reason: string): Promise<boolean> {
    const s = this.config.settings;
    const fault = this.sequence(s.faultSequence);
    if (fault) await this.runSafely(fault, ctx);
    this.attempts++;
    if (s.maxDeliveryAttempts > 0 && this.attempts >= s.maxDeliveryAttempts) {
      const times = this.attempts;
      this.attempts = 0;
      if (s.maxDeliveryDrop) {
        this.log('warn', `${this.label} failed to forward message ${times} times. Drop message and continue.`);
        return this.ack(message);
      }
      if (s.failMessagesStore) {
        const target = this.env.storeHandle(s.failMessagesStore);
        try {
          if (!target) throw new Error(`message store ${s.failMessagesStore} is not open`);
          await target.accept({ ...message, storeName: s.failMessagesStore });
          this.log('warn', `${this.label} failed to forward message ${times} times. Message moved to the message store [${s.failMessagesStore}].`);
          return this.ack(message);
        } catch (e) {
          this.log('error', `${this.label} could not move message ${message.messageId} to [${s.failMessagesStore}]: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      this.log('error', `${this.label} failed to forward message ${times} times. Deactivating message processor.`);
      const deactivate = this.sequence(s.deactivateSequence);
      if (deactivate) await this.runSafely(deactivate, ctx);
      await this.deactivate(`failed to forward message ${message.messageId} ${times} times: ${reason}`);
      return false;
    }
    return true;
  }

  private async ack(message: StoredMessage): Promise<boolean> {
    try {
      await this.consumer!.ack();
      return true;
    } catch (e) {
      // The message stays in the store and is sent again later (at least once).
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log('error', `${this.label} could not remove message ${message.messageId} from store [${this.config.storeName}]: ${this.lastError}. It will be delivered again.`);
      return false;
    }
  }

  private sequence(name: string | undefined): CompiledSequence | undefined {
    return name ? (this.env.services.lookup('sequence', name) as CompiledSequence | undefined) : undefined;
  }

  private async runSafely(seq: CompiledSequence, ctx: MessageContext): Promise<'continue' | 'halt' | 'fault'> {
    try {
      return await runSequence(seq, ctx);
    } catch (e) {
      this.log('error', `${this.label}: sequence ${seq.name ?? seq.path} failed: ${e instanceof Error ? e.message : String(e)}`);
      return 'fault';
    }
  }
}

function stringProperty(message: StoredMessage, name: string): string | undefined {
  const v = message.properties[name];
  return v && v.t === 'string' ? v.v.trim() || undefined : undefined;
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}
