/**
 * Finding the HL7 message in a flow's XML (the `{http://wso2.org/hl7}message` element, in a SOAP
 * body or as the document itself, as MI's HL7MessageUtils.payloadToHL7Message and the HL7
 * sender look for it) and turning it into ER7 text.
 */
import { parseXmlStrict } from '../../../xml/dom.js';
import { encodeEr7, fromHapiXml, HL7_WSO2_NS, rawMessageText } from '../../../hl7/index.js';

export class Hl7PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Hl7PayloadError';
  }
}

function findMessageElement(doc: Document): Element | undefined {
  const root = doc.documentElement;
  if (!root) return undefined;
  if (root.namespaceURI === HL7_WSO2_NS && root.localName === 'message') return root;
  const found = root.getElementsByTagNameNS(HL7_WSO2_NS, 'message');
  return found.length > 0 ? (found.item(0) as Element) : undefined;
}

/** The ER7 text of the HL7 message in `xml`; a rawMessage is returned as written. Throws Hl7PayloadError. */
export function er7FromPayload(xml: string): string {
  let doc: Document;
  try {
    doc = parseXmlStrict(xml);
  } catch (e) {
    throw new Hl7PayloadError(`The payload is not XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const el = findMessageElement(doc);
  if (!el) throw new Hl7PayloadError(`Could not find HL7 response in required XML format. Please ensure XML payload contains response inside message tags with namespace ${HL7_WSO2_NS}.`);
  const raw = rawMessageText(el);
  if (raw !== undefined) return raw;
  try {
    return encodeEr7(fromHapiXml(el));
  } catch (e) {
    throw new Hl7PayloadError(`The HL7 XML message cannot be written as ER7: ${e instanceof Error ? e.message : String(e)}`);
  }
}
