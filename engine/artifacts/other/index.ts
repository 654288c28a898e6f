/**
 * Artifacts the runtime parses and lists but does not run yet (inbound
 * endpoints, tasks, message stores and processors, data services, data
 * sources). They deploy with a warning so the rest of a project keeps serving.
 */
import { el, a } from '../../model/descriptor.js';
import type { ArtifactDefinition, ArtifactKind } from '../types.js';
import type { ConfigNode } from '../../model/node.js';

function passive(kind: ArtifactKind, rootElement: string, nameAttr: string, ns?: string | null): ArtifactDefinition {
  return {
    kind,
    rootElement,
    ns,
    descriptor: el(rootElement, [a.str(nameAttr, { required: true })], 'xml', undefined, { ns }),
    nameOf: (node) => node.attrs[nameAttr] ?? '',
    compile(node, env) {
      env.report('SYN013', `${kind} artifacts are not run by this runtime yet; ${node.attrs[nameAttr] ?? ''} is listed but inactive`, node.loc, 'warning');
      return { kind: kind as 'data-service', name: node.attrs[nameAttr] ?? '', value: node };
    },
  };
}

export const passiveArtifacts: ArtifactDefinition[] = [
  passive('message-store', 'messageStore', 'name'),
  passive('message-processor', 'messageProcessor', 'name'),
  passive('data-service', 'data', 'name', null),
  dataSource(),
];

/** MI's data source names itself in a `<name>` child element (not an attribute). */
function dataSource(): ArtifactDefinition {
  const base = passive('data-source', 'datasource', 'name', null);
  const nameOf = (node: ConfigNode) => {
    const child = node.raw?.find((n) => n.nodeType === 1 && (n as Element).localName === 'name') as Element | undefined;
    return (child?.textContent ?? node.attrs.name ?? '').trim();
  };
  return {
    ...base,
    descriptor: el('datasource', [a.str('name')], 'xml', undefined, { ns: null }),
    nameOf,
    compile(node, env) {
      if (!nameOf(node)) env.report('SYN003', '<datasource> needs a <name>', node.loc);
      env.report('SYN013', `data-source artifacts are not run by this runtime yet; ${nameOf(node)} is listed but inactive`, node.loc, 'warning');
      return { kind: 'data-source', name: nameOf(node), value: node };
    },
  };
}
