/**
 * The mediation debugger (issue 8), as flow hooks (DESIGN §5): breakpoints
 * and skip points at MI mediator positions, conditional breakpoints, break on
 * fault, stepping, inspection and change of paused messages, and a trace of
 * the last N messages. A paused message awaits inside beforeStep; every other
 * message keeps flowing (no global lock, unlike MI).
 *
 * Transport-neutral: engine/node/debug speaks MI's TCP protocol on top of it;
 * the studio may call it directly.
 */
import type { MessageContext } from '../core/context.js';
import type { FlowHooks, Step, StepOutcome } from '../core/step.js';
import type { CompiledExpression, NamespaceMap } from '../expr/types.js';
import { compileExpression } from '../expr/compile.js';
import { remainingSteps } from '../runtime/flow.js';
import { resolveAddress, Reasons, type DebugConfigView, type JsonObject } from './addresses.js';
import { pointOfStepPath, positionText, type FlowPoint } from './positions.js';
import { TraceRecorder, type MessageTrace } from './trace.js';
import { eventPointOf } from './event-point.js';
import { engineConfigView, emptyConfigView } from './config-view.js';
import type { Engine } from '../runtime/engine.js';

export type PointKind = 'breakpoint' | 'skip';
export type ResumeMode = 'continue' | 'over' | 'into' | 'out';
export type PauseReason = 'breakpoint' | 'step' | 'fault';

/** What happened, for the event port and the studio. `point` is MI's component object (`{sequence: {...}}` or `{template: {...}}`). */
export type DebugEvent =
  | { event: 'started'; messageId: string }
  | { event: 'breakpoint'; messageId: string; stepPath: string; reason: PauseReason; component: 'sequence' | 'template'; point: JsonObject }
  | { event: 'skip'; messageId: string; stepPath: string; component: 'sequence' | 'template'; point: JsonObject }
  | { event: 'resumed'; messageId: string }
  | { event: 'terminated'; messageId: string }
  | { event: 'configuration-updated' };

export interface PausedMessage {
  messageId: string;
  stepPath: string;
  stepKind: string;
  loc: Step['loc'];
  reason: PauseReason;
  component: 'sequence' | 'template';
  point: JsonObject;
  /** `api:Name`, `proxy:Name` ... */
  artifact?: string;
  since: number;
  /** The fault that paused it (break on fault). */
  error?: string;
}

export interface BreakpointInfo {
  kind: PointKind;
  flow: string;
  position: string;
  condition?: string;
}

export interface DebuggerOptions {
  /** The deployed configuration; or call `useEngine` once the engine exists (it takes the debugger as a hook first). */
  config?: DebugConfigView;
  /** How many finished messages keep their trace (default 50). */
  traceLimit?: number;
  /** Characters kept of each payload snapshot (default 16384). */
  payloadLimit?: number;
  now?: () => number;
}

export type CommandResult = { ok: true } | { ok: false; reason: string };

interface Registration {
  condition?: { source: string; expression: CompiledExpression };
}

interface Paused {
  info: PausedMessage;
  ctx: MessageContext;
  release(mode: ResumeMode): void;
}

export class Debugger implements FlowHooks {
  private config: DebugConfigView;
  private readonly points: Record<PointKind, Map<string, Registration>> = { breakpoint: new Map(), skip: new Map() };
  private readonly paused = new Map<string, Paused>();
  private readonly stepping = new WeakMap<MessageContext, { mode: Exclude<ResumeMode, 'continue'>; depth: number }>();
  private readonly active = new WeakSet<MessageContext>();
  private readonly listeners = new Set<(e: DebugEvent) => void>();
  private readonly recorder: TraceRecorder;
  private readonly now: () => number;
  private readonly pointCache = new Map<string, string | null>();
  /** Pause every message at the step that faults, before its fault sequence runs. */
  breakOnFault = false;

  constructor(options: DebuggerOptions = {}) {
    this.config = options.config ?? emptyConfigView;
    this.now = options.now ?? Date.now;
    this.recorder = new TraceRecorder(options.traceLimit ?? 50, options.payloadLimit ?? 16384, this.now);
  }

  /** Binds the debugger to the engine whose configuration points are resolved against. */
  useEngine(engine: Engine): this {
    this.config = engineConfigView(engine);
    return this;
  }

  // ---- events ----

