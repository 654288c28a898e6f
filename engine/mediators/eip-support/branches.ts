/**
 * Running the copies of a message that clone, iterate and scatter-gather
 * create: each on its own forked context, concurrently or one after another,
 * a fault in one copy handled by the flow's fault sequence without stopping
 * the others.
 */
import type { MessageContext } from '../../core/context.js';
import type { Step, StepOutcome } from '../../core/step.js';
import type { CompiledSequence } from '../../model/definition.js';
import { handleFault, isHostError, runSteps } from '../../runtime/flow.js';

/** MI's correlation properties (EIPConstants): the parent's message id and `index/count` of the copy. */
export const AGGREGATE_CORRELATION = 'aggregateCorelation';
export const MESSAGE_SEQUENCE = 'messageSequence';

export function correlationProperty(id: string | undefined): string {
  return id ? `${AGGREGATE_CORRELATION}.${id}` : AGGREGATE_CORRELATION;
}
export function sequenceProperty(id: string | undefined): string {
  return id ? `${MESSAGE_SEQUENCE}.${id}` : MESSAGE_SEQUENCE;
}

/** Marks a copy so an aggregate can group it with its siblings. */
export function markCopy(copy: MessageContext, parent: MessageContext, id: string | undefined, index: number, count: number): void {
  copy.properties.set(correlationProperty(id), parent.messageId);
  copy.properties.set(sequenceProperty(id), `${index}/${count}`);
}

/** Runs one copy; a fault goes to the flow's fault sequence. Resolves with the copy's outcome ('halt' after a fault). */
export async function runCopy(copy: MessageContext, body: (ctx: MessageContext) => Promise<StepOutcome>): Promise<StepOutcome> {
  try {
    return await body(copy);
  } catch (e) {
    if (isHostError(e)) throw e;
    const fault = copy.flow?.faultSequence ?? (copy.services.lookup('sequence', 'fault') as CompiledSequence | undefined);
    if (fault) await handleFault(e, copy, fault, copy.flow?.artifact ?? 'flow');
    return 'halt';
  }
}

/** Runs all tasks concurrently, or one after another when `sequential`; returns their outcomes in order. */
export async function runAll<T>(tasks: (() => Promise<T>)[], sequential: boolean): Promise<T[]> {
  if (!sequential) return Promise.all(tasks.map((t) => t()));
  const out: T[] = [];
  for (const t of tasks) out.push(await t());
  return out;
}

/** Continues a copy with the rest of the parent flow (the lists that enclosed the splitting mediator). */
export async function continueWith(ctx: MessageContext, rest: readonly (readonly Step[])[]): Promise<StepOutcome> {
  for (const steps of rest) if ((await runSteps(steps, ctx)) === 'halt') return 'halt';
  return 'continue';
}

/**
 * Work a request still waits for after its copies returned: aggregations that
 * hold some of its copies until they complete (count or timeout), copies of a
 * clone whose parent went on. Tracked on the request (shared by its forks).
 */
export function addPending(ctx: MessageContext, work: Promise<void>): void {
  ctx.trackPending(work);
}

/** Waits until no aggregation or copy of this request is still running. */
export async function drainPending(ctx: MessageContext): Promise<void> {
  await ctx.drainPending();
}
