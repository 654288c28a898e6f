/** A compiled mediator: compiled once per deploy, run once per message. */
import type { MessageContext } from './context.js';

export type StepOutcome = 'continue' | 'halt';

export interface StepLocation {
  file?: string;
  line: number;
  col: number;
}

export interface Step {
  /** The mediator kind (`log`, `call`, ...). */
  readonly kind: string;
  /** Stable path id, e.g. `api:Orders/resource[0]/in/2/then/0` (DESIGN §4). */
  readonly path: string;
  readonly loc: StepLocation;
  /** Whether the message body must be built before this step runs. */
  readonly contentAware: boolean;
  run(ctx: MessageContext): Promise<StepOutcome>;
}

/** Cross-cutting observers around steps: debugger, tracing, statistics, coverage (DESIGN §5). */
export interface FlowHooks {
  /** Returning 'skip' skips this run of the step (the debugger's skip points); the flow continues after it. */
  beforeStep?(step: Step, ctx: MessageContext): void | 'skip' | Promise<void | 'skip'>;
  afterStep?(step: Step, ctx: MessageContext, outcome: StepOutcome): void | Promise<void>;
  onFault?(step: Step | undefined, ctx: MessageContext, error: unknown): void | Promise<void>;
}
