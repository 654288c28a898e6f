/**
 * A hook that lets the runner reach the message context of the flow under
 * test: it sets a sequence case's input properties (default and axis2 scope)
 * before the first mediator runs, and remembers the last context of the
 * artifact under test, so `$ctx:` and `$axis2:` work for API and proxy cases
 * too (MI answers them only for sequences).
 */
import type { Engine, FlowHooks } from '../../../engine/index.js';

export type FlowContext = Awaited<ReturnType<Engine['inject']>>;

export class FlowProbe {
  private target: string | undefined;
  private pending: { scope: string; name: string; value: string }[] = [];
  private prepared = new WeakSet<object>();
  last: FlowContext | undefined;

  readonly hook: FlowHooks = {
    beforeStep: (_step, ctx) => {
      if (this.target === undefined || ctx.flow?.artifact !== this.target) return;
      this.last = ctx;
      if (this.pending.length && !this.prepared.has(ctx)) {
        this.prepared.add(ctx);
        for (const p of this.pending) ctx.setProperty(p.scope, p.name, p.value);
        this.pending = [];
      }
    },
  };

  /** Watch the flow of `artifact` (`api:A`, `proxy:P`, `sequence:S`) for the next case. */
  watch(artifact: string, properties: { scope: string; name: string; value: string }[] = []): void {
    this.target = artifact;
    this.pending = properties;
    this.prepared = new WeakSet();
    this.last = undefined;
  }

  stop(): void {
    this.target = undefined;
    this.pending = [];
  }
}
