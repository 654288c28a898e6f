/**
 * Running what the deployment holds: inbound endpoints, tasks and polling proxies start when
 * deployed, restart when redeployed (the old one stops first, so a port is free again), stop when
 * undeployed and on shutdown. One that cannot start (a port in use, a folder missing, a protocol
 * this runtime lacks) is marked failed with the reason and logged; the others keep running.
 * Activators say which artifacts they run and how (inbound-activator.ts, engine/tasks).
 */
import type { DeployedArtifact } from '../artifacts/types.js';
import type { Logger } from '../core/logger.js';
import type { InboundState } from './types.js';

/** One row of the studio's runtime view. */
export interface ActiveItemStatus {
  /** kind:name, e.g. `inbound-endpoint:FileEP`, `task:Injector`, `proxy:VfsProxy`. */
  artifact: string;
  kind: string;
  name: string;
  /** Protocol or trigger kind (`http`, `file`, `cron` ...). */
  detail?: string;
  state: InboundState;
  lastError?: string;
  /** ms since epoch */
  lastPoll?: number;
  nextFire?: number;
  port?: number;
  /** Whether the item can be triggered now (tasks). */
  canRunNow?: boolean;
  /** Try-it: a file can be dropped (file endpoints, vfs proxies) or a test mail sent (mail listeners). */
  accepts?: 'file' | 'mail';
  /** Try-it: how a client talks to this socket listener (protocol client and framing). */
  socket?: SocketListenerInfo;
}

/** A socket listener's protocol (`tcp`, `udp`, `hl7` ...) and protocol-specific settings a client needs (framing). */
export interface SocketListenerInfo {
  protocol: string;
  options?: Record<string, string>;
}

export interface StatusSink {
  set(state: InboundState, detail?: { error?: string; lastPoll?: number; nextPoll?: number; port?: number }): void;
}

export interface Activation {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs once now (a task's "run now"); absent for listeners. */
  runNow?(): Promise<void>;
  /** Try-it beyond HTTP: put a file where a file endpoint polls, then poll at once. */
  dropFile?(name: string, content: Uint8Array): Promise<void>;
  /** Try-it beyond HTTP: put a test mail into the mailbox a mail listener reads, then poll at once. */
  sendMail?(mail: TestMail): Promise<void>;
  /** Try-it beyond HTTP: set when the activation listens on a socket a client can send to. */
  socket?: SocketListenerInfo;
}

export interface TestMail {
  from?: string;
  subject: string;
  text: string;
}

export interface Activator {
  /** An Activation for this artifact when this activator runs it (undefined otherwise). */
  activate(artifact: DeployedArtifact, status: StatusSink): Activation | undefined;
  /** What the runtime view shows in `detail`. */
  describe?(artifact: DeployedArtifact): string | undefined;
}

interface Running {
  artifact: DeployedArtifact;
  activation?: Activation;
  status: ActiveItemStatus;
}

export class ActiveArtifacts {
  private readonly running = new Map<string, Running>();
  /** Starts and stops are applied one at a time, in order (a redeploy frees a port before rebinding it). */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly all: () => DeployedArtifact[],
    private readonly activators: Activator[],
    private readonly logger: Logger,
  ) {}

  /** Brings running items in line with the deployment; call after every deploy/undeploy. */
  sync(): Promise<void> {
    this.chain = this.chain.then(() => this.apply());
    return this.chain;
  }

  /** Resolves once every pending start and stop has been applied. */
  settled(): Promise<void> {
    return this.chain;
  }

  statuses(): ActiveItemStatus[] {
    return [...this.running.values()].map((r) => ({ ...r.status }));
  }

  /** Triggers an item once now (tasks); rejects when it cannot be. */
  async runNow(artifact: string): Promise<void> {
    const r = this.running.get(artifact);
    if (!r?.activation?.runNow) throw new Error(`${artifact} cannot be run now (not a deployed task)`);
    await r.activation.runNow();
  }

  /** Try-it: drops a file for a file endpoint or vfs proxy. */
  async dropFile(artifact: string, name: string, content: Uint8Array): Promise<void> {
    const r = this.running.get(artifact);
    if (!r?.activation?.dropFile) throw new Error(`${artifact} does not read files`);
    if (r.status.state !== 'polling') throw new Error(`${artifact} is ${r.status.state}${r.status.lastError ? `: ${r.status.lastError}` : ''}`);
    await r.activation.dropFile(name, content);
  }

