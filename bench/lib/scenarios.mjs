// The scenario catalog: which artifact under bench/scenarios each scenario deploys, how it
// is called, which mediators it needs, and which references it is compared with.
// Comparisons: scenarios that route on the JSON body are compared with the plain-Node and
// Node-RED JSON routers; every other scenario with their pass-through proxies (so the ratio
// shows what the mediation costs over forwarding the same bytes).
import { ROUTING_VALUE } from './payloads.mjs';

const JSON_CT = 'application/json';
const XML_CT = 'application/xml';
const SOAP_CT = 'text/xml; charset=UTF-8';

export const SCENARIOS = [
  { id: 'direct', label: 'direct proxy (pass-through)', proxy: 'DirectProxy', payload: 'json', contentType: JSON_CT, mediators: [], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: true },
  { id: 'cbr-json', label: 'CBR on a JSON body field', proxy: 'CBRJsonProxy', payload: 'json', contentType: JSON_CT, mediators: ['filter', 'call', 'respond', 'sequence'], refs: { node: 'node-cbr', nodered: 'nodered-cbr' }, echoesBody: true },
  { id: 'cbr-xpath', label: 'CBR on an XML body (XPath)', proxy: 'CBRXPathProxy', payload: 'xml', contentType: XML_CT, mediators: ['filter', 'call', 'respond', 'sequence'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: false },
  { id: 'cbr-header', label: 'CBR on a transport header', proxy: 'CBRTransportHeaderProxy', payload: 'json', contentType: JSON_CT, headers: { routing: ROUTING_VALUE }, mediators: ['switch', 'call', 'respond', 'sequence'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: true },
  { id: 'cbr-soap-header', label: 'CBR on a SOAP header', proxy: 'CBRSOAPHeaderProxy', payload: 'soap', contentType: SOAP_CT, headers: { SOAPAction: 'urn:buyStocks' }, mediators: ['filter', 'call', 'respond', 'sequence'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: false },
  { id: 'payload-factory-json', label: 'payloadFactory JSON transformation', proxy: 'PayloadFactoryJsonProxy', payload: 'json', contentType: JSON_CT, mediators: ['payloadFactory', 'call', 'respond'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: false },
  { id: 'xslt', label: 'XSLT transformation', proxy: 'XSLTProxy', payload: 'xml', contentType: XML_CT, mediators: ['xslt', 'call', 'respond'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: false },
  { id: 'json-to-xml', label: 'JSON to XML conversion', proxy: 'JsonToXmlProxy', payload: 'json', contentType: JSON_CT, mediators: ['property', 'call', 'respond'], refs: { node: 'node-proxy', nodered: 'nodered-pt' }, echoesBody: false },
];

/**
 * The messaging flow of the soak (not in the bench matrix: the client's 202 is no pass-through to
 * compare with; bench/messaging.mjs measures stores against their references). The client is
 * answered 202 once the message is in the embedded SQLite store, and a forwarding processor
 * delivers it to BenchDeliveredEP, which the soak points at a counting backend of its own.
 */
export const MESSAGING_SCENARIO = {
  id: 'store-forward',
  label: 'store and forward (SQLite JDBC store, forwarding processor)',
  proxy: 'StoreForwardProxy',
  payload: 'json',
  contentType: JSON_CT,
  mediators: ['property', 'store'],
  artifacts: ['message-stores/BenchStore.xml', 'message-processors/BenchForwarder.xml', 'endpoints/BenchDeliveredEP.xml'],
  expectStatus: 202,
  delivers: true,
};

/** Artifacts every scenario may use (besides its own proxy file). */
export const SHARED_ARTIFACTS = ['endpoints/BenchEchoEP.xml', 'sequences/BenchNoRoute.xml', 'local-entries/BenchOrdersTransform.xml'];

/** Scenarios whose mediators are all registered, and the others with the reason they are skipped. */
export function splitByMediators(scenarios, registered) {
  const runnable = [];
  const skipped = [];
  for (const s of scenarios) {
    const missing = s.mediators.filter((m) => !registered.has(m));
    if (missing.length === 0) runnable.push(s);
    else skipped.push({ scenario: s, reason: `mediator${missing.length > 1 ? 's' : ''} not registered in this build: ${missing.join(', ')}` });
  }
  return { runnable, skipped };
}
