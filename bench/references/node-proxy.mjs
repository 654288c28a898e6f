// The "limit" for a Node runtime: a minimal node:http reverse proxy with a keep-alive agent.
//   MODE=passthrough  pipes the body to the backend, never buffering or parsing it;
//   MODE=cbr          the smallest JSON content-based router: buffer, JSON.parse, forward the
//                     original bytes when order[0].symbol is IBM, else answer 400.
// Env: PROXY_PORT, UPSTREAM_PORT (127.0.0.1), MODE. Path and method are forwarded unchanged.
import http from 'node:http';

const port = Number(process.env.PROXY_PORT);
const upstreamPort = Number(process.env.UPSTREAM_PORT);
const mode = process.env.MODE ?? 'passthrough';
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

function endToEnd(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
  return out;
}

function forward(req, res, buffered) {
  const headers = endToEnd(req.headers);
  if (buffered) headers['content-length'] = buffered.length;
  const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(e.message);
  });
  if (buffered) upstream.end(buffered);
  else req.pipe(upstream);
}

function routeOnJson(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    let matches = false;
    try {
      matches = JSON.parse(body)?.order?.[0]?.symbol === 'IBM';
    } catch {
      matches = false;
    }
    if (matches) forward(req, res, body);
    else {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":"no route"}');
    }
  });
}

const server = http.createServer(mode === 'cbr' ? routeOnJson : (req, res) => forward(req, res, null));
server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`node-proxy (${mode}) on 127.0.0.1:${port} -> 127.0.0.1:${upstreamPort}\n`));
process.on('SIGTERM', () => process.exit(0));
