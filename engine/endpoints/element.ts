/**
 * The `<endpoint>` element, wherever it appears (an endpoint artifact, inside
 * call/send, a failover member ...): a reference by `key`, a resolving
 * `key-expression`, or exactly one inline kind (address, http, ...), plus
 * `<property>` children applied before each send.
 */
import type { CompileEnv, EndpointDefinition, EndpointRuntime, Resolver } from '../model/definition.js';
import { el, a, child, type ElementDescriptor } from '../model/descriptor.js';
import { childNamed, type ConfigNode } from '../model/node.js';
import { MediationFault, ErrorCodes } from '../core/errors.js';
import type { MessageContext } from '../core/context.js';
import { compileValue } from '../expr/compile.js';
import { compileTemplateEndpoint } from './template-endpoint.js';
import { withHealthOf, type MemberRuntime } from './member.js';

const endpointProperty = el('property', [a.str('name', { required: true }), a.str('value'), a.expr('expression'), a.enum('scope', ['default', 'transport', 'axis2', 'axis2-client'])], 'xml');
const endpointParameter = el('parameter', [a.str('name', { required: true }), a.str('value')], 'xml');
const description = el('description', [], 'text');
/** Session affinity of a loadbalance endpoint (a sibling of `<loadbalance>`). */
const session = el('session', [a.enum('type', ['simpleClientSession', 'http', 'soap'], { default: 'http' })], 'elements', [child(el('sessionTimeout', [], 'text'))]);

export function endpointDescriptor(kinds: readonly EndpointDefinition[]): ElementDescriptor {
  return el(
    'endpoint',
    [a.str('name'), a.key('key', 'endpoint'), a.expr('key-expression'), a.key('template', 'template'), a.str('uri'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable']), a.str('onError')],
    'elements',
    [...kinds.map((k) => child(k.descriptor)), child(endpointProperty, { multiple: true }), child(endpointParameter, { multiple: true }), child(description), child(session)],
  );
}

export function compileEndpointElement(node: ConfigNode, env: CompileEnv, path: string, kinds: ReadonlyMap<string, EndpointDefinition>): Resolver<EndpointRuntime> | undefined {
  if (node.attrs.key !== undefined) {
    const key = node.attrs.key;
    env.reference('endpoint', key, node.attrLocs.key ?? node.loc);
    return (ctx) => lookupEndpoint(ctx, key);
  }
  if (node.attrs['key-expression'] !== undefined) {
    const expr = env.expression(node, 'key-expression');
    if (!expr) return undefined;
    return (ctx) => lookupEndpoint(ctx, expr.evaluateString(ctx));
  }
  if (node.attrs.template !== undefined) {
    return compileTemplateEndpoint(node, env, path, () => endpointDescriptor([...kinds.values()]), (n, e, p) => compileEndpointElement(n, e, p, kinds));
  }
  if (childNamed(node, 'session') && !childNamed(node, 'loadbalance')) env.report('SYN005', '<session> applies only to a <loadbalance> endpoint', childNamed(node, 'session')!.loc);
  const bodies = node.children.filter((c) => kinds.has(c.element));
  if (bodies.length !== 1) {
    env.report('SYN006', bodies.length === 0 ? `<endpoint${node.attrs.name ? ` name="${node.attrs.name}"` : ''}> needs one endpoint kind (${[...kinds.keys()].join(', ')}) or a key` : '<endpoint> may define only one endpoint kind', node.loc);
    return undefined;
  }
  const body = bodies[0]!;
  const runtime = kinds.get(body.element)!.compile(node, body, env, path);
  const props = node.children
    .filter((c) => c.element === 'property')
    .map((p) => ({ name: p.attrs.name ?? '', scope: p.attrs.scope ?? 'default', value: p.attrs.expression !== undefined ? (() => { const e = env.expression(p, 'expression'); return e ? { expression: e } : { literal: '' }; })() : compileValue(p.attrs.value ?? '', p.namespaces) }));
  if (props.length === 0) return () => runtime;
  const withProps = withHealthOf(
    {
      name: runtime.name,
      kind: runtime.kind,
      target: runtime.target,
      async send(ctx, options) {
        for (const p of props) ctx.setProperty(p.scope, p.name, 'literal' in p.value ? p.value.literal : p.value.expression.evaluateString(ctx));
        await runtime.send(ctx, options);
      },
    },
    () => runtime as MemberRuntime,
  );
  return () => withProps;
}

function lookupEndpoint(ctx: MessageContext, key: string): EndpointRuntime {
  const ep = ctx.services.lookup('endpoint', key) as EndpointRuntime | undefined;
  if (!ep) throw new MediationFault(ErrorCodes.SENDING_FAILED, `Endpoint '${key}' is not deployed`);
  return ep;
}
