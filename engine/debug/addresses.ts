/**
 * Resolving MI's mediation-component objects (debug-protocol.md A.4) against
 * the deployed configuration: which of our flows and positions they name, or
 * MI's failure reason when they name nothing.
 */
import type { ConfigNode, MediatorNode } from '../model/node.js';
import { childNamed, childrenNamed } from '../model/node.js';
import { parsePosition, positionExists, type FlowPoint } from './positions.js';

/** The parsed trees of deployed artifacts (what the debugger validates positions against). */
export interface DebugConfigView {
  tree(kind: 'api' | 'proxy' | 'sequence' | 'template' | 'inbound-endpoint', name: string): ConfigNode | undefined;
  /** Every deployed tree of a kind (APIs are found by name or `name:vVersion`). */
  trees(kind: 'api'): ConfigNode[];
}

/** MI's failure reasons, word for word. */
export const Reasons = {
  commandNotFound: 'command not found',
  unableToRegister: 'unable to register mediation flow point',
  unableToAcquire: 'unable to acquire message context properties',
  unableToAlter: 'unable to alter message context property',
  apiResourceNotFound: 'api resource not found',
  apiNotFound: 'api not found',
  proxyNotFound: 'proxy not found',
  inboundNotFound: 'inbound not found',
  alreadySkipEnabled: 'already skip enabled at mediator position',
  alreadySkipDisabled: 'already skip disabled at mediator position',
  alreadyBreakpointEnabled: 'already breakpoint enabled at mediator position',
  alreadyBreakpointDisabled: 'already breakpoint disabled at mediator position',
  nonExistingPosition: 'non existing mediator position',
  nonExistingSequence: 'non existing sequence',
  nonExistingTemplate: 'non existing template',
  unableToAcquireVariables: 'unable to acquire message variables',
  unableToAlterVariable: 'unable to alter message variable',
} as const;

export type JsonObject = Record<string, unknown>;

/** A resolved address: the flow points it names and the object events echo back. */
export interface ResolvedAddress {
  points: FlowPoint[];
  /** `mediation-component` of events. */
  component: 'sequence' | 'template';
  /** The component object as events carry it (API resources use `mapping`). */
  echo: JsonObject;
}

export type Resolution = { ok: true; address: ResolvedAddress } | { ok: false; reason: string };

const fail = (reason: string): Resolution => ({ ok: false, reason });

/** `component`: the command's `mediation-component`; `body`: the object under that key. */
export function resolveAddress(view: DebugConfigView, component: unknown, body: unknown): Resolution {
  if (!body || typeof body !== 'object') return fail(Reasons.unableToRegister);
  const o = body as JsonObject;
  if (component === 'template') {
    const key = String(o['template-key'] ?? '');
    const tree = view.tree('template', key);
    const seq = tree ? childNamed(tree, 'sequence') : undefined;
    if (!tree || !seq) return fail(Reasons.nonExistingTemplate);
    return withPosition(o['mediator-position'], seq.mediators, `template:${key}`, 'template', { 'template-key': key });
  }
  if (component !== 'sequence') return fail(Reasons.unableToRegister);
  if (o.api && typeof o.api === 'object') return resolveApi(view, o.api as JsonObject);
  if (o.proxy && typeof o.proxy === 'object') return resolveProxy(view, o.proxy as JsonObject);
  if (o.inbound && typeof o.inbound === 'object') return resolveInbound(view, o.inbound as JsonObject);
  if (String(o['sequence-type'] ?? '').toLowerCase() !== 'named') return fail(Reasons.unableToRegister);
  const key = String(o['sequence-key'] ?? '');
  const tree = view.tree('sequence', key);
  if (!tree) return fail(Reasons.nonExistingSequence);
  return withPosition(o['mediator-position'], tree.mediators, `sequence:${key}`, 'sequence', { 'sequence-type': 'named', 'sequence-key': key });
}

function withPosition(positionText: unknown, list: readonly MediatorNode[] | undefined, flow: string | string[], component: 'sequence' | 'template', echo: JsonObject, wrap?: (inner: JsonObject) => JsonObject): Resolution {
  const position = parsePosition(positionText);
  if (!position || !positionExists(list, position)) return fail(Reasons.nonExistingPosition);
  const inner = { ...echo, 'mediator-position': position.join(' ') };
  const flows = Array.isArray(flow) ? flow : [flow];
  return { ok: true, address: { points: flows.map((f) => ({ flow: f, position })), component, echo: wrap ? wrap(inner) : inner } };
}

/** The mediators of a resource/proxy flow: the inline element's list, or one `sequence` step when the flow is a key. */
function flowList(owner: ConfigNode, element: string): readonly MediatorNode[] | undefined {
  const inline = childNamed(owner, element);
  if (inline) return inline.mediators ?? [];
  const key = owner.attrs[element];
  if (key === undefined) return undefined;
  return [{ kind: 'sequence', node: { ...owner, element: 'sequence', children: [], mediators: [] }, loc: owner.loc }];
}

