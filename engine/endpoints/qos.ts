/** Endpoint quality-of-service settings shared by address, http, wsdl and default endpoints. */
import { el, a, child, type ChildDescriptor } from '../model/descriptor.js';
import { childNamed, type ConfigNode } from '../model/node.js';

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

export interface EndpointQos {
  timeoutMs?: number;
  /** What to do when the timeout fires: fault (default when a duration is set) or discard. */
  responseAction: 'fault' | 'discard' | 'never';
  suspendErrorCodes?: number[];
  initialDurationMs: number;
  progressionFactor: number;
  maximumDurationMs: number;
  markErrorCodes: number[];
  retriesBeforeSuspension: number;
  retryDelayMs: number;
  retryDisabledCodes?: number[];
  retryEnabledCodes?: number[];
}

function num(node: ConfigNode | undefined, name: string): number | undefined {
  const c = node && childNamed(node, name);
  if (!c || c.text === undefined || c.text.trim() === '') return undefined;
  const n = Number(c.text.trim());
  return Number.isNaN(n) ? undefined : n;
}

function codes(node: ConfigNode | undefined, name: string): number[] | undefined {
  const c = node && childNamed(node, name);
  if (!c || !c.text || c.text.trim() === '') return undefined;
  return c.text.split(',').map((s) => Number(s.trim())).filter((n) => !Number.isNaN(n));
}

/** Reads QoS settings. Defaults follow Synapse's EndpointDefinition. */
export function readQos(body: ConfigNode): EndpointQos {
  const timeout = childNamed(body, 'timeout');
  const suspend = childNamed(body, 'suspendOnFailure');
  const mark = childNamed(body, 'markForSuspension');
  const retry = childNamed(body, 'retryConfig');
  const action = timeout && childNamed(timeout, 'responseAction')?.text?.trim();
  return {
    timeoutMs: num(timeout, 'duration'),
    responseAction: action === 'discard' ? 'discard' : action === 'never' ? 'never' : 'fault',
    suspendErrorCodes: codes(suspend, 'errorCodes'),
    initialDurationMs: num(suspend, 'initialDuration') ?? -1,
    progressionFactor: num(suspend, 'progressionFactor') ?? 1,
    maximumDurationMs: num(suspend, 'maximumDuration') ?? Number.MAX_SAFE_INTEGER,
    markErrorCodes: codes(mark, 'errorCodes') ?? [],
    retriesBeforeSuspension: num(mark, 'retriesBeforeSuspension') ?? 0,
    retryDelayMs: num(mark, 'retryDelay') ?? 0,
    retryDisabledCodes: codes(retry, 'disabledErrorCodes'),
    retryEnabledCodes: codes(retry, 'enabledErrorCodes'),
  };
}
