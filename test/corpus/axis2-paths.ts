/**
 * Axis2 dispatches `/services/<Service>/<anything>/<more>` to <Service> (the
 * operation then comes from the SOAP action), so MI examples whose API appends
 * REST_URL_POSTFIX to an address endpoint (e.g. `/view/IBM`) still reach
 * SimpleStockQuoteService. The stand-in only accepts one operation segment and
 * answers 404 otherwise; this front forwards to it with the extra segments
 * dropped, and exposes the stand-in's state (hits, orders, lastRequests...).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from './runtime.js';

export async function axis2PathsFront(inner: Backend): Promise<Backend> {
  const server = http.createServer((req, res) => {
    const [p = '', q] = (req.url ?? '/').split('?', 2);
    const m = /^\/services\/([^/]+)\/[^/]+\/.+$/.exec(p);
    const path = (m ? `/services/${m[1]}` : p) + (q === undefined ? '' : `?${q}`);
    const out = http.request({ host: '127.0.0.1', port: inner.port, method: req.method, path, headers: req.headers, agent: false }, (back) => {
      res.writeHead(back.statusCode ?? 502, back.headers);
      back.pipe(res);
    });
    out.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const front = Object.create(inner) as Backend;
  Object.defineProperties(front, {
    url: { value: `http://127.0.0.1:${port}` },
    port: { value: port },
    close: {
      value: async () => {
        await new Promise<void>((r) => server.close(() => r()));
        await inner.close();
      },
    },
  });
  return front;
}
