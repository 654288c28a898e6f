/** api: a REST API with a context, an optional version, and resources (reference §1.1, §6). */
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../../model/node.js';
import type { CompiledSequence } from '../../model/definition.js';
import type { ArtifactDefinition, ApiResource, ApiHandler } from '../types.js';
import type { CompileEnvImpl } from '../../runtime/compile-env.js';
import { runSequence } from '../../runtime/flow.js';

const flowAttrs = [a.key('onError', 'sequence')];
const inSeq = el('inSequence', flowAttrs, 'mediators');
const outSeq = el('outSequence', flowAttrs, 'mediators');
const faultSeq = el('faultSequence', flowAttrs, 'mediators');

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

export const resourceDescriptor = el(
  'resource',
  [
    a.str('methods', { help: 'Space-separated HTTP methods; empty = all.' }),
    a.str('uri-template'),
    a.str('url-mapping'),
    a.enum('protocol', ['http', 'https', 'http https', 'https http']),
    a.str('content-type'),
    a.str('user-agent'),
    a.key('inSequence', 'sequence'),
    a.key('outSequence', 'sequence'),
    a.key('faultSequence', 'sequence'),
    a.str('binds-to'),
    a.description(),
  ],
  'elements',
  [child(inSeq), child(outSeq), child(faultSeq)],
);

const handlerDescriptor = el('handler', [a.str('class', { required: true, help: 'Handler class; MI\'s RESTBasicAuthHandler is built in.' })], 'elements', [child(el('property', [a.str('name', { required: true }), a.str('value')], 'xml'), { multiple: true })]);

/** MI handler classes this runtime provides natively. */
const BUILT_IN_HANDLERS: Record<string, (h: ConfigNode) => ApiHandler> = {
  'org.wso2.micro.integrator.security.handler.RESTBasicAuthHandler': () => ({ kind: 'basic-auth', realm: 'WSO2 MI' }),
  'org.wso2.carbon.integrator.core.handler.RESTBasicAuthHandler': () => ({ kind: 'basic-auth', realm: 'WSO2 MI' }),
};

export const apiDescriptor = el(
  'api',
  [
    a.str('name', { required: true }),
    a.str('context', { required: true, help: 'Must start with /.' }),
    a.str('version'),
    a.enum('version-type', ['context', 'url']),
    a.str('hostname'),
    a.int('port'),
    a.str('publishSwagger'),
    a.str('binds-to'),
    a.str('transports'),
    a.enum('statistics', ['enable', 'disable']),
    a.enum('trace', ['enable', 'disable']),
    a.description(),
  ],
  'elements',
  [child(resourceDescriptor, { multiple: true, required: true }), child(el('handlers', [], 'elements', [child(handlerDescriptor, { multiple: true })])), child(el('cors', [], 'xml')), child(el('description', [], 'text'))],
);

export const apiArtifact: ArtifactDefinition = {
  kind: 'api',
  rootElement: 'api',
  descriptor: apiDescriptor,
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    let context = node.attrs.context ?? '/';
    if (!context.startsWith('/')) env.report('SYN004', `API context '${context}' must start with '/'`, node.attrLocs.context ?? node.loc);
    const version = node.attrs.version;
    const versionType = node.attrs['version-type'] as 'url' | 'context' | undefined;
    if (version && !versionType) env.report('SYN003', `API ${name} has a version but no version-type (context or url)`, node.attrLocs.version ?? node.loc);
    if (versionType === 'context') {
      if (!context.includes('{version}')) env.report('SYN004', `API ${name}: version-type "context" needs {version} in the context`, node.attrLocs.context ?? node.loc);
      context = context.replace('{version}', version ?? '');
    }
    if (context.length > 1 && context.endsWith('/')) context = context.slice(0, -1);
    const base = `api:${name}`;
    const resources = childrenNamed(node, 'resource').map((r, i) => compileResource(r, i, env, `${base}/resource[${i}]`));
    const handlers: ApiHandler[] = [];
    const handlersNode = childNamed(node, 'handlers');
    for (const h of handlersNode ? childrenNamed(handlersNode, 'handler') : []) {
      const make = BUILT_IN_HANDLERS[h.attrs.class ?? ''];
      if (make) handlers.push(make(h));
      else env.report('SYN016', `API handler class '${h.attrs.class ?? ''}' is not available in this runtime (built in: ${Object.keys(BUILT_IN_HANDLERS).join(', ')})`, h.attrLocs.class ?? h.loc);
    }
    return { kind: 'api', name, value: { name, handlers, context, version, versionType, hostname: node.attrs.hostname, port: node.attrs.port ? Number(node.attrs.port) : undefined, resources, publishSwagger: node.attrs.publishSwagger?.trim() || undefined } };
  },
};

function compileResource(r: ConfigNode, index: number, env: CompileEnvImpl, path: string): ApiResource {
  const methods = (r.attrs.methods ?? '').split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
  for (const m of methods) if (!METHODS.includes(m)) env.report('SYN004', `unknown HTTP method '${m}' in resource methods`, r.attrLocs.methods ?? r.loc);
  if (r.attrs['uri-template'] !== undefined && r.attrs['url-mapping'] !== undefined) env.report('SYN004', 'a resource may have uri-template or url-mapping, not both', r.loc);
  let userAgent: RegExp | undefined;
  if (r.attrs['user-agent']) {
    try {
      userAgent = new RegExp(r.attrs['user-agent']);
    } catch {
      env.report('SYN007', `invalid user-agent pattern '${r.attrs['user-agent']}'`, r.attrLocs['user-agent'] ?? r.loc);
    }
  }
  return {
    index,
    methods,
    uriTemplate: r.attrs['uri-template'],
    urlMapping: r.attrs['url-mapping'],
    protocol: r.attrs.protocol,
    contentType: r.attrs['content-type'],
    userAgent,
    inSequence: flow(r, 'inSequence', 'in', env, path),
    outSequence: flow(r, 'outSequence', 'out', env, path),
    faultSequence: flow(r, 'faultSequence', 'fault', env, path),
  };
}

/** A resource or proxy flow: inline child element, or a key attribute naming a sequence. */
export function flow(owner: ConfigNode, element: string, short: string, env: CompileEnvImpl, base: string): CompiledSequence | undefined {
  const inline = childNamed(owner, element);
  const path = `${base}/${short}`;
  if (inline) return { path, steps: env.mediators(inline.mediators, path), onError: inline.attrs.onError, file: env.file };
  const key = owner.attrs[element];
  if (key === undefined) return undefined;
  const resolve = env.sequenceRef(key, owner.attrLocs[element] ?? owner.loc, owner.namespaces);
  // A keyed flow delegates to the named sequence at run time, so redeploying it takes effect.
  return {
    path,
    file: env.file,
    steps: [
      {
        kind: 'sequence',
        path: `${path}/0`,
        loc: { file: env.file, line: owner.loc.line, col: owner.loc.col },
        contentAware: false,
        run: (ctx) => runSequence(resolve(ctx), ctx),
      },
    ],
  };
}
