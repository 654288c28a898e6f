/**
 * What a broker listener must know once the injected mediation returns: whether the flow
 * asked to roll back (SET_ROLLBACK_ONLY), to requeue on rollback (SET_REQUEUE_ON_ROLLBACK) or
 * to recover (SET_RECOVER), in the axis2 scope for proxy listeners and the default scope for
 * inbound endpoints, as MI reads them (MESSAGING.md §2). The flags are read by a flow hook
 * that finds the delivery by a property set on injection, so the engine needs no broker
 * knowledge.
 */
import type { Engine } from '../../../runtime/engine.js';
import type { MessageContext } from '../../../core/context.js';
import type { FlowHooks } from '../../../core/step.js';

export const DELIVERY_PROPERTY = 'mediate.broker.delivery';

export class DeliveryOutcome {
  rollbackOnly = false;
  requeueOnRollback = false;
  recover = false;
  faulted = false;

  constructor(readonly scope: 'axis2' | 'default') {}

  observe(ctx: MessageContext): void {
    const read = (name: string) => (this.scope === 'axis2' ? ctx.axis2.get(name) ?? ctx.properties.get(name) : ctx.properties.get(name) ?? ctx.axis2.get(name));
    this.rollbackOnly = isTrue(read('SET_ROLLBACK_ONLY'));
    this.requeueOnRollback = isTrue(read('SET_REQUEUE_ON_ROLLBACK'));
    this.recover = isTrue(read('SET_RECOVER'));
    if (ctx.isFault) this.faulted = true;
  }

  /** The delivery failed (what MI rolls back or recovers on). */
  get failed(): boolean {
    return this.rollbackOnly || this.recover;
  }
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

const installed = new WeakSet<Engine>();

/** Installs (once per engine) the hook that copies the rollback flags into the delivery's outcome. */
export function trackOutcomes(engine: Engine): void {
  if (installed.has(engine)) return;
  installed.add(engine);
  const see = (ctx: MessageContext) => {
    const d = ctx.properties.get(DELIVERY_PROPERTY);
    if (d instanceof DeliveryOutcome) d.observe(ctx);
  };
  const hook: FlowHooks = {
    afterStep: (_step, ctx) => see(ctx),
    onFault: (_step, ctx) => {
      const d = ctx.properties.get(DELIVERY_PROPERTY);
      if (d instanceof DeliveryOutcome) d.faulted = true;
    },
  };
  engine.hooks.push(hook);
}

/** Where an artifact was deployed from (for "cannot connect" reports). */
export function fileOf(engine: Engine, kind: string, name: string): string | undefined {
  for (const [file, r] of engine.deployment.lastResults) if ((r as { kind?: string; name?: string }).kind === kind && (r as { name?: string }).name === name) return file;
  return undefined;
}
