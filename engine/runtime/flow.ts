/**
 * Running steps and sequences, with MI's fault handling: a fault in a
 * sequence that declares onError runs that sequence; otherwise it propagates
 * to the caller (ultimately the API resource's or proxy's fault sequence, then
 * the configuration's `fault` sequence).
 */
import type { MessageContext } from '../core/context.js';
import type { Step, StepOutcome } from '../core/step.js';
import { MediationFault, BugError, PayloadTooLargeError } from '../core/errors.js';
import type { CompiledSequence } from '../model/definition.js';

const faultOrigin = new WeakMap<object, Step>();

/** The step a fault came from, when known. */
export function stepOfFault(error: unknown): Step | undefined {
  return typeof error === 'object' && error ? faultOrigin.get(error) : undefined;
}

export function toMediationFault(error: unknown): MediationFault {
  if (error instanceof MediationFault) return error;
  if (error instanceof BugError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const f = new MediationFault(0, message, { cause: error });
  const step = stepOfFault(error);
  if (step) faultOrigin.set(f, step);
  return f;
}

/** Where each running step list of a message is: the continuation a clone/iterate branch resumes (MI's reliant continuation state). */
const runningLists = new WeakMap<MessageContext, { steps: readonly Step[]; index: number }[]>();

/** The steps still to run after the current step, innermost list first. */
export function remainingSteps(ctx: MessageContext): (readonly Step[])[] {
  const frames = runningLists.get(ctx) ?? [];
  return frames.map((f) => f.steps.slice(f.index + 1)).reverse();
}

export async function runSteps(steps: readonly Step[], ctx: MessageContext): Promise<StepOutcome> {
  const hooks = ctx.services.hooks;
  let frames = runningLists.get(ctx);
  if (!frames) runningLists.set(ctx, (frames = []));
  const frame = { steps, index: 0 };
  frames.push(frame);
  try {
    return await runFrame(frame, ctx, hooks);
  } finally {
    frames.pop();
  }
}

async function runFrame(frame: { steps: readonly Step[]; index: number }, ctx: MessageContext, hooks: MessageContext['services']['hooks']): Promise<StepOutcome> {
  const steps = frame.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    frame.index = i;
    try {
      if (step.contentAware && !ctx.message.isBuilt) await ctx.message.build();
      let skip = false;
      for (const h of hooks) if (h.beforeStep && (await h.beforeStep(step, ctx)) === 'skip') skip = true;
      const outcome = skip ? 'continue' : await step.run(ctx);
      for (const h of hooks) if (h.afterStep) await h.afterStep(step, ctx, outcome);
      if (outcome === 'halt') return 'halt';
    } catch (e) {
      if (typeof e === 'object' && e && !faultOrigin.has(e)) faultOrigin.set(e, step);
      throw e;
    }
  }
  return 'continue';
}

/** Runs a sequence; a fault inside it goes to its onError sequence when it has one. */
export async function runSequence(seq: CompiledSequence, ctx: MessageContext): Promise<StepOutcome> {
  if (!seq.onError) return runSteps(seq.steps, ctx);
  try {
    return await runSteps(seq.steps, ctx);
  } catch (e) {
    if (isHostError(e)) throw e;
    const handler = ctx.services.lookup('sequence', seq.onError) as CompiledSequence | undefined;
    if (!handler) throw e;
    await handleFault(e, ctx, handler, seq.name ? `sequence:${seq.name}` : seq.path);
    return 'halt';
  }
}

/**
 * Records the fault on the message (ERROR_CODE, ERROR_MESSAGE, ERROR_DETAIL,
 * ERROR_EXCEPTION), logs it naming the artifact and mediator, and runs the
 * fault sequence. A fault inside the fault sequence is logged and ends the flow.
 */
export async function handleFault(error: unknown, ctx: MessageContext, faultSequence: CompiledSequence, artifact: string): Promise<void> {
  const fault = toMediationFault(error);
  const step = stepOfFault(error) ?? stepOfFault(fault);
  setErrorProperties(ctx, fault);
  ctx.services.logger.log('error', `${step ? `${mediatorClassName(step.kind)} at ${step.path}` : 'Mediation'} failed: ${fault.message}${fault.detail ? ` (${fault.detail})` : ''}`, {
    component: step ? mediatorClassName(step.kind) : 'SequenceMediator',
    artifact,
    path: step?.path,
    file: step?.loc.file,
    line: step?.loc.line,
    errorCode: fault.code,
    messageId: ctx.messageId,
  });
  for (const h of ctx.services.hooks) if (h.onFault) await h.onFault(step, ctx, fault);
  ctx.isFault = true;
  try {
    await runSequence(faultSequence, ctx);
  } catch (inner) {
    const f2 = toMediationFault(inner);
    ctx.services.logger.log('error', `Fault sequence ${faultSequence.name ?? faultSequence.path} failed: ${f2.message}`, { component: 'SequenceMediator', artifact });
    setErrorProperties(ctx, f2);
  }
}

export function setErrorProperties(ctx: MessageContext, fault: MediationFault): void {
  ctx.properties.set('ERROR_CODE', fault.code);
  ctx.properties.set('ERROR_MESSAGE', fault.message);
  if (fault.detail !== undefined) ctx.properties.set('ERROR_DETAIL', fault.detail);
  else ctx.properties.delete('ERROR_DETAIL');
  ctx.properties.set('ERROR_EXCEPTION', fault.cause instanceof Error ? `${fault.cause.name}: ${fault.cause.message}` : `MediationFault: ${fault.message}`);
}

/** `call` -> `CallMediator`, `payloadFactory` -> `PayloadFactoryMediator`: MI's log component names. */
export function mediatorClassName(kind: string): string {
  const camel = kind.replace(/[-.](\w)/g, (_, c: string) => c.toUpperCase());
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Mediator`;
}

/** Errors the host answers itself (413 ...), which no fault sequence may swallow. */
export function isHostError(e: unknown): boolean {
  return e instanceof PayloadTooLargeError || e instanceof BugError;
}
