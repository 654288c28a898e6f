/**
 * The debug service: runs the project's runtime with MI's debugger ports
 * open, talks MI's mediation debug protocol (plus Mediate's extensions) to it
 * over TCP, keeps the project's breakpoints by step path in
 * `.mediate/breakpoints.json`, and pushes `debug.state` to the renderer on
 * every pause, resume, end of a message and breakpoint change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BreakpointEntry, DebugService, DebugState, DebugTrace, EventSink, PausedMessageDetails, PausedMessageInfo, PropertyScope, ResumeMode, SourcePoint } from '../../contract/index.js';
import type { ChildProcessRuntimeService } from '../runtime/runtime-service.js';
import { DebugConnection, DebugProtocolError, type Json } from './debug-connection.js';
import { readMessageDetails } from './message-details.js';
import { readBreakpoints, writeBreakpoints, type StoredBreakpoints } from './breakpoint-file.js';
import { resolveInProject } from '../workspace/project-paths.js';
import { analyseFile, componentOfStepPath, pointAtLine, ProjectSourceMap, stepPathOfEvent, type FileAnalysis } from './source-map.js';

export interface DebugServiceOptions {
  emit: EventSink;
  projectRoot: () => string | undefined;
  runtime: ChildProcessRuntimeService;
}

/** MI has one paused message at a time and no ids: this stands for it. */
export const MI_PAUSED_MESSAGE = 'mi:paused';

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}


export class NodeDebugService implements DebugService {
  private connection: DebugConnection | undefined;
  private ports: { command: number; event: number } | undefined;
  private stored: StoredBreakpoints = { breakOnFault: false, breakpoints: [] };
  private storedFor: string | undefined;
  /** Runtime refusals of breakpoints, by step path, while debugging. */
  private refused = new Map<string, string>();
  private paused: PausedMessageInfo[] = [];
  /** The state last pushed to the renderer. */
  private lastPublished: DebugState | undefined;
  /** Set while attached to a runtime the studio did not start. */
  private remote: { host: string; protocol: 'mediate' | 'mi' } | undefined;
  private sources: ProjectSourceMap | undefined;

  constructor(private readonly options: DebugServiceOptions) {
    // Closing the connection makes the runtime resume every paused message, so a stop is not held up by them.
    options.runtime.onBeforeStop(() => {
      if (!this.remote) this.connection?.close();
    });
  }

  async state(): Promise<DebugState> {
    await this.loadStored();
    const files = await this.projectAnalysis();
    const where = new Map<string, SourcePoint>();
    for (const a of files.values()) for (const p of a.points) where.set(p.stepPath, p);
    const breakpoints: BreakpointEntry[] = this.stored.breakpoints.map((b) => {
      const at = where.get(b.stepPath);
      const entry: BreakpointEntry = { stepPath: b.stepPath };
      if (b.condition) entry.condition = b.condition;
      if (at) Object.assign(entry, { file: at.file, line: at.line });
      const error = this.refused.get(b.stepPath);
      if (error) entry.error = error;
      return entry;
    });
    const paused = this.paused.map((p) => {
      const at = where.get(p.stepPath);
      return at && !p.file ? { ...p, file: at.file, line: at.line } : p;
    });
    const active = !!this.connection?.isOpen;
    const state: DebugState = { active, commandPort: active ? this.ports?.command : undefined, eventPort: active ? this.ports?.event : undefined, breakOnFault: this.stored.breakOnFault, breakpoints, paused };
    if (active && this.remote) state.remote = { ...this.remote };
    return state;
  }

  async start(): Promise<DebugState> {
    if (!this.options.projectRoot()) throw coded('NO_PROJECT', 'no project is open');
    await this.loadStored();
    if (this.remote) await this.detach();
    const { ports } = await this.options.runtime.startDebug();
    if (!this.connection?.isOpen || this.ports?.command !== ports.command) await this.connect('127.0.0.1', ports);
    return this.publish('started');
  }

  async stop(): Promise<DebugState> {
    if (this.remote) return this.detach();
    this.connection?.close(); // the runtime resumes every paused message when its last client leaves
    this.connection = undefined;
    this.paused = [];
    await this.options.runtime.stop();
    return this.publish('stopped');
  }

