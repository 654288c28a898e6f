/** The XSD set of everything the engine's catalog knows (artifacts, mediators, endpoints through them). */
import { artifactDefinitions, buildXsdSet, mediatorDefinitions, type XsdFile } from '../../../engine/index.js';

export function catalogXsdSet(): XsdFile[] {
  return buildXsdSet({
    artifacts: artifactDefinitions.map((d) => ({ descriptor: d.descriptor })),
    mediators: mediatorDefinitions.map((m) => ({ descriptor: m.descriptor, help: m.editor.help })),
  });
}