  /** Try-it: sends a test mail to a mail listener's mailbox. */
  async sendMail(artifact: string, mail: TestMail): Promise<void> {
    const r = this.running.get(artifact);
    if (!r?.activation?.sendMail) throw new Error(`${artifact} does not read mail`);
    if (r.status.state !== 'polling') throw new Error(`${artifact} is ${r.status.state}${r.status.lastError ? `: ${r.status.lastError}` : ''}`);
    await r.activation.sendMail(mail);
  }

  /** Calls `listener` whenever a status changes (the studio's runtime view follows it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.chain = this.chain.then(async () => {
      for (const key of [...this.running.keys()]) await this.stopOne(key);
    });
    await this.chain;
  }

  private async apply(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, DeployedArtifact>();
    for (const a of this.all()) wanted.set(`${a.kind}:${a.name}`, a);
    for (const [key, r] of [...this.running]) {
      const now = wanted.get(key);
      if (!now || now !== r.artifact) await this.stopOne(key);
    }
    for (const [key, artifact] of wanted) {
      if (this.running.has(key)) continue;
      await this.startOne(key, artifact);
    }
  }

  private async startOne(key: string, artifact: DeployedArtifact): Promise<void> {
    for (const activator of this.activators) {
      const status: ActiveItemStatus = { artifact: key, kind: artifact.kind, name: artifact.name, detail: activator.describe?.(artifact), state: 'starting' };
      const changed = () => this.changed();
      const sink: StatusSink = {
        set(state, detail) {
          queueMicrotask(changed);
          status.state = state;
          if (detail?.error !== undefined) status.lastError = detail.error;
          if (detail?.lastPoll !== undefined) status.lastPoll = detail.lastPoll;
          if (detail?.nextPoll !== undefined) status.nextFire = detail.nextPoll;
          if (detail?.port !== undefined) status.port = detail.port;
        },
      };
      let activation: Activation | undefined;
      try {
        activation = activator.activate(artifact, sink);
      } catch (e) {
        sink.set('failed', { error: message(e) });
        this.running.set(key, { artifact, status });
        this.logger.log('error', `${label(artifact)} ${artifact.name} cannot start: ${message(e)}`, { component: 'InboundEndpoint', artifact: key });
        return;
      }
      if (!activation) continue;
      status.canRunNow = activation.runNow !== undefined;
      status.accepts = activation.dropFile ? 'file' : activation.sendMail ? 'mail' : undefined;
      if (activation.socket) status.socket = activation.socket;
      this.running.set(key, { artifact, activation, status });
      if (status.state === 'suspended') {
        this.logger.log('info', `${label(artifact)} [${artifact.name}] is currently suspended.`, { component: 'InboundEndpoint', artifact: key });
        return;
      }
      try {
        await activation.start();
        if (status.state === 'starting') status.state = 'listening';
        this.logger.log('info', `${label(artifact)} ${artifact.name} started (${status.state}${status.port !== undefined ? ` on port ${status.port}` : ''})`, { component: 'InboundEndpoint', artifact: key });
      } catch (e) {
        sink.set('failed', { error: message(e) });
        this.logger.log('error', `${label(artifact)} ${artifact.name} failed to start: ${message(e)}`, { component: 'InboundEndpoint', artifact: key });
        try {
          await activation.stop();
        } catch {
          // it never started
        }
      }
      return;
    }
  }

  private async stopOne(key: string): Promise<void> {
    const r = this.running.get(key);
    this.running.delete(key);
    this.changed();
    if (!r?.activation || r.status.state === 'failed' || r.status.state === 'suspended') return;
    try {
      await r.activation.stop();
      this.logger.log('info', `${label(r.artifact)} ${r.artifact.name} stopped`, { component: 'InboundEndpoint', artifact: key });
    } catch (e) {
      this.logger.log('error', `${label(r.artifact)} ${r.artifact.name} did not stop cleanly: ${message(e)}`, { component: 'InboundEndpoint', artifact: key });
    }
  }
}

function label(a: DeployedArtifact): string {
  return a.kind === 'inbound-endpoint' ? 'Inbound endpoint' : a.kind === 'task' ? 'Task' : a.kind === 'proxy' ? 'Proxy service' : a.kind;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
