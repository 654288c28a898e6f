/**
 * localEntry: a text value, an inline XML element, or a `src` URL (read by the
 * host at load time). A local entry whose element is a sequence or endpoint
 * also serves `sequence key=` / `endpoint key=` references, as in MI.
 */
import { el, a } from '../../model/descriptor.js';
import type { ArtifactDefinition } from '../types.js';
import { SYNAPSE_NS } from '../../xml/dom.js';
import { parseElement, ParseContext } from '../../model/parse.js';
import { findMediator } from '../../mediators/index.js';
import { sequenceDescriptor } from '../sequence/index.js';
import { endpointArtifact } from '../endpoint/index.js';

export const localEntryArtifact: ArtifactDefinition = {
  kind: 'local-entry',
  rootElement: 'localEntry',
  descriptor: el('localEntry', [a.str('key', { required: true }), a.str('src'), a.description()], 'xml'),
  nameOf: (node) => node.attrs.key ?? '',
  compile(node, env) {
    const key = node.attrs.key ?? '';
    const element = node.raw?.find((n) => n.nodeType === 1) as Element | undefined;
    if (!element) {
      const text = (node.raw ?? []).map((n) => n.nodeValue ?? '').join('');
      if (node.attrs.src !== undefined && text.trim() === '') return { kind: 'local-entry', name: key, value: { kind: 'text', text: '' }, src: node.attrs.src };
      return { kind: 'local-entry', name: key, value: { kind: 'text', text: text.trim() } };
    }
    const pc = new ParseContext(env.file, (ns, local) => {
      const d = findMediator(ns, local);
      return d ? { kind: d.kind, descriptor: d.descriptor } : undefined;
    });
    if (element.namespaceURI === SYNAPSE_NS && element.localName === 'sequence') {
      const seqNode = parseElement(element, { ...sequenceDescriptor, attributes: sequenceDescriptor.attributes.map((x) => ({ ...x, required: false })) }, pc);
      for (const d of pc.diagnostics) env.diagnostics.push(d);
      const path = `local-entry:${key}`;
      return { kind: 'local-entry', name: key, value: { kind: 'xml', element }, sequence: { name: key, path, steps: env.mediators(seqNode.mediators, path), onError: seqNode.attrs.onError, file: env.file } };
    }
    if (element.namespaceURI === SYNAPSE_NS && element.localName === 'endpoint') {
      const epNode = parseElement(element, { ...endpointArtifact.descriptor, attributes: endpointArtifact.descriptor.attributes.map((x) => ({ ...x, required: false })) }, pc);
      for (const d of pc.diagnostics) env.diagnostics.push(d);
      const compiled = endpointArtifact.compile({ ...epNode, attrs: { ...epNode.attrs, name: epNode.attrs.name ?? key } }, env);
      return { kind: 'local-entry', name: key, value: { kind: 'xml', element }, endpoint: compiled.kind === 'endpoint' ? compiled.value : undefined };
    }
    return { kind: 'local-entry', name: key, value: { kind: 'xml', element } };
  },
};
