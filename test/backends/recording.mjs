// A generic, request-recording HTTP mock: canned answers per route, optional
// delays (endpoint timeouts), dropped connections (failover) and echo.
import { listen, readBody, recordOf, send } from './http-kit.mjs';

/** @typedef {import('./http-kit.mjs').RecordedRequest} RecordedRequest */

/**
 * A canned answer. `body` objects/arrays are sent as JSON, strings as text
 * (content type `text/plain` unless `headers` set one), Buffers as bytes.
 * @typedef {object} CannedResponse
 * @property {number} [status]            default 200
 * @property {Record<string, string>} [headers]
 * @property {string | Buffer | object} [body]
 * @property {number} [delayMs]           wait before answering (timeouts)
 * @property {boolean} [echo]             answer with the request body and content type
 * @property {boolean} [dropConnection]   destroy the socket without answering
 */

/**
 * A route answers with a CannedResponse or computes one from the request.
 * @typedef {CannedResponse | ((request: RecordedRequest) => CannedResponse | Promise<CannedResponse>)} RouteAnswer
 */

/**
 * @typedef {object} RecordingOptions
 * @property {number} [port]
 * @property {string} [host]
 * @property {Record<string, RouteAnswer>} [routes]
 *   keys are `'METHOD /path'` (exact path, query ignored), `'* /path'` for any
 *   method, and a path ending in `/*` matches that prefix
 * @property {RouteAnswer} [fallback]   for unmatched requests; default 200 `{"ok":true}`
 * @property {boolean} [echo]           unmatched requests are echoed instead of `fallback`
 */

/**
 * @typedef {object} RecordingBackend
 * @property {number} port
 * @property {string} url
 * @property {RecordedRequest[]} requests       every request, oldest first
 * @property {RecordedRequest[]} lastRequests   the same array (name shared with the other backends)
 * @property {(key: string, answer: RouteAnswer) => void} setRoute
 * @property {(count: number, timeoutMs?: number) => Promise<RecordedRequest[]>} waitForRequests
 *   resolves once `count` requests have been recorded (for fire-and-forget flows)
 * @property {() => void} reset   forgets recorded requests (routes stay)
 * @property {() => Promise<void>} close
 */

/** @type {CannedResponse} */
const DEFAULT_FALLBACK = { status: 200, body: { ok: true } };

/**
 * @param {RecordingOptions} [options]
 * @returns {Promise<RecordingBackend>}
 */
export async function start(options = {}) {
  /** @type {Map<string, RouteAnswer>} */
  const routes = new Map(Object.entries(options.routes ?? {}));
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {Array<() => void>} */
  let waiters = [];

  const running = await listen(options, (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain; charset=UTF-8' }, String(error?.stack ?? error));
      else res.destroy();
    });
  });

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const raw = await readBody(req);
    const request = recordOf(req, raw);
    requests.push(request);
    const pending = waiters;
    waiters = [];
    pending.forEach((wake) => wake());

    const answer = findRoute(request) ?? (options.echo ? { echo: true } : options.fallback ?? DEFAULT_FALLBACK);
    const canned = typeof answer === 'function' ? await answer(request) : answer;
    if (canned.delayMs && canned.delayMs > 0) {
      const aborted = await delayUnlessClosed(res, canned.delayMs);
      if (aborted) return;
    }
    if (canned.dropConnection) {
      req.socket.destroy();
      return;
    }
    if (canned.echo) {
      const contentType = req.headers['content-type'] ?? 'application/octet-stream';
      send(res, canned.status ?? 200, { 'content-type': contentType, ...canned.headers }, raw);
      return;
    }
    const { headers, payload } = encodeBody(canned);
    send(res, canned.status ?? 200, headers, payload);
  }

  /** @param {RecordedRequest} request */
  function findRoute(request) {
    const candidates = [`${request.method} ${request.path}`, `* ${request.path}`];
    for (const key of candidates) {
      const exact = routes.get(key);
      if (exact) return exact;
    }
    for (const [key, answer] of routes) {
      const space = key.indexOf(' ');
      const method = key.slice(0, space);
      const pattern = key.slice(space + 1);
      if (method !== '*' && method !== request.method) continue;
      if (pattern.endsWith('/*') && (request.path === pattern.slice(0, -2) || request.path.startsWith(pattern.slice(0, -1)))) return answer;
    }
    return undefined;
  }

  return {
    port: running.port,
    url: running.url,
    requests,
    lastRequests: requests,
    setRoute(key, answer) {
      routes.set(key, answer);
    },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`expected ${count} requests, got ${requests.length}`)), timeoutMs);
        const check = () => {
          if (requests.length >= count) {
            clearTimeout(deadline);
            resolve(requests.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    reset() {
      requests.length = 0;
    },
    close: running.close,
  };
}

/**
 * Waits `ms`, or less if the client goes away first.
 * @param {import('node:http').ServerResponse} res
 * @param {number} ms
 * @returns {Promise<boolean>} true when the client closed the connection
 */
function delayUnlessClosed(res, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(false);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(true);
    };
    res.once('close', onClose);
  });
}

/**
 * @param {CannedResponse} canned
 * @returns {{ headers: Record<string, string>, payload: string | Buffer }}
 */
function encodeBody(canned) {
  const headers = { ...canned.headers };
  const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  const body = canned.body;
  if (body === undefined) return { headers, payload: '' };
  if (Buffer.isBuffer(body)) return { headers: hasContentType ? headers : { ...headers, 'content-type': 'application/octet-stream' }, payload: body };
  if (typeof body === 'string') return { headers: hasContentType ? headers : { ...headers, 'content-type': 'text/plain; charset=UTF-8' }, payload: body };
  return { headers: hasContentType ? headers : { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) };
}
