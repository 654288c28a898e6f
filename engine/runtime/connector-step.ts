/**
 * Connector operations (`<lib.operation>`) are kept for round trip; running one
 * needs the connector library, which this runtime does not bundle yet, so it
 * faults with a clear message naming the operation.
 */
import type { ConfigNode } from '../model/node.js';
import type { Step } from '../core/step.js';
import type { CompileEnv } from '../model/definition.js';
import { MediationFault } from '../core/errors.js';

export function connectorStep(node: ConfigNode, path: string, env: CompileEnv): Step {
  env.report('SYN012', `connector operation <${node.element}> needs its connector, which this runtime does not provide yet`, node.loc, 'warning');
  return {
    kind: 'connector',
    path,
    loc: { file: node.loc.file, line: node.loc.line, col: node.loc.col },
    contentAware: false,
    async run() {
      throw new MediationFault(0, `Connector operation ${node.element} is not available in this runtime`);
    },
  };
}
