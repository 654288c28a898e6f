/**
 * Template endpoints: `<endpoint name="E" template="T" uri="..."><parameter
 * name="host" value="h"/></endpoint>` uses the `<endpoint>` of endpoint
 * template T with its parameters substituted, as Synapse's Template.create
 * does: an attribute value or element text that is exactly `$p` becomes the
 * value of parameter p when T declares p (T always declares `name` and `uri`)
 * and E supplies it (`name` and `uri` come from E's attributes). Text such as
 * `http://$host/x` is left as written, as in MI. The real endpoint is built
 * at the first send and rebuilt when T is redeployed.
 */
import type { CompileEnv, EndpointRuntime, Resolver } from '../model/definition.js';
import type { ConfigNode } from '../model/node.js';
import type { CompiledTemplate } from '../artifacts/types.js';
import type { MessageContext } from '../core/context.js';
import { MediationFault } from '../core/errors.js';
import { ParseContext, parseElement } from '../model/parse.js';
import { childrenNamed } from '../model/node.js';
import { withHealthOf, type MemberRuntime } from './member.js';

/** MI's ENDPOINT_IN_DIRECT_NOT_READY. */
export const TEMPLATE_NOT_READY = 305100;

type Compile = (node: ConfigNode, env: CompileEnv, path: string) => Resolver<EndpointRuntime> | undefined;

export function compileTemplateEndpoint(node: ConfigNode, env: CompileEnv, path: string, endpointDescriptor: () => import('../model/descriptor.js').ElementDescriptor, compile: Compile): Resolver<EndpointRuntime> | undefined {
  const templateName = node.attrs.template!;
  env.reference('template', templateName, node.attrLocs.template ?? node.loc);
  const values = new Map<string, string>();
  if (node.attrs.name !== undefined) values.set('name', node.attrs.name);
  if (node.attrs.uri !== undefined) values.set('uri', node.attrs.uri);
  for (const p of childrenNamed(node, 'parameter')) {
    if (p.attrs.value === undefined) env.report('SYN003', `parameter '${p.attrs.name ?? ''}' of template endpoint needs a value`, p.loc);
    else values.set(p.attrs.name ?? '', p.attrs.value);
  }
  const label = node.attrs.name ?? 'AnonymousEndpoint';
  const built = new WeakMap<CompiledTemplate, EndpointRuntime>();
  let last: EndpointRuntime | undefined;

  const realEndpoint = (ctx: MessageContext): EndpointRuntime => {
    const template = ctx.services.lookup('template', templateName) as CompiledTemplate | undefined;
    if (!template?.endpointNode) throw new MediationFault(TEMPLATE_NOT_READY, `Couldn't find the endpoint with the name ${label} & template : ${templateName}`);
    let ep = built.get(template);
    if (!ep) {
      ep = instantiate(template, values, env, `${path}/template`, endpointDescriptor, compile, label, ctx);
      built.set(template, ep);
    }
    last = ep;
    return ep;
  };

  const runtime = withHealthOf(
    {
      name: node.attrs.name,
      kind: 'template',
      target: `template ${templateName}`,
      async send(ctx, options) {
        await realEndpoint(ctx).send(ctx, options);
      },
    },
    () => last as MemberRuntime | undefined,
  );
  return () => runtime;
}

function instantiate(template: CompiledTemplate, values: ReadonlyMap<string, string>, env: CompileEnv, path: string, descriptor: () => import('../model/descriptor.js').ElementDescriptor, compile: Compile, label: string, ctx: MessageContext): EndpointRuntime {
  const declared = new Set([...template.parameters.map((p) => p.name), 'name', 'uri']);
  const element = template.endpointNode!.source.cloneNode(true) as Element;
  const missing = new Set<string>();
  substitute(element, (v) => {
    if (!v.startsWith('$')) return undefined;
    const param = v.slice(1);
    if (!declared.has(param)) return undefined;
    const value = values.get(param);
    // An unnamed template endpoint keeps `$name` as its name, as MI does; other gaps make the endpoint unusable.
    if (value === undefined && param !== 'name') missing.add(param);
    return value;
  });
  if (missing.size > 0) {
    throw new MediationFault(TEMPLATE_NOT_READY, `Template endpoint ${label}: template ${template.name} needs parameter(s) ${[...missing].map((m) => `'${m}'`).join(', ')} that the endpoint does not give`);
  }
  const pc = new ParseContext(env.file, () => undefined);
  const node = parseElement(element, descriptor(), pc);
  const problems: string[] = pc.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  const collecting: CompileEnv = Object.create(env, {
    report: { value: (code: string, message: string, _at: unknown, severity?: string) => (severity === 'warning' ? undefined : problems.push(`${code} ${message}`)) },
    reference: { value: () => undefined },
    diagnostics: { value: [] },
  }) as CompileEnv;
  const resolver = problems.length ? undefined : compile(node, collecting, path);
  const extra = (collecting as unknown as { diagnostics: { code: string; message: string; severity: string }[] }).diagnostics.filter((d) => d.severity === 'error');
  problems.push(...extra.map((d) => `${d.code} ${d.message}`));
  if (!resolver || problems.length) throw new MediationFault(TEMPLATE_NOT_READY, `Template endpoint ${label} (template ${template.name}) is not usable: ${problems.join('; ') || 'no endpoint'}`);
  return resolver(ctx);
}

/** Replaces attribute values and element texts for which `replace` gives a value, through the whole tree. */
function substitute(element: Element, replace: (value: string) => string | undefined): void {
  for (let i = 0; i < element.attributes.length; i++) {
    const at = element.attributes.item(i)!;
    if (at.name === 'xmlns' || at.name.startsWith('xmlns:')) continue;
    const r = replace(at.value);
    if (r !== undefined) {
      at.value = r;
      at.nodeValue = r;
    }
  }
  const texts: Node[] = [];
  for (let n = element.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 || n.nodeType === 4) texts.push(n);
  const whole = texts.map((t) => t.nodeValue ?? '').join('');
  if (whole.trim() !== '') {
    const r = replace(whole.trim());
    if (r !== undefined) {
      texts.forEach((t, i) => (t.nodeValue = i === 0 ? r : ''));
    }
  }
  for (let n = element.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) substitute(n as Element, replace);
}

