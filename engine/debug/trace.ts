/**
 * Per-message trace for the canvas overlay: each step's path, input and
 * output payload (bounded), property changes and duration (time spent paused
 * in the debugger is not counted). Kept for the last N messages.
 */
import type { MessageContext } from '../core/context.js';
import type { Step, StepLocation, StepOutcome } from '../core/step.js';
import { serializeXml } from '../xml/dom.js';
import { serializeJson } from '../xml/json-xml.js';
import { jsonValue } from './inspect.js';

export interface PayloadSnapshot {
  /** `unbuilt` when the body was still a stream (pass-through): not read, so not shown. */
  kind: 'empty' | 'json' | 'xml' | 'text' | 'binary' | 'unbuilt';
  text: string;
  truncated: boolean;
}

export interface PropertyChange {
  scope: 'default' | 'axis2' | 'axis2-client' | 'transport' | 'operation' | 'variable';
  name: string;
  /** Absent when the property did not exist before (added). */
  before?: string;
  /** Absent when the step removed it. */
  after?: string;
}

export interface TraceStep {
  path: string;
  kind: string;
  loc: StepLocation;
  /** Nesting depth of the running step list (1 = top level of the flow). */
  depth: number;
  startedAt: number;
  durationMs: number;
  outcome: StepOutcome | 'fault' | 'skipped' | 'running';
  input: PayloadSnapshot;
  output?: PayloadSnapshot;
  propertyChanges: PropertyChange[];
  error?: string;
}

export interface MessageTrace {
  messageId: string;
  /** `api:Name`, `proxy:Name` ... */
  artifact?: string;
  method: string;
  url: string;
  startedAt: number;
  endedAt?: number;
  steps: TraceStep[];
}

type Snapshot = Map<string, string>;

interface Open {
  record: TraceStep;
  before: Snapshot;
  pausedAtStart: number;
  started: number;
}

export class TraceRecorder {
  private readonly traces: MessageTrace[] = [];
  private readonly byContext = new WeakMap<MessageContext, MessageTrace>();
  private readonly open = new WeakMap<MessageContext, Open[]>();
  private readonly pausedMs = new WeakMap<MessageContext, number>();

  constructor(
    private readonly limit: number,
    private readonly payloadLimit: number,
    private readonly now: () => number,
  ) {}

  list(): MessageTrace[] {
    return [...this.traces];
  }

  get(messageId: string): MessageTrace | undefined {
    return this.traces.find((t) => t.messageId === messageId);
  }

  addPausedTime(ctx: MessageContext, ms: number): void {
    this.pausedMs.set(ctx, (this.pausedMs.get(ctx) ?? 0) + ms);
  }

  /** A flow of this message begins (a response flow of the same message continues its trace). */
  begin(ctx: MessageContext): void {
    if (this.byContext.has(ctx)) return;
    const trace: MessageTrace = { messageId: ctx.messageId, artifact: ctx.flow?.artifact, method: ctx.inbound.method, url: ctx.inbound.url, startedAt: this.now(), steps: [] };
    this.byContext.set(ctx, trace);
    this.traces.push(trace);
    while (this.traces.length > this.limit) this.traces.shift();
  }

  end(ctx: MessageContext): void {
    const t = this.byContext.get(ctx);
    if (t) t.endedAt = this.now();
  }

  stepStarted(step: Step, ctx: MessageContext, depth: number, skipped: boolean): void {
    this.unwind(ctx, depth, 'fault');
    const trace = this.byContext.get(ctx);
    if (!trace) return;
    const record: TraceStep = { path: step.path, kind: step.kind, loc: step.loc, depth, startedAt: this.now(), durationMs: 0, outcome: skipped ? 'skipped' : 'running', input: this.payload(ctx), propertyChanges: [] };
    trace.steps.push(record);
    if (skipped) {
      record.output = record.input;
      return;
    }
    const stack = this.open.get(ctx) ?? [];
    stack.push({ record, before: snapshot(ctx), pausedAtStart: this.pausedMs.get(ctx) ?? 0, started: this.now() });
    this.open.set(ctx, stack);
  }

