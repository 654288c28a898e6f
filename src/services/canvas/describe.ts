/** What a node shows: label, a one-line summary of its settings, its endpoint. */
import { endpointDefinitions, mediatorDefinitions, type ConfigNode } from '../../../engine/index.js';
import type { FlowEndpoint } from '../../contract/canvas.js';

const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';

/** Mediator kind of an element name (local name in the Synapse namespace); `connector` for `lib.op`; undefined otherwise. */
export function kindOfElement(local: string): string | undefined {
  const def = mediatorDefinitions.find((m) => m.descriptor.element === local && (m.descriptor.ns === undefined || m.descriptor.ns === SYNAPSE_NS));
  if (def) return def.kind;
  return local.includes('.') ? 'connector' : undefined;
}

export function editorOf(kind: string) {
  return mediatorDefinitions.find((m) => m.kind === kind)?.editor;
}

export function labelOf(kind: string, element: string): string {
  if (kind === 'connector') return element;
  return editorOf(kind)?.label ?? element;
}

export function groupOf(kind: string): string {
  if (kind === 'connector') return 'connectors';
  return editorOf(kind)?.group ?? 'extension';
}

const SUMMARY_ATTRS = ['name', 'key', 'expression', 'xpath', 'source', 'target', 'value', 'level', 'media-type', 'language', 'id'];

/** A short summary of the settings a reader looks for first. */
export function detailOf(kind: string, attrs: Record<string, string>): string | undefined {
  const pick = (...names: string[]) => names.map((n) => attrs[n]).find((v) => v !== undefined && v !== '');
  switch (kind) {
    case 'log':
      return [pick('level') ?? 'simple', pick('category')].filter(Boolean).join(' · ');
    case 'property':
    case 'variable': {
      const value = pick('value', 'expression');
      return `${attrs.name ?? ''}${attrs.action === 'remove' ? ' (remove)' : value !== undefined ? ` = ${value}` : ''}`;
    }
    case 'filter':
      return attrs.xpath ?? (attrs.source !== undefined ? `${attrs.source} ~ ${attrs.regex ?? ''}` : undefined);
    case 'payloadFactory':
      return attrs['media-type'] ?? 'xml';
    default: {
      for (const n of SUMMARY_ATTRS) if (attrs[n]) return attrs[n];
      return undefined;
    }
  }
}

/** The label of an endpoint node of kind `kind` (address, failover, key ...). */
export function endpointLabel(kind: string): string {
  if (kind === 'key') return 'Endpoint reference';
  if (kind === 'template') return 'Template endpoint';
  return endpointDefinitions.find((e) => e.kind === kind)?.editor.label ?? 'Endpoint';
}

/** An `<endpoint>` element as the diagram shows it. */
export function describeEndpoint(ep: ConfigNode): FlowEndpoint {
  if (ep.attrs.key !== undefined) return { kind: 'key', key: ep.attrs.key };
  if (ep.attrs['key-expression'] !== undefined) return { kind: 'key', key: ep.attrs['key-expression'] };
  if (ep.attrs.template !== undefined) return { kind: 'template', key: ep.attrs.template };
  const inner = ep.children.find((c) => c.element !== 'property' && c.element !== 'description' && c.element !== 'parameter');
  if (!inner) return { kind: 'default' };
  const out: FlowEndpoint = { kind: inner.element };
  const address = inner.attrs.uri ?? inner.attrs['uri-template'] ?? inner.attrs.wsdlURI;
  if (address !== undefined) out.address = address;
  if (inner.attrs.method !== undefined) out.method = inner.attrs.method;
  const nested = inner.children.filter((c) => c.element === 'endpoint');
  if (nested.length) out.children = nested.map(describeEndpoint);
  return out;
}

export function endpointSummary(ep: FlowEndpoint): string {
  if (ep.kind === 'key' || ep.kind === 'template') return ep.key ?? '';
  if (ep.address) return `${ep.method ? ep.method.toUpperCase() + ' ' : ''}${ep.address}`;
  if (ep.children) return `${ep.kind} (${ep.children.length})`;
  return ep.kind;
}
