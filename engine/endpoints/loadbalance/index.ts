/**
 * loadbalance endpoint: spreads messages over its `<endpoint>` children (or
 * `<member hostName httpPort>` application members) with the algorithm named
 * by `algorithm` (RoundRobin by default, WeightedRoundRobin with
 * `loadbalance.weight` properties on the children). With `failover` (default
 * true) a message whose member fails with a retryable error goes to the next
 * member; without it the member's fault is the loadbalance's fault.
 * `<session>` beside `<loadbalance>` keeps a client on one member.
 */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../../model/node.js';
import { MediationFault } from '../../core/errors.js';
import { memberEndpointDescriptor, isReady, type MemberRuntime } from '../member.js';
import { compileMembers, keepOriginal, logChildFailure, mayRetrySameMember, isRetry, groupName } from '../group.js';
import { roundRobin, weightedRoundRobin, isKnownAlgorithm, WEIGHTED_ROUND_ROBIN, ROUND_ROBIN, type LoadbalanceAlgorithm } from './algorithms.js';
import { SessionTable, type SessionType } from './session.js';
import { appMembers, type AppMembers } from './members.js';

const COMPONENT = 'LoadbalanceEndpoint';
/** MI's ENDPOINT_LB_NONE_READY. */
const LB_NONE_READY = 303000;

const member = el('member', [a.str('hostName', { required: true }), a.int('httpPort'), a.int('httpsPort')], 'empty');

export const loadbalanceEndpoint: EndpointDefinition = {
  kind: 'loadbalance',
  descriptor: el(
    'loadbalance',
    [a.str('algorithm', { default: ROUND_ROBIN, help: 'Class name: org.apache.synapse.endpoints.algorithms.RoundRobin or .WeightedRoundRobin' }), a.bool('failover', { default: 'true' }), a.str('policy'), a.bool('buildMessage')],
    'elements',
    [child(memberEndpointDescriptor, { multiple: true }), child(member, { multiple: true })],
  ),
  editor: { label: 'Load-balance endpoint', group: 'endpoints', help: 'Distributes messages over its endpoints (round robin or weighted), failing over to the next on errors.' },
  compile(endpoint, body, env, path) {
    const members = compileMembers(body, env, path);
    const memberNodes = childrenNamed(body, 'member');
    if (members.length === 0 && memberNodes.length === 0) env.report('SYN006', '<loadbalance> needs <endpoint> or <member> children', body.loc);
    if (members.length > 0 && memberNodes.length > 0) env.report('SYN005', '<loadbalance> takes either <endpoint> or <member> children, not both', body.loc);
    const algorithmName = body.attrs.algorithm ?? ROUND_ROBIN;
    if (!isKnownAlgorithm(algorithmName)) env.report('SYN004', `load-balance algorithm '${algorithmName}' is not available in this runtime (RoundRobin, WeightedRoundRobin)`, body.attrLocs.algorithm ?? body.loc);
    const algorithm: LoadbalanceAlgorithm = algorithmName === WEIGHTED_ROUND_ROBIN ? weightedRoundRobin(members.map((m) => weightOf(m.node))) : roundRobin();
    const failover = body.attrs.failover?.toLowerCase() !== 'false';
    const sessionNode = childNamed(endpoint, 'session');
    const sessions = sessionNode ? new SessionTable((sessionNode.attrs.type ?? 'http') as SessionType, timeoutOf(sessionNode)) : undefined;
    const application: AppMembers | undefined = memberNodes.length ? appMembers(memberNodes, failover) : undefined;
    const name = endpoint.attrs.name;
    let lastChildren: MemberRuntime[] = [];

    const runtime: MemberRuntime = {
      name,
      kind: 'loadbalance',
      target: application ? `loadbalance(${memberNodes.length} members)` : `loadbalance(${members.length})`,
      readyToSend: () => (application ? true : lastChildren.length === 0 || lastChildren.some(isReady)),
      isRetry: () => true,
      async send(ctx, options) {
        if (application) return application.send(ctx, options);
        const children = members.map((m) => m.resolve(ctx) as MemberRuntime);
        lastChildren = children;
        const now = ctx.services.now();
        const sessionId = sessions ? await sessions.requestSessionId(ctx) : undefined;
        const bound = sessions?.lookup(sessionId, now);
        const fresh = failover ? await keepOriginal(ctx) : undefined;
        const excluded = new Set<number>();
        let first = true;
        for (;;) {
          let index = -1;
          if (first && bound !== undefined && bound < children.length && isReady(children[bound]!)) index = bound;
          else index = algorithm.next(children.length, (i) => !excluded.has(i) && isReady(children[i]!));
          first = false;
          if (index < 0) {
            sessions?.unbind(sessionId);
            const msg = `Loadbalance endpoint : ${groupName(endpoint)} - no ready child endpoints`;
            ctx.services.logger.log('warn', msg, { component: COMPONENT });
            throw new MediationFault(LB_NONE_READY, msg);
          }
          const chosen = children[index]!;
          if (fresh) ctx.message = fresh();
          try {
            await chosen.send(ctx, options);
            if (sessions) sessions.bind(sessions.responseSessionId(ctx, sessionId), index, ctx.services.now());
            return;
          } catch (e) {
            if (!(e instanceof MediationFault)) throw e;
            logChildFailure(ctx, COMPONENT, name, chosen, e);
            if (!failover) throw e;
            if (!isRetry(chosen, Number(e.code))) {
              const msg = `Loadbalance endpoint : ${groupName(endpoint)} - one of the child endpoints encounterd a non-retry error, not sending message to another endpoint`;
              ctx.services.logger.log('warn', msg, { component: COMPONENT });
              throw new MediationFault(LB_NONE_READY, msg, { detail: `${e.code} ${e.message}` });
            }
            if (!mayRetrySameMember(chosen)) excluded.add(index);
          }
        }
      },
    };
    return runtime;
  },
};

/** The child's `<property name="loadbalance.weight" value="n"/>`, default 1. */
function weightOf(endpointNode: ConfigNode): number {
  const p = childrenNamed(endpointNode, 'property').find((x) => x.attrs.name === 'loadbalance.weight');
  const n = Number(p?.attrs.value ?? '1');
  return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 1;
}

function timeoutOf(session: ConfigNode): number | undefined {
  const t = childNamed(session, 'sessionTimeout')?.text?.trim();
  const n = t ? Number(t) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