  async attach(host: string, commandPort: number, eventPort: number): Promise<DebugState> {
    const ports = { command: Number(commandPort), event: Number(eventPort) };
    if (!host || !Number.isInteger(ports.command) || !Number.isInteger(ports.event) || ports.command <= 0 || ports.event <= 0) throw coded('INVALID', 'attach needs a host, a command port and an event port');
    await this.loadStored();
    this.connection?.close();
    this.remote = { host, protocol: 'mediate' };
    try {
      await this.connect(host, ports);
    } catch (e) {
      this.remote = undefined;
      throw coded('ATTACH_FAILED', `cannot attach to ${host}:${ports.command}/${ports.event}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.publish('started');
  }

  async detach(): Promise<DebugState> {
    this.connection?.close(); // a runtime resumes its paused messages when its client leaves
    this.connection = undefined;
    this.remote = undefined;
    this.paused = [];
    return this.publish('stopped');
  }

  /** Opens the connection, turns on Mediate's event details (an MI server refuses them: plain MI mode), and applies the breakpoints. */
  private async connect(host: string, ports: { command: number; event: number }): Promise<void> {
    this.connection?.close();
    this.ports = ports;
    this.paused = [];
    const connection = await DebugConnection.open(
      ports,
      (e) => void this.onEvent(e),
      () => {
        if (this.connection !== connection) return;
        this.connection = undefined;
        this.remote = undefined;
        this.paused = [];
        void this.publish('stopped');
      },
      host,
    );
    this.connection = connection;
    try {
      await connection.expectSuccess({ command: 'set', 'command-argument': 'event-details' });
    } catch {
      if (!this.remote) throw coded('DEBUG_FAILED', 'the runtime does not speak Mediate\'s debugger extensions');
      this.remote.protocol = 'mi';
    }
    await this.applyAll();
  }

  private get plainMi(): boolean {
    return this.remote?.protocol === 'mi';
  }

  /** The command with the message it acts on; MI has no message ids (it acts on its one paused message). */
  private forMessage(cmd: Json, messageId: string): Json {
    return this.plainMi ? cmd : { ...cmd, 'message-id': messageId };
  }

  async sourcePoints(file: string, text?: string): Promise<SourcePoint[]> {
    const root = this.requireRoot();
    const relative = this.relative(root, file);
    const content = text ?? (await readFile(path.join(root, relative), 'utf8'));
    return analyseFile(relative, content).points;
  }

  async setBreakpoint(stepPath: string, condition?: string): Promise<DebugState> {
    await this.loadStored();
    const cond = condition?.trim() || undefined;
    const list = this.stored.breakpoints.filter((b) => b.stepPath !== stepPath);
    list.push(cond ? { stepPath, condition: cond } : { stepPath });
    this.stored.breakpoints = list;
    await this.save();
    await this.applyOne(stepPath, cond, true);
    return this.publish('breakpoints');
  }

  async clearBreakpoint(stepPath: string): Promise<DebugState> {
    await this.loadStored();
    this.stored.breakpoints = this.stored.breakpoints.filter((b) => b.stepPath !== stepPath);
    this.refused.delete(stepPath);
    await this.save();
    if (this.connection?.isOpen) await this.sendPoint('clear', stepPath).catch(() => undefined);
    return this.publish('breakpoints');
  }

  async toggleBreakpointAtLine(file: string, line: number, text?: string): Promise<DebugState> {
    const point = pointAtLine(await this.sourcePoints(file, text), line);
    if (!point) return this.state();
    await this.loadStored();
    return this.stored.breakpoints.some((b) => b.stepPath === point.stepPath) ? this.clearBreakpoint(point.stepPath) : this.setBreakpoint(point.stepPath);
  }

  async setBreakOnFault(on: boolean): Promise<DebugState> {
    await this.loadStored();
    this.stored.breakOnFault = on;
    await this.save();
    if (this.connection?.isOpen) await this.connection.expectSuccess({ command: on ? 'set' : 'clear', 'command-argument': 'break-on-fault' });
    return this.publish('breakpoints');
  }

  async resume(messageId: string, mode: ResumeMode): Promise<DebugState> {
    const c = this.requireConnection();
    if (mode !== 'continue' && this.plainMi) throw coded('UNSUPPORTED', 'MI has no step command: set a breakpoint on the next mediator and continue');
    if (mode === 'continue') await c.expectSuccess(this.forMessage({ command: 'resume' }, messageId));
    else await c.expectSuccess({ command: 'step', 'command-argument': mode, 'message-id': messageId });
    if (this.plainMi) this.paused = [];
    await this.refreshPaused();
    return this.publish('resumed', messageId);
  }

  async details(messageId: string): Promise<PausedMessageDetails> {
    const c = this.requireConnection();
    return readMessageDetails((cmd) => c.query(this.forMessage(cmd, messageId)), messageId);
  }

  async setPayload(messageId: string, text: string): Promise<PausedMessageDetails> {
    await this.alter(this.forMessage({ command: 'set', 'command-argument': 'property', context: 'Envelope', property: { 'property-name': 'Envelope', 'property-value': text } }, messageId));
    return this.details(messageId);
  }

  async setProperty(messageId: string, scope: PropertyScope, name: string, value: string): Promise<PausedMessageDetails> {
    if (!name.trim()) throw coded('INVALID', 'a property needs a name');
    await this.alter(this.forMessage({ command: 'set', 'command-argument': 'property', context: scope, property: { 'property-name': name, 'property-value': value } }, messageId));
    return this.details(messageId);
  }

  async removeProperty(messageId: string, scope: PropertyScope, name: string): Promise<PausedMessageDetails> {
    await this.alter(this.forMessage({ command: 'clear', 'command-argument': 'property', context: scope, property: { 'property-name': name } }, messageId));
    return this.details(messageId);
  }

  async setVariable(messageId: string, name: string, value: string): Promise<PausedMessageDetails> {
    if (!name.trim()) throw coded('INVALID', 'a variable needs a name');
    await this.alter(this.forMessage({ command: 'set', 'command-argument': 'variable', variable: { 'variable-name': name, 'variable-value': value } }, messageId));
    return this.details(messageId);
  }

  async removeVariable(messageId: string, name: string): Promise<PausedMessageDetails> {
    await this.alter(this.forMessage({ command: 'clear', 'command-argument': 'variable', variable: { 'variable-name': name } }, messageId));
    return this.details(messageId);
  }

  async trace(messageId: string): Promise<DebugTrace | null> {
    if (this.plainMi) return null;
    const answer = await this.requireConnection().query({ command: 'get', 'command-argument': 'traces', 'message-id': messageId });
    return (answer.trace as DebugTrace | null) ?? null;
  }

  async traces(): Promise<DebugTrace[]> {
    if (this.plainMi) return [];
    const answer = await this.requireConnection().query({ command: 'get', 'command-argument': 'traces' });
    return (answer.traces as DebugTrace[]) ?? [];
  }

  /** Host shutdown. */
  async dispose(): Promise<void> {
    this.connection?.close();
    this.connection = undefined;
  }

  private async onEvent(e: Json): Promise<void> {
    const messageId = typeof e['message-id'] === 'string' ? e['message-id'] : undefined;
    if (this.plainMi && (e.event === 'breakpoint' || e.event === 'resumed client')) {
      this.paused = e.event === 'breakpoint' ? [await this.miPausedMessage(e)] : [];
      await this.publish(e.event === 'breakpoint' ? 'paused' : 'resumed', MI_PAUSED_MESSAGE);
      return;
    }
    switch (e.event) {
      case 'breakpoint':
        await this.refreshPaused();
        await this.publish('paused', messageId);
        break;
      case 'resumed client':
        await this.refreshPaused();
        await this.publish('resumed', messageId);
        break;
      case 'terminated':
        // Every finished message ends here: the state is unchanged, so the last one is sent again without rescanning the project.
        if (this.lastPublished && messageId) this.options.emit('debug.state', { state: this.lastPublished, cause: 'terminated', messageId });
        else await this.publish('terminated', messageId);
        break;
      case 'configuration updated':
        // Points the runtime refused before (a broken artifact) may be valid now.
        for (const stepPath of [...this.refused.keys()]) {
          const b = this.stored.breakpoints.find((x) => x.stepPath === stepPath);
          if (b) await this.applyOne(b.stepPath, b.condition, false);
        }
        await this.publish('breakpoints');
        break;
    }
  }

  /** MI's one paused message, placed by the component object its breakpoint event carries. */
  private async miPausedMessage(e: Json): Promise<PausedMessageInfo> {
    const files = await this.projectAnalysis();
    const stepPath = stepPathOfEvent(e, files) ?? JSON.stringify(e[String(e['mediation-component'])] ?? {});
    const at = [...files.values()].flatMap((a) => a.points).find((p) => p.stepPath === stepPath);
    const info: PausedMessageInfo = { messageId: MI_PAUSED_MESSAGE, stepPath, stepKind: at?.kind ?? 'mediator', reason: 'breakpoint', since: Date.now() };
    const artifact = /^(api|proxy|sequence|template):([^/]+)/.exec(stepPath);
    if (artifact) info.artifact = `${artifact[1]}:${artifact[2]}`;
    if (at) Object.assign(info, { file: at.file, line: at.line });
    return info;
  }

  private async refreshPaused(): Promise<void> {
    if (this.plainMi) return;
    const c = this.connection;
    if (!c?.isOpen) {
      this.paused = [];
      return;
    }
    const root = this.options.projectRoot();
    try {
      const answer = await c.query({ command: 'get', 'command-argument': 'paused-messages' });
      const list = (answer['paused-messages'] ?? []) as Json[];
      this.paused = list.map((p) => {
        const loc = (p.loc ?? {}) as { file?: string; line?: number };
        const info: PausedMessageInfo = { messageId: String(p.messageId), stepPath: String(p.stepPath), stepKind: String(p.stepKind), reason: String(p.reason), since: Number(p.since) };
        if (typeof p.artifact === 'string') info.artifact = p.artifact;
        if (typeof p.error === 'string') info.error = p.error;
        if (loc.file && root) info.file = this.relative(root, loc.file);
        if (typeof loc.line === 'number' && loc.line > 0 && info.file) info.line = loc.line;
        return info;
      });
    } catch {
      // The runtime went away; the close handler clears the list.
    }
  }

  private async alter(cmd: Json): Promise<void> {
    await this.requireConnection().expectSuccess(cmd);
  }

  /** Sends every stored breakpoint and break-on-fault to a freshly connected runtime. */
  private async applyAll(): Promise<void> {
    this.refused.clear();
    for (const b of this.stored.breakpoints) await this.applyOne(b.stepPath, b.condition, false);
    if (this.stored.breakOnFault) await this.connection?.expectSuccess({ command: 'set', 'command-argument': 'break-on-fault' }).catch(() => undefined);
  }

  /** Sets one breakpoint on the runtime (when connected); a refusal is kept to show, not thrown. */
  private async applyOne(stepPath: string, condition: string | undefined, replace: boolean): Promise<void> {
    if (!this.connection?.isOpen) return;
    if (replace) await this.sendPoint('clear', stepPath).catch(() => undefined);
    try {
      await this.sendPoint('set', stepPath, condition);
      this.refused.delete(stepPath);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      if (/already breakpoint enabled/.test(reason)) this.refused.delete(stepPath);
      else this.refused.set(stepPath, reason);
    }
  }

  private async sendPoint(command: 'set' | 'clear', stepPath: string, condition?: string): Promise<void> {
    const files = await this.projectAnalysis();
    const apiTree = (name: string) => [...files.values()].find((a) => a.kind === 'api' && a.name === name)?.tree;
    const component = componentOfStepPath(stepPath, apiTree);
    if (!component) throw new DebugProtocolError(`no mediator has the step path ${stepPath}`);
    await this.requireConnection().expectSuccess({ command, 'command-argument': 'breakpoint', ...component, ...(condition ? { condition } : {}) });
  }

  private async publish(cause: string, messageId?: string): Promise<DebugState> {
    const state = await this.state();
    this.lastPublished = state;
    this.options.emit('debug.state', messageId ? { state, cause, messageId } : { state, cause });
    return state;
  }

  private async loadStored(): Promise<void> {
    const root = this.options.projectRoot();
    if (root === this.storedFor) return;
    this.storedFor = root;
    this.refused.clear();
    this.sources = root ? new ProjectSourceMap(root) : undefined;
    this.stored = root ? await readBreakpoints(root) : { breakOnFault: false, breakpoints: [] };
  }

  private async save(): Promise<void> {
    await writeBreakpoints(this.requireRoot(), this.stored);
  }

  private async projectAnalysis(): Promise<Map<string, FileAnalysis>> {
    await this.loadStored();
    return this.sources ? this.sources.files() : new Map();
  }

  private requireRoot(): string {
    const root = this.options.projectRoot();
    if (!root) throw coded('NO_PROJECT', 'no project is open');
    return root;
  }

  private requireConnection(): DebugConnection {
    if (!this.connection?.isOpen) throw coded('NOT_DEBUGGING', 'the runtime is not running in debug mode; press Debug first');
    return this.connection;
  }

  /** Project-relative, `/`-separated; refuses paths outside the project. */
  private relative(root: string, file: string): string {
    const absolute = path.resolve(root, file);
    const rel = path.relative(root, absolute);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw coded('INVALID', `${file} is outside the project`);
    try {
      // Also refuses a symlink inside the project that leads out of it.
      resolveInProject(root, rel);
    } catch {
      throw coded('INVALID', `${file} is outside the project`);
    }
    return rel.split(path.sep).join('/');
  }
}
