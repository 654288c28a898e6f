/**
 * The runtime service: runs `mediate run <project> --watch --log-format json`
 * in a child process, so a crash or an endless loop in an integration never
 * freezes the studio. Its log lines become console entries; its deployment
 * diagnostics become problems.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { EventSink, LogEntry, LogLevel, Problem, RuntimeItem, RuntimeService, RuntimeStatus, SocketTryItReply, SocketTryItRequest, TestMailInput, BrokerTryItReply, BrokerTryItRequest } from '../../contract/index.js';
import { parseDeployedFile, parseDiagnostic, parseJsonLogLine, parseReadyLine } from './log-lines.js';
import { isPortFree } from './free-port.js';
import { sendSocketTryIt } from './socket-tryit/send.js';
import { publishBrokerTryIt } from './broker-tryit/publish.js';

export interface RuntimeServiceOptions {
  emit: EventSink;
  /** The open project's folder, or undefined when none is open. */
  projectRoot: () => string | undefined;
  /** Preferred HTTP port (MI's 8290 by default); 0 picks a free one. A busy preferred port falls back to a free one. */
  port?: number;
  /** The `mediate` CLI script; found beside the package by default. */
  cliEntry?: string;
  /** How long a start may take before it counts as failed. */
  startTimeoutMs?: number;
}

const MAX_LOG = 2000;

export class ChildProcessRuntimeService implements RuntimeService {
  private state: RuntimeStatus = { state: 'stopped' };
  private child: ChildProcess | undefined;
  private starting: Promise<RuntimeStatus> | undefined;
  private log: LogEntry[] = [];
  private seq = 0;
  private problemsByFile = new Map<string, Problem[]>();
  /** Whether the next/current run has MI's debugger ports open, and their ports once logged. */
  private debugMode = false;
  private debugPortsSeen: { command: number; event: number } | undefined;
  private stopListeners: (() => void)[] = [];
  /** Inbound endpoints and tasks as the child last reported them (over its IPC channel). */
  private runtimeItems: RuntimeItem[] = [];
  private requestSeq = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(private readonly options: RuntimeServiceOptions) {}

  async status(): Promise<RuntimeStatus> {
    return this.state;
  }

  /** The port while running (for the Try-it service). */
  runningPort(): number | undefined {
    return this.state.state === 'running' ? this.state.port : undefined;
  }

  async recentLog(): Promise<LogEntry[]> {
    return this.log;
  }

  async problems(): Promise<Problem[]> {
    return [...this.problemsByFile.values()].flat();
  }

  async items(): Promise<RuntimeItem[]> {
    return this.runtimeItems;
  }

  runNow(artifact: string): Promise<void> {
    return this.request({ op: 'runNow', artifact });
  }

  dropFile(artifact: string, name: string, content: string): Promise<void> {
    return this.request({ op: 'dropFile', artifact, name, content: Buffer.from(content, 'utf8').toString('base64') });
  }

  sendMail(artifact: string, mail: TestMailInput): Promise<void> {
    return this.request({ op: 'sendMail', artifact, subject: mail.subject, text: mail.text, from: mail.from });
  }

  sendSocket(request: SocketTryItRequest): Promise<SocketTryItReply> {
    if (this.state.state !== 'running') return notRunning();
    return sendSocketTryIt({ items: () => this.runtimeItems, log: () => this.log }, request);
  }

  publishBroker(request: BrokerTryItRequest): Promise<BrokerTryItReply> {
    if (this.state.state !== 'running') return notRunning();
    return publishBrokerTryIt(() => this.log, request);
  }

