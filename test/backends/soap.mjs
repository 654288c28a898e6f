// Reading incoming SOAP 1.1 / SOAP 1.2 / POX messages and writing replies in
// the same flavour, the way an Axis2 server answers.
import { childElements, childNamed, firstChildElement, parseXml, textOf, escapeText } from './xml-lite.mjs';
import { contentTypeParam, mediaTypeOf } from './http-kit.mjs';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** @typedef {'soap11' | 'soap12' | 'pox'} MessageKind */

/**
 * @typedef {object} IncomingMessage
 * @property {MessageKind} kind
 * @property {import('./xml-lite.mjs').XmlElement | null} payload  first child of the Body (or the POX root)
 * @property {string | null} soapAction   SOAPAction header or Content-Type `action` parameter
 * @property {string | null} wsaAction    WS-Addressing Action header block
 * @property {string} mediaType           request media type, lower-cased
 */

/**
 * Classifies and parses a request body. The envelope namespace decides the SOAP
 * version; a body without an envelope is POX. Throws XmlSyntaxError on bad XML.
 * @param {string} body
 * @param {Record<string, string | string[] | undefined>} headers
 * @returns {IncomingMessage}
 */
export function readMessage(body, headers) {
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  const mediaType = mediaTypeOf(contentType);
  const soapActionHeader = typeof headers.soapaction === 'string' ? headers.soapaction.trim().replace(/^"(.*)"$/, '$1') : '';
  const soapAction = soapActionHeader || contentTypeParam(contentType, 'action') || null;
  if (body.trim() === '') return { kind: kindFromMediaType(mediaType), payload: null, soapAction, wsaAction: null, mediaType };

  const root = parseXml(body);
  const version = root.local === 'Envelope' && (root.ns === SOAP11_NS || root.ns === SOAP12_NS) ? root.ns : null;
  if (!version) return { kind: 'pox', payload: root, soapAction, wsaAction: null, mediaType };

  const header = childNamed(root, 'Header', version);
  const actionBlock = header ? childElements(header).find((e) => e.local === 'Action') : undefined;
  const bodyElement = childNamed(root, 'Body', version);
  return {
    kind: version === SOAP11_NS ? 'soap11' : 'soap12',
    payload: bodyElement ? firstChildElement(bodyElement) : null,
    soapAction,
    wsaAction: actionBlock ? textOf(actionBlock).trim() : null,
    mediaType,
  };
}

/** @param {string} mediaType @returns {MessageKind} */
function kindFromMediaType(mediaType) {
  if (mediaType === 'application/soap+xml') return 'soap12';
  if (mediaType === 'text/xml') return 'soap11';
  return 'pox';
}

/** @param {MessageKind} kind */
function envelopeNs(kind) {
  return kind === 'soap12' ? SOAP12_NS : SOAP11_NS;
}

/**
 * Content-Type for a reply of this kind. POX replies reuse the request's XML
 * media type (Axis2 REST behaviour), defaulting to application/xml.
 * @param {MessageKind} kind
 * @param {{ action?: string, requestMediaType?: string }} [options]
 */
export function replyContentType(kind, options = {}) {
  if (kind === 'soap11') return 'text/xml; charset=UTF-8';
  if (kind === 'soap12') {
    return options.action ? `application/soap+xml; charset=UTF-8; action="${options.action}"` : 'application/soap+xml; charset=UTF-8';
  }
  const requested = options.requestMediaType ?? '';
  const media = requested === 'text/xml' || requested === 'application/xml' ? requested : 'application/xml';
  return `${media}; charset=UTF-8`;
}

const PROLOG = "<?xml version='1.0' encoding='UTF-8'?>";

/**
 * The reply document: a SOAP envelope of the request's version, or the bare payload for POX.
 * @param {MessageKind} kind
 * @param {string} payloadXml
 */
export function replyDocument(kind, payloadXml) {
  if (kind === 'pox') return PROLOG + payloadXml;
  return `${PROLOG}<soapenv:Envelope xmlns:soapenv="${envelopeNs(kind)}"><soapenv:Body>${payloadXml}</soapenv:Body></soapenv:Envelope>`;
}

/**
 * A SOAP fault element in the version's shape (Axis2 style). POX replies carry
 * the SOAP 1.1 fault element without an envelope.
 * @param {MessageKind} kind
 * @param {'Server' | 'Client'} code   SOAP 1.1 names; mapped to Receiver/Sender for 1.2
 * @param {string} reason
 */
export function faultXml(kind, code, reason) {
  if (kind === 'soap12') {
    const value = code === 'Server' ? 'Receiver' : 'Sender';
    return `<soapenv:Fault xmlns:soapenv="${SOAP12_NS}"><soapenv:Code><soapenv:Value>soapenv:${value}</soapenv:Value></soapenv:Code>` +
      `<soapenv:Reason><soapenv:Text xml:lang="en-US">${escapeText(reason)}</soapenv:Text></soapenv:Reason><soapenv:Detail/></soapenv:Fault>`;
  }
  return `<soapenv:Fault xmlns:soapenv="${SOAP11_NS}"><faultcode>soapenv:${code}</faultcode>` +
    `<faultstring>${escapeText(reason)}</faultstring><detail/></soapenv:Fault>`;
}
