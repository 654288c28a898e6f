/**
 * Endpoint quality-of-service settings shared by address, http, wsdl and
 * default endpoints, read as Synapse's EndpointDefinitionFactory reads them.
 * Defaults are Synapse's EndpointDefinition defaults.
 */
import { el, a, child, type ChildDescriptor } from '../model/descriptor.js';
import { childNamed, type ConfigNode } from '../model/node.js';
import type { CompileEnv } from '../model/definition.js';
import type { MessageContext } from '../core/context.js';
import type { CompiledExpression } from '../expr/types.js';
import { compileExpression } from '../expr/compile.js';

const textEl = (name: string) => el(name, [], 'text');

export const qosChildren: readonly ChildDescriptor[] = [
  child(el('timeout', [], 'elements', [child(textEl('duration')), child(textEl('responseAction'))])),
  child(el('suspendOnFailure', [], 'elements', [child(textEl('errorCodes')), child(textEl('initialDuration')), child(textEl('progressionFactor')), child(textEl('maximumDuration'))])),
  child(el('markForSuspension', [], 'elements', [child(textEl('errorCodes')), child(textEl('retriesBeforeSuspension')), child(textEl('retryDelay'))])),
  child(el('retryConfig', [], 'elements', [child(textEl('disabledErrorCodes')), child(textEl('enabledErrorCodes'))])),
  child(el('enableSec', [a.str('policy'), a.str('inboundPolicy'), a.str('outboundPolicy')], 'xml')),
  child(el('enableRM', [a.str('policy')], 'xml')),
  child(el('enableAddressing', [a.enum('version', ['submission', 'final']), a.bool('separateListener')], 'xml')),
];

/** Error codes that mark an endpoint for suspension when markForSuspension lists none. */
export const DEFAULT_TIMEOUT_CODES: readonly number[] = [101504, 101505];

export interface EndpointQos {
  /** Static endpoint timeout in ms (`<timeout><duration>`). */
  timeoutMs?: number;
  /** `<duration>{xpath}</duration>`: the timeout evaluated per message. */
  timeoutExpression?: CompiledExpression;
  /**
   * What happens when the endpoint timeout fires: `fault` runs the fault
   * handlers with 101504 "Send timeout"; `discard` (and `none`, MI's default
   * when no responseAction is written) drops the late response.
   */
  responseAction: 'fault' | 'discard' | 'none';
  /** suspendOnFailure/errorCodes; empty = every error suspends. */
  suspendErrorCodes: number[];
  /** -1 (the default) = Synapse's 30 s default suspension. */
  initialDurationMs: number;
  progressionFactor: number;
  maximumDurationMs: number;
  /** markForSuspension/errorCodes; empty = 101504 and 101505. */
  markErrorCodes: number[];
  retriesBeforeSuspension: number;
  retryDelayMs: number;
  retryDisabledCodes: number[];
  retryEnabledCodes: number[];
}

function text(node: ConfigNode | undefined, name: string): string | undefined {
  const c = node && childNamed(node, name);
  const t = c?.text?.trim();
  return t === undefined || t === '' ? undefined : t;
}