const SEQUENCE_TYPES: Record<string, { element: string; short: string }> = {
  api_inseq: { element: 'inSequence', short: 'in' },
  api_outseq: { element: 'outSequence', short: 'out' },
  api_faultseq: { element: 'faultSequence', short: 'fault' },
  proxy_inseq: { element: 'inSequence', short: 'in' },
  proxy_outseq: { element: 'outSequence', short: 'out' },
  proxy_faultseq: { element: 'faultSequence', short: 'fault' },
};

function apiKeyOf(tree: ConfigNode): string[] {
  const name = tree.attrs.name ?? '';
  return tree.attrs.version ? [`${name}:v${tree.attrs.version}`, name] : [name];
}

function resolveApi(view: DebugConfigView, o: JsonObject): Resolution {
  const key = String(o['api-key'] ?? '');
  const tree = view.trees('api').find((t) => apiKeyOf(t).includes(key));
  if (!tree) return fail(Reasons.apiNotFound);
  const resource = (o.resource && typeof o.resource === 'object' ? o.resource : {}) as JsonObject;
  const methods = String(resource.method ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
  const uriTemplate = resource['uri-template'] as string | undefined;
  const urlMapping = resource['url-mapping'] as string | undefined;
  const resources = childrenNamed(tree, 'resource');
  const matches = (r: ConfigNode, method: string) => {
    const mapped = uriTemplate !== undefined ? r.attrs['uri-template'] === uriTemplate : urlMapping !== undefined ? r.attrs['url-mapping'] === urlMapping : r.attrs['uri-template'] === undefined && r.attrs['url-mapping'] === undefined;
    const rMethods = (r.attrs.methods ?? '').split(/[\s,]+/).filter(Boolean).map((m) => m.toUpperCase());
    return mapped && (rMethods.length === 0 || rMethods.includes(method));
  };
  const indices = new Set<number>();
  for (const m of methods.length ? methods : ['']) {
    const i = resources.findIndex((r) => (m ? matches(r, m) : matches(r, (r.attrs.methods ?? '').split(/[\s,]+/)[0]?.toUpperCase() ?? '')));
    if (i < 0) return fail(Reasons.apiResourceNotFound);
    indices.add(i);
  }
  const type = String(o['sequence-type'] ?? '').toLowerCase();
  const seqType = SEQUENCE_TYPES[type];
  if (!seqType || !type.startsWith('api_')) return fail(Reasons.unableToRegister);
  const first = resources[[...indices][0]!]!;
  const list = flowList(first, seqType.element);
  if (!list) return fail(Reasons.nonExistingPosition);
  const flows = [...indices].map((i) => `api:${tree.attrs.name}/resource[${i}]/${seqType.short}`);
  const mapping = uriTemplate ?? urlMapping;
  const echoResource: JsonObject = mapping !== undefined ? { mapping, method: resource.method } : { method: resource.method };
  return withPosition(o['mediator-position'], list, flows, 'sequence', { 'sequence-type': type }, (inner) => ({ api: { 'api-key': key, resource: echoResource, ...inner } }));
}

function resolveProxy(view: DebugConfigView, o: JsonObject): Resolution {
  const key = String(o['proxy-key'] ?? '');
  const tree = view.tree('proxy', key);
  if (!tree) return fail(Reasons.proxyNotFound);
  const type = String(o['sequence-type'] ?? '').toLowerCase();
  const seqType = SEQUENCE_TYPES[type];
  if (!seqType || !type.startsWith('proxy_')) return fail(Reasons.unableToRegister);
  const target = childNamed(tree, 'target');
  const list = target ? flowList(target, seqType.element) : undefined;
  if (!list) return fail(Reasons.nonExistingPosition);
  return withPosition(o['mediator-position'], list, `proxy:${key}/${seqType.short}`, 'sequence', { 'proxy-key': key, 'sequence-type': type }, (inner) => ({ proxy: inner }));
}

function resolveInbound(view: DebugConfigView, o: JsonObject): Resolution {
  const key = String(o['inbound-key'] ?? '');
  const tree = view.tree('inbound-endpoint', key);
  if (!tree) return fail(Reasons.inboundNotFound);
  const type = String(o['sequence-type'] ?? '').toLowerCase();
  const seqName = type === 'inbound_seq' ? tree.attrs.sequence : type === 'inbound_faultseq' ? tree.attrs.onError : undefined;
  if (type !== 'inbound_seq' && type !== 'inbound_faultseq') return fail(Reasons.unableToRegister);
  const seq = seqName ? view.tree('sequence', seqName) : undefined;
  if (!seq || !seqName) return fail(Reasons.nonExistingSequence);
  return withPosition(o['mediator-position'], seq.mediators, `sequence:${seqName}`, 'sequence', { 'inbound-key': key, 'sequence-type': type }, (inner) => ({ inbound: inner }));
}
