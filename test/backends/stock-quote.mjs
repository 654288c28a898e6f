// Stand-in for the Axis2 sample server (SimpleStockQuoteService on 9000 and
// the LBService load-balance services) used by the MI docs examples.
// Contract: /work/shared/corpus/BACKENDS.md §1; choices are listed in README.md.
import { listen, readBody, recordOf, pushBounded, send, sleep } from './http-kit.mjs';
import { XmlSyntaxError, descendantsNamed, parseXml, serializeXml, textOf, escapeText } from './xml-lite.mjs';
import { faultXml, readMessage, replyContentType, replyDocument } from './soap.mjs';
import {
  fixedQuote, fullQuoteXml, marketActivityXml, quoteFieldsXml, randomQuote, rpcResponseXml, SERVICES_NS,
} from './stock-quote-beans.mjs';
import { simpleStockQuoteWsdl } from './stock-quote-wsdl.mjs';
import { javaDouble } from './java-format.mjs';

/** @typedef {import('./stock-quote-beans.mjs').Quote} Quote */
/** @typedef {import('./xml-lite.mjs').XmlElement} XmlElement */
/** @typedef {import('./http-kit.mjs').RecordedRequest} RecordedRequest */

/**
 * @typedef {object} StockQuoteOptions
 * @property {number} [port]         0 (default) picks a free port
 * @property {string} [host]         see http-kit ListenOptions
 * @property {boolean} [random]      random quote values like the original; default false (fixed values)
 * @property {(symbol: string) => Partial<Quote>} [quote]  overrides merged into every generated quote
 * @property {'pox' | 'soap11'} [poxReply]  how to answer a request without an envelope:
 *   'pox' (default, what Axis2 does for REST requests) or a SOAP 1.1 envelope
 * @property {string} [serverName]   value of the `x-backend-server` reply header
 * @property {number} [maxRecorded]  bound of `lastRequests` and `logs` (default 1000)
 */

/**
 * @typedef {object} PlacedOrder
 * @property {number} number     running counter from 1, per instance
 * @property {string} symbol
 * @property {number} quantity
 * @property {number} price
 */

/**
 * @typedef {object} StockQuoteBackend
 * @property {number} port
 * @property {string} url          base URL, e.g. http://127.0.0.1:9000
 * @property {string} serviceUrl   `${url}/services/SimpleStockQuoteService`
 * @property {{ total: number, byOperation: Record<string, number> }} hits  dispatched calls of this instance
 * @property {PlacedOrder[]} orders accepted placeOrder calls
 * @property {RecordedRequest[]} lastRequests  every request, oldest first
 * @property {string[]} logs       the console lines the original service prints
 * @property {() => void} reset    clears hits, orders, requests, logs and the order counter
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {{ kind: 'reply', responseName: string, xml: string }
 *   | { kind: 'accepted' }
 *   | { kind: 'fault', code: 'Server' | 'Client', reason: string }} OperationResult
 */

/** @typedef {(payload: XmlElement | null) => OperationResult | Promise<OperationResult>} Operation */

const FULL_QUOTE_DAYS = 365;
const LOG_PREFIX = 'samples.services.SimpleStockQuoteService';

/**
 * @param {StockQuoteOptions} [options]
 * @returns {Promise<StockQuoteBackend>}
 */
