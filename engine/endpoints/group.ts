/** Helpers shared by the group endpoints (failover, loadbalance, recipientlist). */
import type { CompileEnv, EndpointRuntime, Resolver } from '../model/definition.js';
import type { ConfigNode } from '../model/node.js';
import type { MessageContext } from '../core/context.js';
import type { Message } from '../core/message.js';
import { MediationFault } from '../core/errors.js';
import { endpointLabel, isRetry, type MemberRuntime } from './member.js';

export interface CompiledMember {
  resolve: Resolver<EndpointRuntime>;
  node: ConfigNode;
}

/** Compiles the `<endpoint>` children of a group element; reports a group without members. */
export function compileMembers(body: ConfigNode, env: CompileEnv, path: string): CompiledMember[] {
  const nodes = body.children.filter((c) => c.element === 'endpoint');
  const members: CompiledMember[] = [];
  nodes.forEach((node, i) => {
    const resolve = env.endpoint(node, `${path}/endpoint[${i}]`);
    if (resolve) members.push({ resolve, node });
  });
  return members;
}

/**
 * Builds the message once so it can be sent again after a member fails (MI
 * builds the envelope before a failover); returns a function giving a fresh
 * copy of the original for each attempt.
 */
export async function keepOriginal(ctx: MessageContext): Promise<() => Message> {
  await ctx.message.build();
  const original = ctx.message.clone();
  return () => original.clone();
}

/** Logs MI's "<parent> Detect a Failure in a child endpoint : <child>" line. */
export function logChildFailure(ctx: MessageContext, component: string, parent: string | undefined, child: MemberRuntime, fault: MediationFault): void {
  ctx.services.logger.log('warn', `${endpointLabel(parent)} Detect a Failure in a child endpoint : ${endpointLabel(child.name)}`, { component, errorCode: fault.code });
}

/**
 * Whether a failed member may be tried again for this message: only a member
 * left in TIMEOUT state (markForSuspension retries). MI would retry a member
 * that stays ACTIVE forever; here it is skipped for the rest of the message.
 */
export function mayRetrySameMember(child: MemberRuntime): boolean {
  return child.stateName?.() === 'TIMEOUT';
}

export { isRetry };

export function groupName(endpoint: ConfigNode): string {
  return endpoint.attrs.name ?? 'AnonymousEndpoint';
}