function num(node: ConfigNode | undefined, name: string): number | undefined {
  const t = text(node, name);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

function codes(node: ConfigNode | undefined, name: string): number[] {
  const t = text(node, name);
  if (t === undefined) return [];
  return t
    .split(/[,\s]+/)
    .filter((s) => s !== '')
    .map(Number)
    .filter((n) => !Number.isNaN(n));
}

/** Reads QoS settings; `env` (when given) receives MI's deploy-time errors for bad values. */
export function readQos(body: ConfigNode, env?: CompileEnv): EndpointQos {
  const timeout = childNamed(body, 'timeout');
  const suspend = childNamed(body, 'suspendOnFailure');
  const mark = childNamed(body, 'markForSuspension');
  const retry = childNamed(body, 'retryConfig');
  if (env) validateQos(body, env);
  const duration = text(timeout, 'duration');
  let timeoutExpression: CompiledExpression | undefined;
  if (duration !== undefined && /^\{.*\}$/s.test(duration)) {
    try {
      timeoutExpression = compileExpression(duration.slice(1, -1), timeout!.namespaces);
    } catch (e) {
      env?.report('SYN007', `invalid endpoint timeout expression '${duration}': ${e instanceof Error ? e.message : String(e)}`, childNamed(timeout!, 'duration')!.loc);
    }
  }
  const action = text(timeout, 'responseAction')?.toLowerCase();
  return {
    timeoutMs: timeoutExpression ? undefined : num(timeout, 'duration'),
    timeoutExpression,
    responseAction: action === 'fault' ? 'fault' : action === 'discard' ? 'discard' : 'none',
    suspendErrorCodes: codes(suspend, 'errorCodes'),
    initialDurationMs: num(suspend, 'initialDuration') ?? -1,
    progressionFactor: num(suspend, 'progressionFactor') ?? 1,
    maximumDurationMs: num(suspend, 'maximumDuration') ?? Number.MAX_SAFE_INTEGER,
    markErrorCodes: codes(mark, 'errorCodes'),
    retriesBeforeSuspension: num(mark, 'retriesBeforeSuspension') ?? 0,
    retryDelayMs: num(mark, 'retryDelay') ?? 0,
    retryDisabledCodes: codes(retry, 'disabledErrorCodes'),
    retryEnabledCodes: codes(retry, 'enabledErrorCodes'),
  };
}

/** The settings of an endpoint written without QoS children (Synapse's EndpointDefinition defaults). */
export function defaultQos(): EndpointQos {
  return {
    responseAction: 'none',
    suspendErrorCodes: [],
    initialDurationMs: -1,
    progressionFactor: 1,
    maximumDurationMs: Number.MAX_SAFE_INTEGER,
    markErrorCodes: [],
    retriesBeforeSuspension: 0,
    retryDelayMs: 0,
    retryDisabledCodes: [],
    retryEnabledCodes: [],
  };
}

/** The timeout for this message in ms, or undefined when the endpoint sets none. */
export function timeoutFor(qos: EndpointQos, ctx: MessageContext): number | undefined {
  if (qos.timeoutExpression) {
    const n = Number(qos.timeoutExpression.evaluateString(ctx).trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  }
  return qos.timeoutMs;
}

/** MI refuses these at deploy time (EndpointDefinitionFactory's "should be specified as a valid number" errors). */
function validateQos(body: ConfigNode, env: CompileEnv): void {
  const numeric: [string, string][] = [
    ['suspendOnFailure', 'initialDuration'],
    ['suspendOnFailure', 'progressionFactor'],
    ['suspendOnFailure', 'maximumDuration'],
    ['markForSuspension', 'retriesBeforeSuspension'],
    ['markForSuspension', 'retryDelay'],
  ];
  for (const [parent, name] of numeric) {
    const p = childNamed(body, parent);
    const c = p && childNamed(p, name);
    const t = c?.text?.trim();
    if (c && t !== undefined && t !== '' && Number.isNaN(Number(t))) env.report('SYN009', `${parent}/${name} must be a number, got '${t}'`, c.loc);
  }
  for (const [parent, name] of [
    ['suspendOnFailure', 'errorCodes'],
    ['markForSuspension', 'errorCodes'],
    ['retryConfig', 'disabledErrorCodes'],
    ['retryConfig', 'enabledErrorCodes'],
  ] as const) {
    const p = childNamed(body, parent);
    const c = p && childNamed(p, name);
    const bad = c?.text?.split(/[,\s]+/).find((s) => s !== '' && !/^-?\d+$/.test(s));
    if (c && bad !== undefined) env.report('SYN009', `${parent}/${name} must be numbers separated by commas, got '${bad}'`, c.loc);
  }
  const timeout = childNamed(body, 'timeout');
  if (timeout) {
    const d = childNamed(timeout, 'duration');
    const dt = d?.text?.trim();
    if (d && dt && !/^\{.*\}$/s.test(dt) && !/^\d+$/.test(dt)) env.report('SYN009', 'Endpoint timeout duration expected as a number but was not a number', d.loc);
    const r = childNamed(timeout, 'responseAction');
    const rt = r?.text?.trim();
    if (r && rt && !/^(discard|fault)$/i.test(rt)) env.report('SYN004', `Invalid timeout action, action : ${rt} is not supported (expected discard or fault)`, r.loc);
  }
  const retry = childNamed(body, 'retryConfig');
  if (retry && childNamed(retry, 'disabledErrorCodes') && childNamed(retry, 'enabledErrorCodes')) {
    env.report('SYN005', 'retryConfig may give disabledErrorCodes or enabledErrorCodes, not both', retry.loc);
  }
}
