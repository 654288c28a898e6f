/**
 * The live half of message stores and processors for one engine: after every
 * deploy/undeploy it opens the backend of each new store (retrying with
 * backoff while the database or broker is unreachable, the rest of the
 * project serving meanwhile), starts processors once their store is open,
 * and stops/closes what was undeployed or replaced. close() stops every
 * timer and closes every backend (shutdown).
 *
 * It also answers the studio's store browser and processor toggle.
 */
import type { Logger } from '../core/logger.js';
import type { RuntimeServices } from '../core/services.js';
import type { DeployedArtifact } from '../artifacts/types.js';
import type { CompiledMessageStore } from './message-store/artifact.js';
import type { CompiledMessageProcessor } from './message-processor/artifact.js';
import { StoreUnavailableError, type MessageStoreBackend } from './store.js';
import { shortStoreClass, type StoreBackendRegistry } from './store-registry.js';
import { attachStoreHandle, detachStoreHandle, storeHandleOf, type StoreHandle } from './handles.js';
import type { StoredMessage } from './stored-message.js';
import type { MessageProcessorRunner, ProcessorEnv, ProcessorStatus } from './processors/processor.js';
import { ForwardingProcessor } from './processors/forwarding.js';
import { SamplingProcessor } from './processors/sampling.js';
import { FailoverForwardingProcessor } from './processors/failover.js';
import { Sleeper } from './processors/schedule.js';

/** What the runtime needs of an engine (Engine satisfies it). */
export interface MessagingEngine {
  readonly deployment: { all(): DeployedArtifact[] };
  readonly services: RuntimeServices;
  onDeploymentChange(listener: () => void): () => void;
}

export interface MessagingRuntimeOptions {
  engine: MessagingEngine;
  backends: StoreBackendRegistry;
  /** `<project>/.mediate`, where the SQLite default store file goes. */
  dataDir?: string;
  logger: Logger;
  /** Backoff while a store cannot be opened: first wait, doubling up to max (ms). */
  openRetry?: { initialMs: number; maxMs: number };
}

export type StoreState = 'connecting' | 'open' | 'failed' | 'closed';

export interface StoreStatus {
  name: string;
  className: string;
  state: StoreState;
  lastError?: string;
  file?: string;
}

class ManagedStore implements StoreHandle {
  state: StoreState = 'connecting';
  lastError: string | undefined;
  private readonly sleeper = new Sleeper();
  readonly opened: Promise<boolean>;
  /** Settles after the first attempt to open, whatever its outcome (deploy waits for it, not for the retries). */
  readonly firstAttempt: Promise<void>;
  private firstAttemptDone!: () => void;

  constructor(
    readonly artifact: CompiledMessageStore,
    readonly backend: MessageStoreBackend,
    private readonly logger: Logger,
    retry: { initialMs: number; maxMs: number },
  ) {
    this.firstAttempt = new Promise((r) => (this.firstAttemptDone = r));
    this.opened = this.openWithRetry(retry).finally(() => this.firstAttemptDone());
  }

  get storeName(): string {
    return this.artifact.name;
  }

  async accept(message: StoredMessage): Promise<void> {
    if (this.state !== 'open') throw new StoreUnavailableError(this.storeName, `message store ${this.storeName} is not connected${this.lastError ? `: ${this.lastError}` : ''}`);
    await this.backend.store(message);
  }

  private async openWithRetry(retry: { initialMs: number; maxMs: number }): Promise<boolean> {
    let wait = retry.initialMs;
    for (;;) {
      try {
        await this.backend.open();
        if (this.state === 'closed') return false;
        this.state = 'open';
        this.lastError = undefined;
        this.logger.log('info', `Message store [${this.storeName}] (${shortStoreClass(this.artifact.className)}) is ready`, { component: 'MessageStore', artifact: `message-store:${this.storeName}` });
        return true;
      } catch (e) {
        if (this.state === 'closed') return false;
        this.lastError = e instanceof Error ? e.message : String(e);
        const retriable = e instanceof StoreUnavailableError;
        this.state = retriable ? 'connecting' : 'failed';
        const where = `${this.artifact.file ?? '<input>'}:${this.artifact.loc.line}:${this.artifact.loc.col}`;
        this.logger.log('error', `${where}: message store ${this.storeName} cannot be opened: ${this.lastError}${retriable ? `; retrying in ${wait} ms` : ''}`, { component: 'MessageStore', artifact: `message-store:${this.storeName}` });
        this.firstAttemptDone();
        if (!retriable) return false;
        if (!(await this.sleeper.sleep(wait))) return false;
        wait = Math.min(wait * 2, retry.maxMs);
      }
    }
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.sleeper.cancel();
    await this.opened;
    await this.backend.close().catch(() => undefined);
  }
}

