// Request bodies of exact byte sizes, shaped like WSO2's buyStocks sample (a list of
// orders whose first symbol is IBM, padded to the size). Three shapes: JSON, plain XML
// and a SOAP 1.1 envelope carrying the routing header the SOAP-header router tests.
import fs from 'node:fs';
import path from 'node:path';

export const SOAP_ROUTING_NS = 'http://bench.mediate.dev/routing';
export const ROUTING_VALUE = 'xadmin;server1;community#1.0##';

const order = (i) => ({ symbol: i === 0 ? 'IBM' : ['SUN', 'MSFT', 'IBM', 'N'][i % 4], buyerID: 'buyer' + i, price: 140.34, volume: 2000 + i });

const renderers = {
  json: (orders, pad) => JSON.stringify({ order: orders, pad }),
  xml: (orders, pad) => `<orders>${orders.map(xmlOrder).join('')}<pad>${pad}</pad></orders>`,
  soap: (orders, pad) =>
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soapenv:Header><r:routing xmlns:r="${SOAP_ROUTING_NS}">${ROUTING_VALUE}</r:routing></soapenv:Header>` +
    `<soapenv:Body>${renderers.xml(orders, pad)}</soapenv:Body></soapenv:Envelope>`,
};

function xmlOrder(o) {
  return `<order><symbol>${o.symbol}</symbol><buyerID>${o.buyerID}</buyerID><price>${o.price}</price><volume>${o.volume}</volume></order>`;
}

/** The body of `kind` ('json' | 'xml' | 'soap') that is exactly `size` bytes long. */
export function makePayload(kind, size) {
  const render = renderers[kind];
  if (!render) throw new Error(`unknown payload kind ${kind}`);
  const orders = [];
  while (render([...orders, order(orders.length)], '').length <= size) orders.push(order(orders.length));
  if (orders.length === 0) throw new Error(`${size} bytes is too small for a ${kind} payload`);
  const text = render(orders, 'x'.repeat(size - render(orders, '').length));
  if (Buffer.byteLength(text) !== size) throw new Error(`payload size ${Buffer.byteLength(text)} != ${size}`);
  return text;
}

/** Writes every kind x size into `dir` as payload-<kind>-<size>.<ext>; returns a lookup (kind, size) -> file. */
export function writePayloads(dir, kinds, sizes) {
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map();
  for (const kind of kinds) {
    for (const size of sizes) {
      const file = path.join(dir, `payload-${kind}-${size}.${kind === 'json' ? 'json' : 'xml'}`);
      fs.writeFileSync(file, makePayload(kind, size));
      files.set(`${kind}:${size}`, file);
    }
  }
  return (kind, size) => files.get(`${kind}:${size}`);
}
