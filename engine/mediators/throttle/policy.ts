/**
 * The WS-Policy throttle assertion MI's throttle mediator reads:
 *   MediatorThrottleAssertion / MaximumConcurrentAccess
 *   .../ID[@type=IP|DOMAIN] + Control/(MaximumCount, UnitTime, ProhibitTimePeriod) | Allow | Deny
 * An ID of `other` applies to every caller without an ID of its own.
 * Times are milliseconds, as in MI.
 */
import { elementChildren, textOf } from '../../xml/dom.js';

export type CallerRule =
  | { kind: 'control'; maxCount: number; unitTime: number; prohibitTime?: number }
  | { kind: 'allow' }
  | { kind: 'deny' };

export interface ThrottlePolicy {
  /** 0 = no concurrency limit. */
  maxConcurrent: number;
  /** By caller id (`other` = everyone else), per type. */
  ip: Map<string, CallerRule>;
  domain: Map<string, CallerRule>;
}

export class ThrottlePolicyError extends Error {}

export function parseThrottlePolicy(root: Element): ThrottlePolicy {
  const policy: ThrottlePolicy = { maxConcurrent: 0, ip: new Map(), domain: new Map() };
  const all = descendants(root);
  const concurrent = all.find((e) => e.localName === 'MaximumConcurrentAccess');
  if (concurrent) policy.maxConcurrent = number(concurrent, 'MaximumConcurrentAccess');
  for (const id of all.filter((e) => e.localName === 'ID')) {
    const scope = id.parentNode as Element;
    const type = (attrByLocalName(id, 'type') ?? 'IP').toUpperCase();
    const rule = ruleIn(scope);
    if (!rule) throw new ThrottlePolicyError(`throttle ID ${textOf(id).trim()} has no Control, Allow or Deny`);
    (type === 'DOMAIN' ? policy.domain : policy.ip).set(textOf(id).trim(), rule);
  }
  return policy;
}

function ruleIn(scope: Element): CallerRule | undefined {
  const inside = descendants(scope);
  if (inside.some((e) => e.localName === 'Deny')) return { kind: 'deny' };
  if (inside.some((e) => e.localName === 'Allow')) return { kind: 'allow' };
  const control = inside.find((e) => e.localName === 'Control');
  if (!control) return undefined;
  const parts = descendants(control);
  const get = (name: string) => parts.find((e) => e.localName === name);
  const maxCount = get('MaximumCount');
  const unitTime = get('UnitTime');
  if (!maxCount || !unitTime) throw new ThrottlePolicyError('throttle Control needs MaximumCount and UnitTime');
  const prohibit = get('ProhibitTimePeriod');
  return { kind: 'control', maxCount: number(maxCount, 'MaximumCount'), unitTime: number(unitTime, 'UnitTime'), prohibitTime: prohibit ? number(prohibit, 'ProhibitTimePeriod') : undefined };
}

function number(e: Element, what: string): number {
  const n = Number(textOf(e).trim());
  if (!Number.isInteger(n) || n < 0) throw new ThrottlePolicyError(`${what} must be a non-negative integer, got '${textOf(e).trim()}'`);
  return n;
}

function descendants(e: Element): Element[] {
  const out: Element[] = [];
  for (const c of elementChildren(e)) out.push(c, ...descendants(c));
  return out;
}

function attrByLocalName(e: Element, name: string): string | undefined {
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes.item(i)!;
    if (a.localName === name) return a.value;
  }
  return undefined;
}
