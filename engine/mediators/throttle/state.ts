/**
 * Counters of one throttle id, shared by every throttle mediator with that
 * id in the engine (MI keeps them per id, so the response-side mediator
 * releases what the request side took). Rate windows are per caller.
 */
import type { CallerRule, ThrottlePolicy } from './policy.js';

interface CallerWindow {
  start: number;
  count: number;
  prohibitedUntil: number;
}

export class ThrottleState {
  concurrent = 0;
  private readonly windows = new Map<string, CallerWindow>();

  /** Whether the caller may pass now under `rule`; counts the access when it may. */
  admitRate(caller: string, rule: CallerRule, now: number): boolean {
    if (rule.kind === 'allow') return true;
    if (rule.kind === 'deny') return false;
    let w = this.windows.get(caller);
    if (w && now < w.prohibitedUntil) return false;
    if (!w || now - w.start >= rule.unitTime) {
      w = { start: now, count: 0, prohibitedUntil: 0 };
      this.windows.set(caller, w);
    }
    if (w.count >= rule.maxCount) {
      // Blocked for ProhibitTimePeriod when given, else until the unit time ends.
      w.prohibitedUntil = rule.prohibitTime !== undefined ? now + rule.prohibitTime : w.start + rule.unitTime;
      if (rule.prohibitTime !== undefined) w.start = w.prohibitedUntil - rule.unitTime;
      return false;
    }
    w.count++;
    return true;
  }
}

const states = new WeakMap<object, Map<string, ThrottleState>>();

/** The state of throttle `id` within one engine (`scope` = the engine's services object). */
export function throttleState(scope: object, id: string): ThrottleState {
  let byId = states.get(scope);
  if (!byId) states.set(scope, (byId = new Map()));
  let s = byId.get(id);
  if (!s) byId.set(id, (s = new ThrottleState()));
  return s;
}

/** The rule for a caller: its own IP entry, else `other`. */
export function ruleFor(policy: ThrottlePolicy, ip: string | undefined): { caller: string; rule: CallerRule } | undefined {
  if (ip && policy.ip.has(ip)) return { caller: ip, rule: policy.ip.get(ip)! };
  if (policy.ip.has('other')) return { caller: ip ?? 'other', rule: policy.ip.get('other')! };
  if (policy.domain.has('other')) return { caller: ip ?? 'other', rule: policy.domain.get('other')! };
  return undefined;
}