  onEvent(listener: (e: DebugEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: DebugEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** The host redeployed artifacts (MI's `configuration updated`). Breakpoints are kept: they are addressed by position, not by mediator object. */
  configurationUpdated(): void {
    this.pointCache.clear();
    this.emit({ event: 'configuration-updated' });
  }

  // ---- breakpoints and skip points ----

  /** MI's `set breakpoint|skip`: `component` is `mediation-component`, `body` the object under that key. */
  setPoint(kind: PointKind, component: unknown, body: unknown, options: { condition?: string; namespaces?: NamespaceMap } = {}): CommandResult {
    const r = resolveAddress(this.config, component, body);
    if (!r.ok) return r;
    let condition: Registration['condition'];
    if (options.condition !== undefined && options.condition.trim() !== '') {
      try {
        condition = { source: options.condition, expression: compileExpression(options.condition, options.namespaces ?? {}) };
      } catch (e) {
        return { ok: false, reason: `invalid condition: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    const keys = r.address.points.map(pointKey);
    const table = this.points[kind];
    // A condition on an existing breakpoint replaces it (our extension); otherwise MI refuses a second set.
    if (!condition && keys.every((k) => table.has(k))) return { ok: false, reason: kind === 'breakpoint' ? Reasons.alreadyBreakpointEnabled : Reasons.alreadySkipEnabled };
    for (const k of keys) table.set(k, { condition });
    return { ok: true };
  }

  clearPoint(kind: PointKind, component: unknown, body: unknown): CommandResult {
    const r = resolveAddress(this.config, component, body);
    if (!r.ok) return r;
    const keys = r.address.points.map(pointKey);
    const table = this.points[kind];
    if (!keys.some((k) => table.has(k))) return { ok: false, reason: kind === 'breakpoint' ? Reasons.alreadyBreakpointDisabled : Reasons.alreadySkipDisabled };
    for (const k of keys) table.delete(k);
    return { ok: true };
  }

  /** Sets a point by our step path (what the studio's canvas and source lines map to). */
  setPointAtStep(kind: PointKind, stepPath: string, options: { condition?: string; namespaces?: NamespaceMap } = {}): CommandResult {
    const point = pointOfStepPath(stepPath);
    if (!point) return { ok: false, reason: Reasons.nonExistingPosition };
    let condition: Registration['condition'];
    if (options.condition !== undefined && options.condition.trim() !== '') {
      try {
        condition = { source: options.condition, expression: compileExpression(options.condition, options.namespaces ?? {}) };
      } catch (e) {
        return { ok: false, reason: `invalid condition: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    this.points[kind].set(pointKey(point), { condition });
    return { ok: true };
  }

  clearPointAtStep(kind: PointKind, stepPath: string): CommandResult {
    const point = pointOfStepPath(stepPath);
    if (!point || !this.points[kind].delete(pointKey(point))) return { ok: false, reason: kind === 'breakpoint' ? Reasons.alreadyBreakpointDisabled : Reasons.alreadySkipDisabled };
    return { ok: true };
  }

  /** Every breakpoint and skip point. */
  listPoints(): BreakpointInfo[] {
    const out: BreakpointInfo[] = [];
    for (const kind of ['breakpoint', 'skip'] as const) {
      for (const [key, reg] of this.points[kind]) {
        const [flow, position] = key.split('#') as [string, string];
        out.push({ kind, flow, position, ...(reg.condition ? { condition: reg.condition.source } : {}) });
      }
    }
    return out;
  }

  clearAllPoints(): void {
    this.points.breakpoint.clear();
    this.points.skip.clear();
  }

  // ---- paused messages ----

  pausedMessages(): PausedMessage[] {
    return [...this.paused.values()].map((p) => p.info);
  }

  /** The paused message a command without `message-id` means: the one paused most recently. */
  currentMessageId(): string | undefined {
    return [...this.paused.keys()].pop();
  }

  /** The live context of a paused message, for inspection and change; undefined when it is not paused. */
  pausedContext(messageId?: string): MessageContext | undefined {
    const id = messageId ?? this.currentMessageId();
    return id === undefined ? undefined : this.paused.get(id)?.ctx;
  }

  /** Resumes a paused message (default: the current one). `over` pauses at the next step of the same list or an enclosing one (never inside a call's wait: a call is one step), `into` at the very next step (inside a sequence or template), `out` at the next step of an enclosing list. */
  resume(messageId?: string, mode: ResumeMode = 'continue'): boolean {
    const id = messageId ?? this.currentMessageId();
    const p = id === undefined ? undefined : this.paused.get(id);
    if (!p) return false;
    p.release(mode);
    return true;
  }

  /** Lets every paused message go on and forgets stepping (a client detached). */
  resumeAll(): void {
    for (const p of [...this.paused.values()]) p.release('continue');
  }

  // ---- traces ----

  traces(): MessageTrace[] {
    return this.recorder.list();
  }

  trace(messageId: string): MessageTrace | undefined {
    return this.recorder.get(messageId);
  }

  // ---- hooks ----

  async beforeStep(step: Step, ctx: MessageContext): Promise<void | 'skip'> {
    if (!this.active.has(ctx)) {
      this.active.add(ctx);
      this.recorder.begin(ctx);
      this.emit({ event: 'started', messageId: ctx.messageId });
    }
    const depth = remainingSteps(ctx).length;
    const key = this.keyOf(step.path);
    if (key !== undefined && this.points.skip.has(key)) {
      this.recorder.stepStarted(step, ctx, depth, true);
      const ep = eventPointOf(this.config, step.path, ctx.inbound.method);
      if (ep) this.emit({ event: 'skip', messageId: ctx.messageId, stepPath: step.path, ...ep });
      return 'skip';
    }
    const reason = await this.pauseReason(step, ctx, key, depth);
    if (reason) await this.pause(step, ctx, reason);
    this.recorder.stepStarted(step, ctx, depth, false);
  }

  afterStep(step: Step, ctx: MessageContext, outcome: StepOutcome): void {
    this.recorder.stepEnded(step, ctx, outcome);
    const frames = remainingSteps(ctx);
    // The outermost list ends here: this mediation flow is over (MI's `terminated`; a later response flow starts again).
    if (frames.length <= 1 && (outcome === 'halt' || (frames[0]?.length ?? 0) === 0)) this.terminate(ctx);
  }

  async onFault(step: Step | undefined, ctx: MessageContext, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.recorder.unwind(ctx, remainingSteps(ctx).length + 1, 'fault', message);
    if (!this.breakOnFault || !step) return;
    if (!this.active.has(ctx)) {
      this.active.add(ctx);
      this.recorder.begin(ctx);
    }
    await this.pause(step, ctx, 'fault', message);
  }

  private terminate(ctx: MessageContext): void {
    if (!this.active.has(ctx)) return;
    this.active.delete(ctx);
    this.stepping.delete(ctx);
    this.recorder.end(ctx);
    this.emit({ event: 'terminated', messageId: ctx.messageId });
  }

  private keyOf(stepPath: string): string | undefined {
    let k = this.pointCache.get(stepPath);
    if (k === undefined) {
      const p = pointOfStepPath(stepPath);
      k = p ? pointKey(p) : null;
      this.pointCache.set(stepPath, k);
    }
    return k ?? undefined;
  }

  private async pauseReason(step: Step, ctx: MessageContext, key: string | undefined, depth: number): Promise<PauseReason | undefined> {
    const s = this.stepping.get(ctx);
    if (s && (s.mode === 'into' || (s.mode === 'over' && depth <= s.depth) || (s.mode === 'out' && depth < s.depth))) return 'step';
    const reg = key === undefined ? undefined : this.points.breakpoint.get(key);
    if (!reg) return undefined;
    if (!reg.condition) return 'breakpoint';
    try {
      if (reg.condition.expression.readsPayload && !ctx.message.isBuilt) await ctx.message.build();
      return reg.condition.expression.evaluateBoolean(ctx) ? 'breakpoint' : undefined;
    } catch {
      return undefined; // a condition that cannot be evaluated on this message does not stop it
    }
  }

  private pause(step: Step, ctx: MessageContext, reason: PauseReason, error?: string): Promise<void> {
    const depth = remainingSteps(ctx).length;
    const ep = eventPointOf(this.config, step.path, ctx.inbound.method) ?? { component: 'sequence' as const, point: {} };
    const started = this.now();
    return new Promise<void>((resolve) => {
      const info: PausedMessage = { messageId: ctx.messageId, stepPath: step.path, stepKind: step.kind, loc: step.loc, reason, ...ep, artifact: ctx.flow?.artifact, since: started, ...(error ? { error } : {}) };
      const release = (mode: ResumeMode) => {
        if (!this.paused.delete(ctx.messageId)) return;
        if (mode === 'continue') this.stepping.delete(ctx);
        else this.stepping.set(ctx, { mode, depth });
        this.recorder.addPausedTime(ctx, this.now() - started);
        this.emit({ event: 'resumed', messageId: ctx.messageId });
        resolve();
      };
      this.paused.set(ctx.messageId, { info, ctx, release });
      this.emit({ event: 'breakpoint', messageId: ctx.messageId, stepPath: step.path, reason, ...ep });
    });
  }
}

function pointKey(p: FlowPoint): string {
  return `${p.flow}#${positionText(p.position)}`;
}
