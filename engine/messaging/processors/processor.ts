/**
 * What every message processor shares: its schedule, active/inactive state
 * (is.active, deactivation after failures, the studio's toggle), the last
 * error, coordination across instances (a lease from the store backend when
 * it offers one, so a processor runs in one instance at a time), and a clean
 * stop (no timer left, the current run finished, the held message released).
 */
import type { Logger } from '../../core/logger.js';
import type { RuntimeServices } from '../../core/services.js';
import type { MessageStoreBackend, MessageStoreConsumer, StoreLease } from '../store.js';
import type { StoreHandle } from '../handles.js';
import type { CompiledMessageProcessor } from '../message-processor/artifact.js';
import { createSchedule, Sleeper, type Schedule } from './schedule.js';

export interface ProcessorEnv {
  services: RuntimeServices;
  logger: Logger;
  /** The backend of the processor's store (open, or reconnecting). */
  backend: MessageStoreBackend;
  /** A live store by name (fail-messages store, failover target). */
  storeHandle(name: string): StoreHandle | undefined;
}

export interface ProcessorStatus {
  name: string;
  kind: CompiledMessageProcessor['kind'];
  storeName: string;
  active: boolean;
  /** False while another instance holds this processor's lease. */
  leaseHeld: boolean;
  lastError?: string;
  /** Messages delivered (forwarded, sampled or moved) since deploy. */
  delivered: number;
}

export abstract class MessageProcessorRunner {
  protected readonly sleeper = new Sleeper();
  protected consumer: MessageStoreConsumer | undefined;
  private schedule: Schedule | undefined;
  private lease: StoreLease | undefined;
  private stopped = true;
  active: boolean;
  lastError: string | undefined;
  delivered = 0;

  constructor(
    readonly config: CompiledMessageProcessor,
    protected readonly env: ProcessorEnv,
  ) {
    this.active = config.settings.isActive;
  }

  get name(): string {
    return this.config.name;
  }

  protected get label(): string {
    return `Message processor [${this.name}]`;
  }

  protected log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.env.logger.log(level, message, { component: this.component, artifact: `message-processor:${this.name}` });
  }

  protected abstract readonly component: string;
  /** One scheduled run: take messages from the store and deal with them. */
  protected abstract runOnce(): Promise<void>;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.sleeper.reset();
    const s = this.config.settings;
    this.schedule = createSchedule({ intervalMs: s.interval, cron: s.cronExpression }, () => this.tick());
    this.schedule.start();
    this.log('info', `Started message processor. [${this.name}].`);
  }

  /** Stops for undeploy, redeploy or shutdown; the held message stays in the store. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.sleeper.cancel();
    await this.schedule?.stop();
    await this.consumer?.close().catch(() => undefined);
    this.consumer = undefined;
    await this.lease?.release().catch(() => undefined);
    this.lease = undefined;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  status(): ProcessorStatus {
    return { name: this.name, kind: this.config.kind, storeName: this.config.storeName, active: this.active, leaseHeld: this.env.backend.lease ? this.lease !== undefined : true, lastError: this.lastError, delivered: this.delivered };
  }

  activate(): void {
    if (this.active) return;
    this.active = true;
    this.lastError = undefined;
    this.log('info', `Successfully re-activated the message processor [${this.name}]`);
    this.schedule?.kick();
  }

  /** Pauses forwarding; the message being worked on goes back to the store. */
  async deactivate(reason?: string): Promise<void> {
    if (!this.active) return;
    this.active = false;
    if (reason) this.lastError = reason;
    await this.consumer?.release().catch(() => undefined);
    this.log('info', `Successfully deactivated the message processor [${this.name}]`);
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.active) return;
    if (!(await this.holdLease())) return;
    try {
      this.consumer ??= this.env.backend.consumer();
      await this.runOnce();
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log('error', `${this.label} run failed: ${this.lastError}`);
    }
  }

  /** True when this instance may run the processor now. */
  private async holdLease(): Promise<boolean> {
    const backend = this.env.backend;
    if (!backend.lease) return true;
    try {
      if (this.lease && (await this.lease.stillHeld())) return true;
      if (this.lease) {
        this.log('warn', `${this.label} lost its lease on store ${this.config.storeName}; another instance may run it now`);
        this.lease = undefined;
        await this.consumer?.close().catch(() => undefined);
        this.consumer = undefined;
      }
      this.lease = await backend.lease(`message-processor:${this.name}`);
      if (this.lease) this.log('info', `${this.label} runs in this instance (it holds the lease on message store [${this.config.storeName}])`);
      return this.lease !== undefined;
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  /** Keep working only while started and active. */
  protected get running(): boolean {
    return !this.stopped && this.active;
  }

  /**
   * Fetches the next message, retrying a store that cannot be reached every
   * store.connection.retry.interval ms, up to max.store.connection.attempts
   * (-1: for ever); then the processor deactivates.
   */
  protected async fetchWithRetry(): Promise<import('../stored-message.js').StoredMessage | undefined> {
    const s = this.config.settings;
    let failures = 0;
    for (;;) {
      if (!this.running) return undefined;
      try {
        return await this.consumer!.fetch();
      } catch (e) {
        failures++;
        const reason = e instanceof Error ? e.message : String(e);
        this.lastError = reason;
        this.log('error', `${this.label} could not read from message store [${this.config.storeName}]: ${reason}. Retrying in ${s.storeConnectionRetryInterval} ms (attempt ${failures}).`);
        if (s.maxStoreConnectionAttempts > 0 && failures >= s.maxStoreConnectionAttempts) {
          await this.deactivate(`cannot connect to message store ${this.config.storeName}: ${reason}`);
          return undefined;
        }
        if (!(await this.sleeper.sleep(s.storeConnectionRetryInterval))) return undefined;
      }
    }
  }
}