export class MessagingRuntime {
  private readonly stores = new Map<string, ManagedStore>();
  private readonly processors = new Map<string, { artifact: CompiledMessageProcessor; store: ManagedStore; runner: MessageProcessorRunner }>();
  /** Processors deployed whose store is not open yet. */
  private readonly waiting = new Map<string, CompiledMessageProcessor>();
  private readonly unsubscribe: () => void;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: MessagingRuntimeOptions) {
    this.unsubscribe = options.engine.onDeploymentChange(() => void this.sync());
    void this.sync();
  }

  /** Brings live stores and processors in line with what is deployed; resolves when done. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.reconcile()).catch((e: unknown) => {
      this.options.logger.log('error', `Message stores/processors could not be updated: ${e instanceof Error ? e.message : String(e)}`, { component: 'MessagingRuntime' });
    });
    return this.syncing;
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const deployed = this.options.engine.deployment.all();
    const storeArtifacts = new Map<string, CompiledMessageStore>();
    const processorArtifacts = new Map<string, CompiledMessageProcessor>();
    for (const a of deployed) {
      if (a.kind === 'message-store') storeArtifacts.set(a.name, a.value);
      else if (a.kind === 'message-processor') processorArtifacts.set(a.name, a.value);
    }
    // Stop processors that are gone, replaced, or whose store is replaced.
    for (const [name, p] of [...this.processors]) {
      const store = storeArtifacts.get(p.artifact.storeName);
      if (processorArtifacts.get(name) !== p.artifact || store !== p.store.artifact) {
        this.processors.delete(name);
        await p.runner.stop();
        this.options.logger.log('info', `Message processor [${name}] stopped`, { component: 'MessageProcessor', artifact: `message-processor:${name}` });
      }
    }
    for (const name of [...this.waiting.keys()]) if (processorArtifacts.get(name) !== this.waiting.get(name)) this.waiting.delete(name);
    // Close stores that are gone or replaced.
    for (const [name, s] of [...this.stores]) {
      if (storeArtifacts.get(name) !== s.artifact) {
        this.stores.delete(name);
        detachStoreHandle(s.artifact);
        await s.close();
      }
    }
    // Open new stores (the first attempt is awaited, so requests right after deploy find them open).
    const opening: Promise<void>[] = [];
    for (const [name, artifact] of storeArtifacts) {
      if (this.stores.has(name)) continue;
      const managed = this.openStore(artifact);
      if (!managed) continue;
      this.stores.set(name, managed);
      attachStoreHandle(artifact, managed);
      opening.push(managed.firstAttempt);
      void managed.opened.then((ok) => {
        if (ok) void this.sync();
      });
    }
    await Promise.all(opening);
    // Start processors whose store is open.
    for (const [name, artifact] of processorArtifacts) {
      if (this.processors.has(name)) continue;
      const store = this.stores.get(artifact.storeName);
      if (!store || store.state !== 'open') {
        this.waiting.set(name, artifact);
        continue;
      }
      this.waiting.delete(name);
      const runner = this.createRunner(artifact, store);
      this.processors.set(name, { artifact, store, runner });
      runner.start();
    }
  }

  private openStore(artifact: CompiledMessageStore): ManagedStore | undefined {
    const factory = this.options.backends.resolve(artifact.className);
    const where = `${artifact.file ?? '<input>'}:${artifact.loc.line}:${artifact.loc.col}`;
    if (!factory) {
      this.options.logger.log('error', `${where}: message store ${artifact.name}: no backend for class ${artifact.className} in this runtime (it runs ${this.options.backends.classes().map(shortStoreClass).join(', ')})`, { component: 'MessageStore' });
      return undefined;
    }
    let backend: MessageStoreBackend;
    try {
      backend = factory({ storeName: artifact.name, className: artifact.className, parameters: artifact.parameters, dataDir: this.options.dataDir, logger: this.options.logger });
    } catch (e) {
      this.options.logger.log('error', `${where}: message store ${artifact.name} cannot be created: ${e instanceof Error ? e.message : String(e)}`, { component: 'MessageStore' });
      return undefined;
    }
    return new ManagedStore(artifact, backend, this.options.logger, this.options.openRetry ?? { initialMs: 500, maxMs: 30000 });
  }

  private createRunner(artifact: CompiledMessageProcessor, store: ManagedStore): MessageProcessorRunner {
    const env: ProcessorEnv = {
      services: this.options.engine.services,
      logger: this.options.logger,
      backend: store.backend,
      storeHandle: (name) => {
        const s = this.stores.get(name);
        return s ? storeHandleOf(s.artifact) : undefined;
      },
    };
    switch (artifact.kind) {
      case 'sampling':
        return new SamplingProcessor(artifact, env);
      case 'failover':
        return new FailoverForwardingProcessor(artifact, env);
      default:
        return new ForwardingProcessor(artifact, env);
    }
  }

  /** Stops every processor (each finishes the message in hand) and closes every store. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.syncing;
    await Promise.all([...this.processors.values()].map((p) => p.runner.stop()));
    this.processors.clear();
    for (const s of this.stores.values()) detachStoreHandle(s.artifact);
    await Promise.all([...this.stores.values()].map((s) => s.close()));
    this.stores.clear();
  }

  // ---- the studio's views ----

  storeStatuses(): StoreStatus[] {
    return [...this.stores.values()].map((s) => ({ name: s.storeName, className: shortStoreClass(s.artifact.className), state: s.state, lastError: s.lastError, file: s.artifact.file }));
  }

  processorStatuses(): ProcessorStatus[] {
    const running = [...this.processors.values()].map((p) => p.runner.status());
    const waiting = [...this.waiting.values()].map((a): ProcessorStatus => ({ name: a.name, kind: a.kind, storeName: a.storeName, active: false, leaseHeld: false, lastError: `waiting for message store ${a.storeName} to open`, delivered: 0 }));
    return [...running, ...waiting];
  }

  private backendOf(storeName: string): MessageStoreBackend {
    const s = this.stores.get(storeName);
    if (!s) throw new Error(`no message store named ${storeName} is deployed`);
    if (s.state !== 'open') throw new StoreUnavailableError(storeName, `message store ${storeName} is not connected${s.lastError ? `: ${s.lastError}` : ''}`);
    return s.backend;
  }

  async storeSize(storeName: string): Promise<number> {
    return this.backendOf(storeName).size();
  }

  async listMessages(storeName: string, offset = 0, limit = 100): Promise<StoredMessage[]> {
    return this.backendOf(storeName).list(offset, limit);
  }

  async getMessage(storeName: string, messageId: string): Promise<StoredMessage | undefined> {
    return this.backendOf(storeName).get(messageId);
  }

  async deleteMessage(storeName: string, messageId: string): Promise<boolean> {
    return this.backendOf(storeName).delete(messageId);
  }

  /** Copies a message into another store, then removes it from its own ("move"). */
  async moveMessage(storeName: string, messageId: string, targetStore: string): Promise<boolean> {
    const message = await this.getMessage(storeName, messageId);
    if (!message) return false;
    const target = this.stores.get(targetStore);
    if (!target) throw new Error(`no message store named ${targetStore} is deployed`);
    await target.accept({ ...message, storeName: targetStore });
    await this.deleteMessage(storeName, messageId);
    return true;
  }

  /**
   * Resend: puts the message at the back of its store again under a fresh
   * position (its processor forwards it on the next run) and removes the old copy.
   */
  async resendMessage(storeName: string, messageId: string): Promise<boolean> {
    const backend = this.backendOf(storeName);
    const message = await backend.get(messageId);
    if (!message) return false;
    await backend.delete(messageId);
    await backend.store(message);
    for (const p of this.processors.values()) if (p.artifact.storeName === storeName && !p.runner.active) p.runner.activate();
    return true;
  }

  async setProcessorActive(name: string, active: boolean): Promise<ProcessorStatus> {
    const p = this.processors.get(name);
    if (!p) throw new Error(`no message processor named ${name} is running`);
    if (active) p.runner.activate();
    else await p.runner.deactivate();
    return p.runner.status();
  }
}
