/**
 * throttle: admits or rejects a request by a WS-Policy throttle assertion
 * (inline, or by registry/local-entry key): a concurrency limit shared by all
 * callers (MaximumConcurrentAccess) and a rate limit per caller IP
 * (MaximumCount per UnitTime ms, then ProhibitTimePeriod ms), `other` for
 * callers without their own entry. Accepted messages run onAccept, rejected
 * ones onReject (sequence keys or inline mediators); without onAccept the flow
 * goes on, without onReject a rejected message is dropped. The flow continues
 * after the branch unless the branch ended it (respond, drop ...).
 *
 * State is per throttle id within the engine. A concurrency slot is released
 * when the response passes a throttle with the same id (MI's out-flow
 * throttle), or else when the onAccept branch has finished.
 */
import type { MediatorDefinition, CompiledSequence, Resolver } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import type { StepOutcome } from '../../core/step.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { runSequence } from '../../runtime/flow.js';
import { parseXmlStrict } from '../../xml/dom.js';
import { makeStep } from '../support.js';
import { parseThrottlePolicy, ThrottlePolicyError, type ThrottlePolicy } from './policy.js';
import { throttleState, ruleFor } from './state.js';

const policyDesc = el('policy', [a.key('key', 'local-entry', { help: 'Registry or local-entry key of the policy.' })], 'xml');
const branchDesc = (name: string) => el(name, [], 'mediators');

type Branch = Resolver<CompiledSequence> | CompiledSequence | undefined;

export const throttleMediator: MediatorDefinition = {
  kind: 'throttle',
  descriptor: el(
    'throttle',
    [a.str('id', { required: true, help: 'Throttle id; mediators with the same id share counters.' }), a.key('onAccept', 'sequence'), a.key('onReject', 'sequence'), a.description()],
    'elements',
    [child(policyDesc), child(branchDesc('onAccept')), child(branchDesc('onReject'))],
  ),
  editor: { label: 'Throttle', group: 'qos', help: 'Limits concurrent requests and requests per caller per unit time.', fieldOrder: ['id', 'onAccept', 'onReject'] },
  contentAware: () => false,
  compile(node, env, path) {
    const id = node.attrs.id ?? '';
    const policyNode = childNamed(node, 'policy');
    let inlinePolicy: ThrottlePolicy | undefined;
    let policyKey: string | undefined;
    if (policyNode?.attrs.key !== undefined) {
      policyKey = policyNode.attrs.key;
      env.reference('any', policyKey, policyNode.attrLocs.key ?? policyNode.loc);
    } else if (policyNode) {
      const root = policyNode.raw?.find((n) => n.nodeType === 1) as Element | undefined;
      if (!root) env.report('SYN006', '<policy> of throttle needs a key or an inline wsp:Policy', policyNode.loc);
      else {
        try {
          inlinePolicy = parseThrottlePolicy(root);
        } catch (e) {
          env.report('SYN004', `invalid throttle policy: ${(e as Error).message}`, policyNode.loc);
        }
      }
    }
    const onAccept = branch(node, 'onAccept', env, path);
    const onReject = branch(node, 'onReject', env, path);
    const cached = new Map<string, ThrottlePolicy>();

    const policyOf = (ctx: MessageContext): ThrottlePolicy | undefined => {
      if (!policyKey) return inlinePolicy;
      const text = ctx.services.registryResource(policyKey);
      if (text === undefined) throw new MediationFault(ErrorCodes.GENERIC, `Cannot find the throttle policy with key ${policyKey}`);
      let p = cached.get(text);
      if (!p) {
        try {
          p = parseThrottlePolicy(parseXmlStrict(text).documentElement!);
        } catch (e) {
          throw new MediationFault(ErrorCodes.GENERIC, `Invalid throttle policy ${policyKey}`, { detail: e instanceof ThrottlePolicyError ? e.message : String(e) });
        }
        cached.clear();
        cached.set(text, p);
      }
      return p;
    };

    return makeStep('throttle', path, node, false, async (ctx) => {
      const state = throttleState(ctx.services, id);
      const slot = `throttle:${id}:slot`;
      if (ctx.isResponse) {
        if (ctx.operation.get(slot)) {
          ctx.operation.delete(slot);
          state.concurrent--;
        }
        return 'continue';
      }
      const policy = policyOf(ctx);
      let admitted = true;
      if (policy && policy.maxConcurrent > 0 && state.concurrent >= policy.maxConcurrent) admitted = false;
      const match = policy ? ruleFor(policy, ctx.inbound.remoteAddress) : undefined;
      if (admitted && match) admitted = state.admitRate(match.caller, match.rule, ctx.services.now());
      if (!admitted) {
        ctx.services.logger.log('debug', `Access denied by throttle ${id} for caller ${ctx.inbound.remoteAddress ?? 'unknown'}`, { component: 'ThrottleMediator', artifact: env.artifact, path });
        return onReject ? runBranch(onReject, ctx) : 'halt';
      }
      if (policy && policy.maxConcurrent > 0) {
        state.concurrent++;
        ctx.operation.set(slot, true);
      }
      if (!onAccept) return 'continue';
      try {
        return await runBranch(onAccept, ctx);
      } finally {
        if (ctx.operation.get(slot)) {
          ctx.operation.delete(slot);
          state.concurrent--;
        }
      }
    });
  },
};

function branch(node: ConfigNode, name: 'onAccept' | 'onReject', env: Parameters<MediatorDefinition['compile']>[1], path: string): Branch {
  const key = node.attrs[name];
  if (key !== undefined) return env.sequenceRef(key, node.attrLocs[name] ?? node.loc, node.namespaces);
  const inline = childNamed(node, name);
  return inline ? env.inlineSequence(inline, `${path}/${name}`) : undefined;
}

async function runBranch(b: Resolver<CompiledSequence> | CompiledSequence, ctx: MessageContext): Promise<StepOutcome> {
  return runSequence(typeof b === 'function' ? b(ctx) : b, ctx);
}
