// The SimpleStockQuoteService data beans and their Axis2-RPC XML form.
// Field order is alphabetical (Axis2's bean serializer sorts properties) and
// every bean field lives in the `http://services.samples/xsd` namespace (ax21).
import { escapeText } from './xml-lite.mjs';
import { javaDateString, javaDouble } from './java-format.mjs';

export const SERVICES_NS = 'http://services.samples';
export const XSD_NS = 'http://services.samples/xsd';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Timestamp used by deterministic quotes (a Monday, as Java would print it). */
export const FIXED_TIMESTAMP = 'Mon Jan 01 00:00:00 UTC 2024';

/**
 * @typedef {object} Quote
 * @property {number} change
 * @property {number} earnings
 * @property {number} high
 * @property {number} last
 * @property {string} lastTradeTimestamp
 * @property {number} low
 * @property {number} marketCap
 * @property {string} name
 * @property {number} open
 * @property {number} peRatio
 * @property {number} percentageChange
 * @property {number} prevClose
 * @property {string} symbol
 * @property {number} volume   an int
 */

/** @type {ReadonlyArray<keyof Quote>} */
const QUOTE_FIELDS = [
  'change', 'earnings', 'high', 'last', 'lastTradeTimestamp', 'low', 'marketCap',
  'name', 'open', 'peRatio', 'percentageChange', 'prevClose', 'symbol', 'volume',
];

/**
 * The fixed quote of deterministic mode. Only `symbol` and `name` depend on the request.
 * @param {string} symbol
 * @returns {Quote}
 */
export function fixedQuote(symbol) {
  return {
    change: -2.5,
    earnings: 12.5,
    high: 101.5,
    last: 100.0,
    lastTradeTimestamp: FIXED_TIMESTAMP,
    low: 98.5,
    marketCap: 5.7e7,
    name: `${symbol} Company`,
    open: 99.5,
    peRatio: 24.0,
    percentageChange: -2.5,
    prevClose: 102.5,
    symbol,
    volume: 10000,
  };
}

/**
 * A quote with random values in the ranges the original service uses (signs of
 * high/low/open may flip, as in the docs' sample outputs).
 * @param {string} symbol
 * @param {() => number} [random]
 * @returns {Quote}
 */
export function randomQuote(symbol, random = Math.random) {
  const sign = () => (random() < 0.5 ? -1 : 1);
  const last = 100 * (0.55 + 0.9 * random());
  const change = (random() - 0.5) * 6;
  const prevClose = last * (1 + (random() - 0.5) * 0.1);
  return {
    change,
    earnings: (random() - 0.5) * 20,
    high: sign() * last * (1 + random() * 0.05),
    last,
    lastTradeTimestamp: javaDateString(new Date()),
    low: sign() * last * (1 - random() * 0.05),
    marketCap: (random() - 0.5) * 2e7,
    name: `${symbol} Company`,
    open: sign() * last * (1 + (random() - 0.5) * 0.1),
    peRatio: (random() - 0.5) * 40,
    percentageChange: (change / prevClose) * 100,
    prevClose,
    symbol,
    volume: Math.floor(5000 + random() * 10000),
  };
}

/**
 * The quote's fields as `ax21:*` elements, alphabetical.
 * @param {Quote} quote
 * @returns {string}
 */
export function quoteFieldsXml(quote) {
  return QUOTE_FIELDS.map((field) => {
    const value = quote[field];
    const text = typeof value === 'string' ? escapeText(value) : field === 'volume' ? String(Math.trunc(value)) : javaDouble(value);
    return `<ax21:${field}>${text}</ax21:${field}>`;
  }).join('');
}

/**
 * `<ns:{operation}Response>` wrapping one `ns:return` bean of the given xsi type.
 * @param {string} responseName   e.g. getQuoteResponse
 * @param {string} beanType       e.g. GetQuoteResponse
 * @param {string} beanContent    the bean's child elements
 */
export function rpcResponseXml(responseName, beanType, beanContent) {
  return `<ns:${responseName} xmlns:ns="${SERVICES_NS}">` +
    `<ns:return xmlns:ax21="${XSD_NS}" xmlns:xsi="${XSI_NS}" xsi:type="ax21:${beanType}">` +
    beanContent +
    `</ns:return></ns:${responseName}>`;
}

/**
 * Bean content of GetFullQuoteResponse: one `ax21:tradeHistory` per day.
 * @param {(day: number) => Quote} quoteForDay
 * @param {number} days
 */
export function fullQuoteXml(quoteForDay, days) {
  let xml = '';
  for (let day = 0; day < days; day++) {
    xml += `<ax21:tradeHistory xsi:type="ax21:TradingDay"><ax21:day>${day}</ax21:day>` +
      `<ax21:quote xsi:type="ax21:GetQuoteResponse">${quoteFieldsXml(quoteForDay(day))}</ax21:quote></ax21:tradeHistory>`;
  }
  return xml;
}

/**
 * Bean content of GetMarketActivityResponse: one `ax21:quotes` per symbol.
 * @param {Quote[]} quotes
 */
export function marketActivityXml(quotes) {
  return quotes.map((q) => `<ax21:quotes xsi:type="ax21:GetQuoteResponse">${quoteFieldsXml(q)}</ax21:quotes>`).join('');
}
