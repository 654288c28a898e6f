/** Shared bits of case modules: documented requests and unreachable addresses. */
import { SAMPLES } from './xml.js';

/** Nothing listens on port 1: connecting fails at once (MI error 101503). */
export const UNREACHABLE = 'http://127.0.0.1:1';

export const SOAP11_HEADERS = (action: string) => ({ 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: `"${action}"` });

export const placeOrderEnvelope = (price: string, quantity: string, symbol = 'IBM') =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m0:placeOrder xmlns:m0="${SAMPLES}"><m0:order><m0:price>${price}</m0:price><m0:quantity>${quantity}</m0:quantity><m0:symbol>${symbol}</m0:symbol></m0:order></m0:placeOrder></soapenv:Body></soapenv:Envelope>`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` stops throwing (backends log one-way messages after answering). */
export async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await sleep(25);
    }
  }
}
