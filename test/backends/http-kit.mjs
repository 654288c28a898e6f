// Shared plumbing for the stand-in backends: listening, closing, reading
// bodies and recording requests. Built-ins only, so the backends can be imported
// from vitest (TS), scripts/*.mjs and bench/ without a build step.
import http from 'node:http';

/**
 * A request as a backend saw it, kept for test assertions.
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} url        path plus query string, as sent
 * @property {string} path       path without the query string
 * @property {Record<string, string | string[] | undefined>} headers  lower-cased names
 * @property {string} body       decoded as UTF-8
 * @property {number} receivedAt epoch milliseconds
 */

/**
 * @typedef {object} ListenOptions
 * @property {number} [port]  0 (default) picks a free port
 * @property {string} [host]  default: unspecified, i.e. every interface, dual-stack when
 *                            IPv6 exists, so both `localhost` -> ::1 and 127.0.0.1 reach it
 */

/**
 * @typedef {object} RunningServer
 * @property {http.Server} server
 * @property {number} port
 * @property {string} url     base URL without a trailing slash
 * @property {() => Promise<void>} close  stops listening and drops keep-alive sockets
 */

/**
 * Starts an HTTP server for `handler` and resolves once it listens.
 * @param {ListenOptions} options
 * @param {http.RequestListener} handler
 * @returns {Promise<RunningServer>}
 */
export async function listen(options, handler) {
  const server = http.createServer(handler);
  // Same keep-alive budget as the reference benchmark backend, longer than clients'.
  server.keepAliveTimeout = 65000;
  server.headersTimeout = 66000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    const onListening = () => {
      server.off('error', reject);
      resolve(undefined);
    };
    if (options.host) server.listen(options.port ?? 0, options.host, onListening);
    else server.listen(options.port ?? 0, onListening);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const port = address.port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing = /** @type {Promise<void> | null} */ (null);
  const close = () => {
    closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { server, port, url, close };
}

/**
 * Reads the whole request body.
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Builds the record kept for a request whose body has been read.
 * @param {http.IncomingMessage} req
 * @param {Buffer} body
 * @returns {RecordedRequest}
 */
export function recordOf(req, body) {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    url,
    path: queryAt < 0 ? url : url.slice(0, queryAt),
    headers: { ...req.headers },
    body: body.toString('utf8'),
    receivedAt: Date.now(),
  };
}

/**
 * Appends to a bounded log, dropping the oldest entries beyond `limit`.
 * @template T
 * @param {T[]} log
 * @param {T} entry
 * @param {number} limit
 */
export function pushBounded(log, entry, limit) {
  log.push(entry);
  if (log.length > limit) log.splice(0, log.length - limit);
}

/**
 * Writes a complete response with an explicit Content-Length.
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {string | Buffer} [body]
 */
export function send(res, status, headers, body) {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(payload.length) });
  res.end(payload);
}

/**
 * Media type of a Content-Type header value, lower-cased, without parameters.
 * @param {string | undefined} contentType
 */
export function mediaTypeOf(contentType) {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * One parameter of a Content-Type header value (e.g. SOAP 1.2 `action`), unquoted.
 * @param {string | undefined} contentType
 * @param {string} name
 * @returns {string | null}
 */
export function contentTypeParam(contentType, name) {
  for (const part of (contentType ?? '').split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim().toLowerCase() !== name) continue;
    return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return null;
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