  stepEnded(step: Step, ctx: MessageContext, outcome: StepOutcome): void {
    const stack = this.open.get(ctx);
    const top = stack?.[stack.length - 1];
    if (!stack || !top || top.record.path !== step.path) return;
    stack.pop();
    this.close(ctx, top, outcome);
  }

  /** Steps deeper than `depth` that never ended were unwound by a fault. */
  unwind(ctx: MessageContext, depth: number, outcome: 'fault', error?: string): void {
    const stack = this.open.get(ctx);
    while (stack && stack.length && stack[stack.length - 1]!.record.depth >= depth) {
      const o = stack.pop()!;
      this.close(ctx, o, outcome);
      if (error && !o.record.error) o.record.error = error;
    }
  }

  private close(ctx: MessageContext, o: Open, outcome: TraceStep['outcome']): void {
    const paused = (this.pausedMs.get(ctx) ?? 0) - o.pausedAtStart;
    o.record.durationMs = Math.max(0, this.now() - o.started - paused);
    o.record.outcome = outcome;
    o.record.output = this.payload(ctx);
    o.record.propertyChanges = diff(o.before, snapshot(ctx));
  }

  private payload(ctx: MessageContext): PayloadSnapshot {
    const m = ctx.message;
    if (!m.isBuilt) return { kind: 'unbuilt', text: '', truncated: false };
    let text: string;
    try {
      switch (m.payloadKind) {
        case 'json':
          text = serializeJson(m.json());
          break;
        case 'xml': {
          const first = m.arrivedAsSoap ? m.envelope().documentElement : m.bodyElement();
          text = first ? serializeXml(first) : '';
          break;
        }
        case 'text':
          text = m.text();
          break;
        case 'binary':
          text = '(binary payload)';
          break;
        default:
          text = '';
      }
    } catch (e) {
      text = `(unreadable payload: ${e instanceof Error ? e.message : String(e)})`;
    }
    const truncated = text.length > this.payloadLimit;
    return { kind: m.payloadKind, text: truncated ? text.slice(0, this.payloadLimit) : text, truncated };
  }
}

const VALUE_LIMIT = 2000;

function text(v: unknown): string {
  const j = jsonValue(v);
  const s = typeof j === 'string' ? j : JSON.stringify(j);
  return s.length > VALUE_LIMIT ? `${s.slice(0, VALUE_LIMIT)}…` : s;
}

function snapshot(ctx: MessageContext): Snapshot {
  const s: Snapshot = new Map();
  for (const [k, v] of ctx.properties) s.set(`default\u0000${k}`, text(v));
  for (const [k, v] of ctx.axis2) s.set(`axis2\u0000${k}`, text(v));
  for (const [k, v] of ctx.axis2Client) s.set(`axis2-client\u0000${k}`, text(v));
  for (const [k, v] of ctx.transportHeaders.entries()) s.set(`transport\u0000${k}`, v);
  for (const [k, v] of ctx.operation) s.set(`operation\u0000${k}`, text(v));
  for (const [k, v] of ctx.variables) s.set(`variable\u0000${k}`, text(v));
  return s;
}

function diff(before: Snapshot, after: Snapshot): PropertyChange[] {
  const out: PropertyChange[] = [];
  const split = (key: string) => {
    const i = key.indexOf('\u0000');
    return { scope: key.slice(0, i) as PropertyChange['scope'], name: key.slice(i + 1) };
  };
  for (const [k, v] of after) {
    const b = before.get(k);
    if (b !== v) out.push({ ...split(k), ...(b !== undefined ? { before: b } : {}), after: v });
  }
  for (const [k, b] of before) if (!after.has(k)) out.push({ ...split(k), before: b });
  return out;
}
