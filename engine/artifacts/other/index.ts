/**
 * Artifacts the runtime parses and lists but does not run yet (inbound
 * endpoints, tasks, message stores and processors, data services, data
 * sources). They deploy with a warning so the rest of a project keeps serving.
 */
import { el, a } from '../../model/descriptor.js';
import type { ArtifactDefinition, ArtifactKind, DeployedArtifact } from '../types.js';
import { messageStoreArtifact } from '../../messaging/message-store/artifact.js';
import { messageProcessorArtifact } from '../../messaging/message-processor/artifact.js';
import { dataServiceArtifact, dataSourceArtifact } from '../../dataservices/artifact.js';

function passive(kind: ArtifactKind, rootElement: string, nameAttr: string, ns?: string | null): ArtifactDefinition {
  return {
    kind,
    rootElement,
    ns,
    descriptor: el(rootElement, [a.str(nameAttr, { required: true })], 'xml', undefined, { ns }),
    nameOf: (node) => node.attrs[nameAttr] ?? '',
    compile(node, env) {
      env.report('SYN013', `${kind} artifacts are not run by this runtime yet; ${node.attrs[nameAttr] ?? ''} is listed but inactive`, node.loc, 'warning');
      return { kind, name: node.attrs[nameAttr] ?? '', value: node } as unknown as DeployedArtifact;
    },
  };
}

export const passiveArtifacts: ArtifactDefinition[] = [
  messageStoreArtifact,
  messageProcessorArtifact,
  dataServiceArtifact,
  dataSourceArtifact,
];