  /** One request to the child over its IPC channel (engine/node/runtime-control.ts); rejects with the child's reason. */
  private request(body: Record<string, unknown>): Promise<void> {
    const child = this.child;
    if (!child || this.state.state !== 'running' || !child.connected) return notRunning();
    const id = ++this.requestSeq;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ type: 'mediate.request', id, ...body });
    });
  }

  private messagingSeq = 0;
  private readonly messagingPending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** A request about message stores/processors to the child (engine/node/stores/messaging-control.ts); resolves with its JSON answer. */
  messagingRequest(op: string, args: unknown[]): Promise<unknown> {
    const child = this.child;
    if (!child || this.state.state !== 'running' || !child.connected) return notRunning();
    const id = ++this.messagingSeq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.messagingPending.delete(id);
        reject(Object.assign(new Error('the runtime did not answer'), { code: 'REQUEST_FAILED' }));
      }, 10000);
      this.messagingPending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      child.send({ type: 'mediate.messaging', id, op, args });
    });
  }

  private onMessagingReply(m: unknown): void {
    const msg = m as { type?: string; id?: number; result?: unknown; error?: string };
    if (msg?.type !== 'mediate.messaging.reply' || typeof msg.id !== 'number') return;
    const p = this.messagingPending.get(msg.id);
    this.messagingPending.delete(msg.id);
    if (msg.error !== undefined) p?.reject(Object.assign(new Error(msg.error), { code: 'REQUEST_FAILED' }));
    else p?.resolve(msg.result);
  }

  private onChildMessage(m: unknown): void {
    const msg = m as { type?: string; items?: RuntimeItem[]; id?: number; error?: string };
    if (msg?.type === 'mediate.items' && Array.isArray(msg.items)) {
      this.runtimeItems = msg.items;
      this.options.emit('runtime.items', this.runtimeItems);
    } else if (msg?.type === 'mediate.reply' && typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(Object.assign(new Error(msg.error), { code: 'REQUEST_FAILED' }));
      else p?.resolve();
    }
  }

  start(): Promise<RuntimeStatus> {
    if (this.state.state === 'running') return Promise.resolve(this.state);
    if (this.starting) return this.starting;
    this.starting = this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /**
   * Host side (the debug service): starts with `--debug` on free command/event
   * ports (restarting a run without it) and resolves with those ports.
   */
  async startDebug(): Promise<{ status: RuntimeStatus; ports: { command: number; event: number } }> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (this.state.state === 'running' && !this.debugMode) await this.stop();
    if (this.state.state !== 'running') {
      this.debugMode = true; // reset when the child exits
      await this.start();
    }
    if (!this.debugPortsSeen) throw Object.assign(new Error('the runtime did not open its debugger ports'), { code: 'START_FAILED' });
    return { status: this.state, ports: this.debugPortsSeen };
  }

  /** The debugger ports of the running runtime, when it runs in debug mode. */
  debugPorts(): { command: number; event: number } | undefined {
    return this.state.state === 'running' ? this.debugPortsSeen : undefined;
  }

  /** Host side: called when a stop begins (the debugger lets paused messages go, so the runtime can finish them). */
  onBeforeStop(listener: () => void): void {
    this.stopListeners.push(listener);
  }

  async stop(): Promise<RuntimeStatus> {
    for (const listener of this.stopListeners) listener();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.setStatus({ state: 'stopped' });
      return this.state;
    }
    this.setStatus({ state: 'stopping', port: this.state.port });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    return this.state;
  }

  /** Host shutdown: stop the child without waiting long. */
  async dispose(): Promise<void> {
    await this.stop();
  }

  private async launch(): Promise<RuntimeStatus> {
    const root = this.options.projectRoot();
    if (!root) throw Object.assign(new Error('no project is open'), { code: 'NO_PROJECT' });
    const preferred = this.options.port ?? 8290;
    let port = preferred;
    if (port !== 0 && !(await isPortFree(port))) {
      this.addLog('warn', `Port ${port} is in use; the runtime takes a free port instead`, 'Studio');
      port = 0;
    }
    this.problemsByFile.clear();
    this.options.emit('runtime.problems', []);
    this.setStatus({ state: 'starting' });
    const cli = this.options.cliEntry ?? findCliEntry();
    this.addLog('info', `Starting the runtime on ${root}`, 'Studio');
    this.debugPortsSeen = undefined;
    const debugArgs = this.debugMode ? ['--debug', '--command-port', '0', '--event-port', '0'] : [];
    const child = spawn(process.execPath, [cli, 'run', root, '--watch', '--port', String(port), '--log-format', 'json', ...debugArgs], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: process.env });
    this.child = child;
    child.on('message', (m) => this.onChildMessage(m));
    child.on('message', (m) => this.onMessagingReply(m));
    const stderrTail: string[] = [];

    return new Promise<RuntimeStatus>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(`the runtime did not start within ${(this.options.startTimeoutMs ?? 30000) / 1000} s`), this.options.startTimeoutMs ?? 30000);
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(Object.assign(new Error(reason), { code: 'START_FAILED' }));
      };
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const debugPorts = /Listen on ports : Command (\d+) - Event (\d+)/.exec(line);
        if (debugPorts) this.debugPortsSeen = { command: Number(debugPorts[1]), event: Number(debugPorts[2]) };
        const readyPort = parseReadyLine(line);
        if (readyPort !== undefined) {
          this.addLog('info', line, 'Studio');
          this.setStatus({ state: 'running', port: readyPort });
          if (!settled) {
            settled = true;
            clearTimeout(timer);
            resolve(this.state);
          }
          return;
        }
        const record = parseJsonLogLine(line);
        if (!record) {
          if (line.trim()) this.addLog('info', line);
          return;
        }
        this.onRecord(record.level, record.message, record.component, record.artifact, record.time);
      });
      createInterface({ input: child.stderr! }).on('line', (line) => {
        if (!line.trim()) return;
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
        const problem = parseDiagnostic(line);
        if (problem) this.addProblem(problem);
        this.addLog(problem?.severity === 'warning' ? 'warn' : 'error', line, 'Runtime');
      });
      child.once('error', (e) => fail(`could not start the runtime: ${e.message}`));
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = undefined;
        this.debugMode = false;
        this.runtimeItems = [];
        this.options.emit('runtime.items', []);
        for (const p of this.pending.values()) p.reject(Object.assign(new Error('the runtime stopped'), { code: 'NOT_RUNNING' }));
        this.pending.clear();
        const byRequest = this.state.state === 'stopping';
        const reason = byRequest ? undefined : `the runtime exited (${signal ?? `code ${code}`})${stderrTail.length ? ': ' + stderrTail.at(-1) : ''}`;
        this.addLog(byRequest ? 'info' : 'error', byRequest ? 'Runtime stopped' : reason!, 'Studio');
        this.setStatus({ state: 'stopped', exitReason: reason });
        fail(reason ?? 'the runtime was stopped while starting');
      });
    });
  }

  private onRecord(level: LogLevel, message: string, component?: string, artifact?: string, time?: string): void {
    const deployed = parseDeployedFile(message);
    if (deployed) this.clearProblems(deployed);
    if (component === 'DeploymentEngine') {
      const problem = parseDiagnostic(message);
      if (problem) this.addProblem(problem);
    }
    this.addLog(level, message, component, artifact, time);
  }

  private addProblem(problem: Problem): void {
    const root = this.options.projectRoot();
    const file = root && path.isAbsolute(problem.file) && problem.file.startsWith(root + path.sep) ? path.relative(root, problem.file).split(path.sep).join('/') : problem.file;
    const list = this.problemsByFile.get(problem.file) ?? [];
    if (list.some((p) => p.line === problem.line && p.column === problem.column && p.message === problem.message)) return;
    list.push({ ...problem, file });
    this.problemsByFile.set(problem.file, list);
    this.options.emit('runtime.problems', [...this.problemsByFile.values()].flat());
  }

  private clearProblems(absoluteFile: string): void {
    if (this.problemsByFile.delete(absoluteFile)) this.options.emit('runtime.problems', [...this.problemsByFile.values()].flat());
  }

  private addLog(level: LogLevel, message: string, component?: string, artifact?: string, time?: string): void {
    const entry: LogEntry = { seq: ++this.seq, time: time ?? new Date().toISOString(), level, message, component, artifact };
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.options.emit('runtime.log', entry);
  }

  private setStatus(status: RuntimeStatus): void {
    this.state = status;
    this.options.emit('runtime.status', status);
  }
}

/** bin/mediate.js of this package, found by walking up from this module (works from src/ and dist/src/). */
export function findCliEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'bin', 'mediate.js');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find bin/mediate.js');
    dir = parent;
  }
}

function notRunning(): Promise<never> {
  return Promise.reject(Object.assign(new Error('the runtime is not running'), { code: 'NOT_RUNNING' }));
}