export async function start(options = {}) {
  const maxRecorded = options.maxRecorded ?? 1000;
  const hits = { total: 0, byOperation: /** @type {Record<string, number>} */ ({}) };
  /** @type {PlacedOrder[]} */
  const orders = [];
  /** @type {RecordedRequest[]} */
  const lastRequests = [];
  /** @type {string[]} */
  const logs = [];
  let orderCounter = 0;

  const log = (/** @type {string} */ line) => pushBounded(logs, line, maxRecorded);

  /** @param {string} symbol @returns {Quote} */
  const quoteFor = (symbol) => ({
    ...(options.random ? randomQuote(symbol) : fixedQuote(symbol)),
    ...(options.quote ? options.quote(symbol) : {}),
  });
  /** @param {XmlElement | null} payload */
  const symbolOf = (payload) => {
    const field = payload ? descendantsNamed(payload, 'symbol')[0] : undefined;
    return field ? textOf(field).trim() : 'null';
  };
  /** @param {string} responseName @param {string} beanType @param {string} content @returns {OperationResult} */
  const reply = (responseName, beanType, content) => ({ kind: 'reply', responseName, xml: rpcResponseXml(responseName, beanType, content) });

  /** @type {Record<string, Operation>} */
  const stockQuoteOperations = {
    getQuote(payload) {
      const symbol = symbolOf(payload);
      if (symbol === 'ERR') return { kind: 'fault', code: 'Server', reason: `Invalid stock symbol : ${symbol}` };
      log(`${LOG_PREFIX} :: Generating quote for : ${symbol}`);
      return reply('getQuoteResponse', 'GetQuoteResponse', quoteFieldsXml(quoteFor(symbol)));
    },
    getSimpleQuote(payload) {
      const symbol = symbolOf(payload);
      log(`${LOG_PREFIX} :: Generating quote for : ${symbol}`);
      return reply('getSimpleQuoteResponse', 'GetQuoteResponse', quoteFieldsXml(quoteFor(symbol)));
    },
    getFullQuote(payload) {
      const symbol = symbolOf(payload);
      log(`${LOG_PREFIX} :: Full quote for : ${symbol}`);
      return reply('getFullQuoteResponse', 'GetFullQuoteResponse', fullQuoteXml(() => quoteFor(symbol), FULL_QUOTE_DAYS));
    },
    getMarketActivity(payload) {
      const symbols = payload ? descendantsNamed(payload, 'symbols').map((e) => textOf(e).trim()) : [];
      log(`${LOG_PREFIX} :: Generating Market activity report for : [${symbols.join(', ')}]`);
      return reply('getMarketActivityResponse', 'GetMarketActivityResponse', marketActivityXml(symbols.map(quoteFor)));
    },
    placeOrder(payload) {
      const field = (/** @type {string} */ name) => {
        const e = payload ? descendantsNamed(payload, name)[0] : undefined;
        return e ? textOf(e).trim() : '';
      };
      const order = {
        number: ++orderCounter,
        symbol: field('symbol') || 'null',
        quantity: Math.trunc(Number(field('quantity')) || 0),
        price: Number(field('price')) || 0,
      };
      orders.push(order);
      log(`${LOG_PREFIX}  :: Accepted order #${order.number} for : ${order.quantity} stocks of ${order.symbol} at $ ${javaDouble(order.price)}`);
      return { kind: 'accepted' };
    },
  };

  /** LBService operations take and return untyped payloads: they echo the request. */
  /** @type {Record<string, Operation>} */
  const loadBalanceOperations = {
    sampleOperation: echoPayload,
    loadOperation: echoPayload,
    setClientName: echoPayload,
    async sleepOperation(payload) {
      const load = payload ? descendantsNamed(payload, 'load')[0] : undefined;
      const ms = load ? Number(textOf(load).trim()) : 0;
      if (Number.isFinite(ms) && ms > 0) await sleep(Math.min(ms, 600000));
      return echoPayload(payload, 'sleepOperation');
    },
  };

  /** @type {Record<string, Record<string, Operation>>} */
  const services = {
    SimpleStockQuoteService: stockQuoteOperations,
    LBService1: loadBalanceOperations,
    LBService2: loadBalanceOperations,
  };

  const running = await listen(options, (req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain; charset=UTF-8' }, String(error?.stack ?? error));
      else res.destroy();
    });
  });
  const serverName = options.serverName ?? `SimpleAxis2Server:${running.port}`;

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const body = await readBody(req);
    const record = recordOf(req, body);
    pushBounded(lastRequests, record, maxRecorded);
    const url = new URL(record.url, 'http://backend');
    const route = /^\/services\/([^/.]+)(?:\.([^/]+?))?(?:\/([^/]*))?\/?$/.exec(url.pathname);
    const operations = route ? services[route[1]] : undefined;
    if (!route || !operations) {
      const reason = `The service cannot be found for the endpoint reference (EPR) ${url.pathname}`;
      send(res, 404, { 'content-type': replyContentType('soap11') }, replyDocument('soap11', faultXml('soap11', 'Client', reason)));
      return;
    }
    const serviceName = route[1];
    const pathOperation = route[3] ?? '';

    if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
      if (serviceName !== 'SimpleStockQuoteService') {
        send(res, 404, { 'content-type': 'text/plain; charset=UTF-8' }, `No WSDL for ${serviceName}`);
        return;
      }
      const base = `http://${req.headers.host ?? `localhost:${running.port}`}`;
      send(res, 200, { 'content-type': 'text/xml; charset=UTF-8' }, simpleStockQuoteWsdl(base));
      return;
    }

    /** @type {import('./soap.mjs').IncomingMessage} */
    let message;
    try {
      message = req.method === 'GET'
        ? restGetMessage(pathOperation, url.searchParams)
        : readMessage(record.body, req.headers);
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      const kind = /soap\+xml/i.test(String(req.headers['content-type'])) ? 'soap12' : 'soap11';
      sendFault(res, kind, 'Client', `Error in building the message: ${error.message}`);
      return;
    }
    const replyKind = message.kind === 'pox' && options.poxReply === 'soap11' ? 'soap11' : message.kind;

    const operationName = [message.wsaAction, message.soapAction].map((a) => operationFromAction(a, operations)).find(Boolean)
      ?? (pathOperation in operations ? pathOperation : null)
      ?? (message.payload && message.payload.local in operations ? message.payload.local : null);
    if (!operationName) {
      const action = message.wsaAction ?? message.soapAction ?? 'null';
      sendFault(res, replyKind, 'Client',
        `The endpoint reference (EPR) for the Operation not found is ${url.pathname} and the WSA Action = ${action}. ` +
        'If this EPR was previously reachable, please contact the server administrator.');
      return;
    }
    hits.total++;
    hits.byOperation[operationName] = (hits.byOperation[operationName] ?? 0) + 1;

    const result = await operations[operationName](message.payload);
    if (result.kind === 'accepted') {
      send(res, 202, { 'x-backend-server': serverName });
    } else if (result.kind === 'fault') {
      sendFault(res, replyKind, result.code, result.reason);
    } else {
      const contentType = replyContentType(replyKind, { action: `urn:${result.responseName}`, requestMediaType: message.mediaType });
      send(res, 200, { 'content-type': contentType, 'x-backend-server': serverName }, replyDocument(replyKind, result.xml));
    }
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {import('./soap.mjs').MessageKind} kind
   * @param {'Server' | 'Client'} code
   * @param {string} reason
   */
  function sendFault(res, kind, code, reason) {
    const headers = { 'content-type': replyContentType(kind, { action: 'http://www.w3.org/2005/08/addressing/soap/fault' }), 'x-backend-server': serverName };
    send(res, 500, headers, replyDocument(kind, faultXml(kind, code, reason)));
  }

  return {
    port: running.port,
    url: running.url,
    serviceUrl: `${running.url}/services/SimpleStockQuoteService`,
    hits,
    orders,
    lastRequests,
    logs,
    reset() {
      hits.total = 0;
      for (const key of Object.keys(hits.byOperation)) delete hits.byOperation[key];
      orders.length = 0;
      lastRequests.length = 0;
      logs.length = 0;
      orderCounter = 0;
    },
    close: running.close,
  };
}

