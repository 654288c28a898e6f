/**
 * MI's mediation debug protocol (reference/debug-protocol.md A.3-A.6) over a
 * Debugger: one JSON command in, one JSON response out; events as MI writes
 * them. Our extensions (docs/debugging.md) are additional commands and an
 * optional `message-id` field; MI's own commands answer exactly as MI does.
 */
import type { Debugger, DebugEvent, ResumeMode } from '../../debug/index.js';
import { Reasons, propertiesOf, propertyOf, setPropertyOf, clearPropertyOf, variablesOf, jsonValue } from '../../debug/index.js';

type Json = Record<string, unknown>;

export const SUCCESS = { 'command-response': 'successful' } as const;
export const failed = (reason: string): Json => ({ 'command-response': 'failed', 'failed-reason': reason });

/** Per-connection protocol state. */
export interface ProtocolOptions {
  /** Events carry `message-id`, `step-path` and `reason` (set by the `event-details` extension command). */
  eventDetails: boolean;
}

/** MI's event line for a debugger event. */
export function eventJson(e: DebugEvent, details: boolean): Json {
  const extra = (x: Json) => (details ? x : {});
  switch (e.event) {
    case 'started':
      return { event: 'started', ...extra({ 'message-id': e.messageId }) };
    case 'breakpoint':
      return { event: 'breakpoint', 'mediation-component': e.component, ...e.point, ...extra({ 'message-id': e.messageId, 'step-path': e.stepPath, reason: e.reason }) };
    case 'skip':
      return { event: 'skip', 'mediation-component': e.component, ...e.point, ...extra({ 'message-id': e.messageId, 'step-path': e.stepPath }) };
    case 'resumed':
      return { event: 'resumed client', ...extra({ 'message-id': e.messageId }) };
    case 'terminated':
      return { event: 'terminated', ...extra({ 'message-id': e.messageId }) };
    case 'configuration-updated':
      return { event: 'configuration updated' };
  }
}

const STEP_MODES: Record<string, ResumeMode> = { over: 'over', into: 'into', out: 'out' };

/** Handles one command line; the result is the response line's JSON. */
export async function handleCommand(dbg: Debugger, line: string, state: ProtocolOptions): Promise<unknown> {
  let cmd: Json;
  try {
    const parsed = JSON.parse(line) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    cmd = parsed as Json;
  } catch {
    // MI only logs malformed lines and answers nothing, which leaves a client waiting; we answer.
    return failed('malformed command');
  }
  const command = cmd.command;
  const argument = cmd['command-argument'];
  const messageId = typeof cmd['message-id'] === 'string' ? cmd['message-id'] : undefined;
  switch (command) {
    case 'set':
    case 'clear':
      return setOrClear(dbg, command, cmd, messageId, state);
    case 'get':
      return get(dbg, String(argument ?? ''), cmd, messageId);
    case 'resume':
      // MI answers success even when nothing is suspended.
      dbg.resume(messageId, 'continue');
      return SUCCESS;
    case 'step': {
      const mode = STEP_MODES[String(argument ?? 'over')];
      if (!mode) return failed(Reasons.commandNotFound);
      return dbg.resume(messageId, mode) ? SUCCESS : failed('no paused message');
    }
    default:
      return failed(Reasons.commandNotFound);
  }
}

async function setOrClear(dbg: Debugger, command: 'set' | 'clear', cmd: Json, messageId: string | undefined, state: ProtocolOptions): Promise<unknown> {
  const argument = cmd['command-argument'];
  switch (argument) {
    case 'breakpoint':
    case 'skip': {
      const component = cmd['mediation-component'];
      const body = typeof component === 'string' ? cmd[component] : undefined;
      const r =
        command === 'set'
          ? dbg.setPoint(argument, component, body, { condition: typeof cmd.condition === 'string' ? cmd.condition : undefined, namespaces: isJson(cmd.namespaces) ? (cmd.namespaces as Record<string, string>) : undefined })
          : dbg.clearPoint(argument, component, body);
      return r.ok ? SUCCESS : failed(r.reason);
    }
    case 'property': {
      const ctx = dbg.pausedContext(messageId);
      const prop = isJson(cmd.property) ? (cmd.property as Json) : {};
      const name = prop['property-name'];
      const context = String(cmd.context ?? '');
      if (!ctx || typeof name !== 'string') return failed(Reasons.unableToAlter);
      if (command === 'clear') return clearPropertyOf(ctx, context, name) ? SUCCESS : failed(Reasons.unableToAlter);
      const value = prop['property-value'];
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
      return (await setPropertyOf(ctx, context, name, text)) ? SUCCESS : failed(Reasons.unableToAlter);
    }
    case 'variable': {
      const ctx = dbg.pausedContext(messageId);
      const v = isJson(cmd.variable) ? (cmd.variable as Json) : {};
      const name = v['variable-name'];
      if (!ctx || typeof name !== 'string') return failed(Reasons.unableToAlterVariable);
      if (command === 'clear') ctx.variables.delete(name);
      else ctx.variables.set(name, variableValue(v['variable-value']));
      return SUCCESS;
    }
    case 'break-on-fault':
      dbg.breakOnFault = command === 'set';
      return SUCCESS;
    case 'event-details':
      state.eventDetails = command === 'set';
      return SUCCESS;
    default:
      return failed(Reasons.commandNotFound);
  }
}

async function get(dbg: Debugger, argument: string, cmd: Json, messageId: string | undefined): Promise<unknown> {
  switch (argument) {
    case 'paused-messages':
      return { 'paused-messages': dbg.pausedMessages() };
    case 'breakpoints':
      return { breakpoints: dbg.listPoints(), 'break-on-fault': dbg.breakOnFault };
    case 'traces': {
      if (messageId) return { trace: dbg.trace(messageId) ?? null };
      return { traces: dbg.traces() };
    }
  }
  const ctx = dbg.pausedContext(messageId);
  const context = String(cmd.context ?? '');
  switch (argument) {
    case 'properties': {
      if (!ctx) return failed(Reasons.unableToAcquire);
      const dump = await propertiesOf(ctx, context);
      return dump ?? failed(Reasons.unableToAcquire);
    }
    case 'property': {
      const prop = isJson(cmd.property) ? (cmd.property as Json) : {};
      const name = prop['property-name'];
      if (!ctx || typeof name !== 'string') return failed(Reasons.unableToAcquire);
      return (await propertyOf(ctx, context, name)) ?? failed(Reasons.unableToAcquire);
    }
    case 'variables':
      return ctx ? { 'message-variables': variablesOf(ctx) } : failed(Reasons.unableToAcquireVariables);
    case 'variable': {
      const v = isJson(cmd.variable) ? (cmd.variable as Json) : {};
      const name = v['variable-name'];
      if (!ctx || typeof name !== 'string') return failed(Reasons.unableToAcquireVariables);
      return { [name]: jsonValue(ctx.variables.get(name)) };
    }
    default:
      return failed(Reasons.commandNotFound);
  }
}

/** A variable value as sent: JSON object/array text becomes the value it spells (MI 4.4 variables hold JSON); anything else stays text. */
function variableValue(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? '';
  const t = v.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

function isJson(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
