/**
 * MI builds a broker message before mediation; one that cannot be built (malformed JSON or
 * XML for its content type) is a failed delivery (dead-lettered / rolled back), not a fault
 * half-way through the flow. This checks the body the way the builder for its type would.
 */
import { builderFor } from '../../../core/content-type.js';
import { parseXmlStrict } from '../../../xml/dom.js';

/** undefined when the body can be built; otherwise the reason. */
export function buildProblem(contentType: string | undefined, body: Uint8Array): string | undefined {
  if (body.length === 0) return undefined;
  const builder = builderFor(contentType);
  const text = () => new TextDecoder().decode(body);
  try {
    if (builder === 'json') JSON.parse(text());
    else if (builder === 'soap11' || builder === 'soap12' || builder === 'pox') parseXmlStrict(text());
  } catch (e) {
    return `the ${contentType} payload cannot be built: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  return undefined;
}
