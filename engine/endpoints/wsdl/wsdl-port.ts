/**
 * Finding an endpoint address in a WSDL, as Synapse's WSDL11EndpointBuilder /
 * WSDL20EndpointBuilder do: service by name, port (WSDL 2.0: endpoint) by
 * name, and its soap:address (SOAP 1.1) or soap12:address (SOAP 1.2)
 * location. WSDL 2.0 endpoints are SOAP 1.2 unless their binding says 1.1.
 */
import type { EndpointFormat } from '../send-http.js';

const WSDL11 = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL20 = 'http://www.w3.org/ns/wsdl';
const SOAP11_BINDING = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12_BINDING = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const HTTP_BINDING = 'http://schemas.xmlsoap.org/wsdl/http/';

export interface WsdlPort {
  address: string;
  format: EndpointFormat;
}

/** The address of `service`/`port`, or an error message naming what is missing. */
export function findWsdlPort(root: Element, service: string, port: string): WsdlPort | { error: string } {
  const ns = root.namespaceURI;
  if (ns !== WSDL11 && ns !== WSDL20) return { error: `not a WSDL document (root element {${ns ?? ''}}${root.localName})` };
  const services = children(root, ns, 'service');
  const svc = services.find((s) => s.getAttribute('name') === service);
  if (!svc) return { error: `Couldn't find the service ${service} in the WSDL (services: ${services.map((s) => s.getAttribute('name')).join(', ') || 'none'})` };
  const ports = children(svc, ns, ns === WSDL11 ? 'port' : 'endpoint');
  const p = ports.find((x) => x.getAttribute('name') === port);
  if (!p) return { error: `Couldn't find the port ${port} of service ${service} in the WSDL (ports: ${ports.map((x) => x.getAttribute('name')).join(', ') || 'none'})` };
  if (ns === WSDL20) {
    const address = p.getAttribute('address');
    if (!address) return { error: `endpoint ${port} of service ${service} has no address` };
    return { address, format: soap11Binding20(root, p.getAttribute('binding') ?? '') ? 'soap11' : 'soap12' };
  }
  for (let n = p.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.localName !== 'address') continue;
    const location = e.getAttribute('location');
    if (!location) continue;
    if (e.namespaceURI === SOAP11_BINDING) return { address: location, format: 'soap11' };
    if (e.namespaceURI === SOAP12_BINDING) return { address: location, format: 'soap12' };
    if (e.namespaceURI === HTTP_BINDING) return { address: location, format: undefined };
  }
  return { error: `port ${port} of service ${service} has no soap:address, soap12:address or http:address` };
}

function children(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName && (n as Element).namespaceURI === ns) out.push(n as Element);
  }
  return out;
}

function soap11Binding20(root: Element, bindingQName: string): boolean {
  const local = bindingQName.includes(':') ? bindingQName.slice(bindingQName.indexOf(':') + 1) : bindingQName;
  const binding = children(root, WSDL20, 'binding').find((b) => b.getAttribute('name') === local);
  const version = binding?.getAttributeNS('http://www.w3.org/ns/wsdl/soap', 'version');
  return version === '1.1';
}
