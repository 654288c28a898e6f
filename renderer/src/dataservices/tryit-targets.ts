/**
 * What Try-it can call in a data service (`<data>` of a .dbs): each REST
 * resource under /services/<Name>/<path>, and each SOAP operation as a SOAP
 * 1.1 request to /services/<Name> with its SOAPAction and a request element
 * holding the operation's parameters, as MI serves them.
 */
import type { TryItTarget } from '../tryit-prefill.js';

const DEFAULT_NAMESPACE = 'http://ws.wso2.org/dataservice';

export function dataServiceTargets(xml: string): TryItTarget[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'data' || root.getElementsByTagName('parsererror').length > 0) return [];
  const name = root.getAttribute('name') ?? '';
  const namespace = root.getAttribute('serviceNamespace') || DEFAULT_NAMESPACE;
  const base = `/services/${name}`;
  const children = Array.from(root.children);
  const paramsOf = (owner: Element) => Array.from(owner.getElementsByTagName('with-param')).map((w) => w.getAttribute('query-param') ?? w.getAttribute('name') ?? '');
  const targets: TryItTarget[] = [];
  for (const resource of children.filter((c) => c.localName === 'resource')) {
    const method = (resource.getAttribute('method') ?? 'GET').toUpperCase();
    const path = (resource.getAttribute('path') ?? '').replace(/^\/+/, '');
    const inPath = new Set(Array.from(path.matchAll(/\{([^}]+)\}/g), (m) => m[1]!));
    const rest = paramsOf(resource).filter((p) => p && !inPath.has(p));
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
    const query = !hasBody && rest.length ? `?${rest.map((p) => `${encodeURIComponent(p)}=`).join('&')}` : '';
    const body = hasBody ? JSON.stringify({ [`_${method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/\//g, '_').toLowerCase()}`]: Object.fromEntries(rest.map((p) => [p, ''])) }, null, 2) : '';
    targets.push({
      label: `${method} /${path}`,
      method,
      path: `${base}/${path}${query}`,
      headers: hasBody ? 'Content-Type: application/json\nAccept: application/json' : 'Accept: application/json',
      body,
    });
  }
  for (const op of children.filter((c) => c.localName === 'operation')) {
    const opName = op.getAttribute('name') ?? '';
    const fields = paramsOf(op)
      .filter(Boolean)
      .map((p) => `<p:${p}></p:${p}>`)
      .join('');
    targets.push({
      label: `SOAP ${opName}`,
      method: 'POST',
      path: base,
      headers: `Content-Type: text/xml; charset=UTF-8\nSOAPAction: urn:${opName}`,
      body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:p="${namespace}">\n  <soapenv:Body>\n    <p:${opName}>${fields}</p:${opName}>\n  </soapenv:Body>\n</soapenv:Envelope>`,
    });
  }
  return targets;
}