/**
 * Echo used by the LBService operations: the request payload, standalone.
 * @param {XmlElement | null} payload
 * @param {string} [operation]
 * @returns {OperationResult}
 */
function echoPayload(payload, operation = 'sampleOperation') {
  return { kind: 'reply', responseName: `${payload?.local ?? operation}Response`, xml: payload ? serializeXml(payload) : '' };
}

/**
 * Maps `urn:getQuote`, `http://…/getQuote` or `getQuote` to a known operation;
 * other actions (e.g. `urn:mediate`) leave dispatch to the body.
 * @param {string | null} action
 * @param {Record<string, Operation>} operations
 */
function operationFromAction(action, operations) {
  if (!action) return null;
  const name = action.split(/[:/]/).filter(Boolean).pop() ?? '';
  return name in operations ? name : null;
}

/**
 * Axis2 REST GET: `/services/Svc/getQuote?symbol=IBM` becomes a POX payload
 * whose children are the query parameters.
 * @param {string} operation
 * @param {URLSearchParams} params
 * @returns {import('./soap.mjs').IncomingMessage}
 */
function restGetMessage(operation, params) {
  if (!operation) return { kind: 'pox', payload: null, soapAction: null, wsaAction: null, mediaType: 'application/xml' };
  const children = [...params].map(([k, v]) => `<${k}>${escapeText(v)}</${k}>`).join('');
  const payload = parseXml(`<${operation} xmlns="${SERVICES_NS}">${children}</${operation}>`);
  return { kind: 'pox', payload, soapAction: null, wsaAction: null, mediaType: 'application/xml' };
}
